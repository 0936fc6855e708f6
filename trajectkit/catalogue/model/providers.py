"""Onderwijsverstrekkers: the schools, adult-education centres and Syntra campuses that
organise (inrichten) standard trajectories, and their trajectory coaches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trajectkit.catalogue.documents import Document
from trajectkit.catalogue.model.base import Source, as_date, as_id, source_field
from trajectkit.catalogue.model.workplaces import Address


@dataclass(frozen=True)
class Offer:
    """Aanbod: a standard trajectory the provider organises, from a date (``until`` included)."""

    trajectory: str
    start: dt.date
    until: dt.date | None
    source: Source = source_field()

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.until is None or day <= self.until)

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether the offer runs on at least one day from ``first`` to ``last``."""
        return self.start <= last and (self.until is None or first <= self.until)


@dataclass(frozen=True)
class Coach:
    """Trajectbegeleider: the provider's person who guides learners and their workplaces."""

    id: str
    name: str
    email: str | None
    source: Source = source_field()


@dataclass(frozen=True)
class Provider:
    """Onderwijsverstrekker: a school, CVO or Syntra campus that organises trajectories."""

    id: str
    name: str
    institution_number: str | None
    site: Address | None
    offers: tuple[Offer, ...]
    coaches: tuple[Coach, ...]
    source: Source = source_field()

    def coach(self, coach_id: str) -> Coach | None:
        return next((coach for coach in self.coaches if coach.id == coach_id), None)

    def offers_on(self, trajectory: str, day: dt.date) -> bool:
        return any(offer.trajectory == trajectory and offer.covers(day) for offer in self.offers)

    @classmethod
    def from_document(cls, document: Document) -> Provider:
        data, src = document.data, Source(document)
        offers = tuple(
            Offer(
                as_id(item["trajectory"]),
                dt.date.fromisoformat(item["from"]),
                as_date(item.get("until")),
                source=src.child("offers", i),
            )
            for i, item in enumerate(data.get("offers", ()))
        )
        coaches = tuple(
            Coach(as_id(item["id"]), item["name"], item.get("email"), source=src.child("coaches", i))
            for i, item in enumerate(data.get("coaches", ()))
        )
        number = data.get("institution_number")
        return cls(
            as_id(data["id"]),
            data["name"],
            str(number) if number is not None else None,
            Address.from_data(data.get("site")),
            offers,
            coaches,
            source=src,
        )
