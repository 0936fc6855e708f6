"""Leerwerkplekken: workplaces, their recognitions (erkenningen) and mentors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.documents import Document
from trajectkit.catalogue.model.base import Source, as_date, as_id, as_ids, source_field


@dataclass(frozen=True)
class Address:
    """A site or a home: street, postcode, municipality and optional coordinates."""

    street: str | None = None
    postcode: str | None = None
    municipality: str | None = None
    coordinates: tuple[float, float] | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> Address | None:
        if data is None:
            return None
        coordinates = data.get("coordinates")
        return cls(
            data.get("street"),
            str(data["postcode"]) if "postcode" in data else None,
            data.get("municipality"),
            (float(coordinates[0]), float(coordinates[1])) if coordinates else None,
        )


ACTIVE = "active"


@dataclass(frozen=True)
class Recognition:
    """Erkenning: a workplace may train learners of one trajectory, for a period.

    A recognition can be suspended (geschorst) or withdrawn (ingetrokken) from
    ``status_from`` on; it then no longer counts, although its period runs on.
    """

    trajectory: str
    valid_from: dt.date
    valid_until: dt.date | None
    capacity: int
    granted_by: str | None = None
    status: str = ACTIVE
    status_from: dt.date | None = None
    source: Source = source_field()

    def in_period(self, day: dt.date) -> bool:
        """Whether ``day`` lies within ``valid_from``..``valid_until``, whatever the status."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def inactive_on(self, day: dt.date) -> bool:
        """Suspended or withdrawn on ``day``."""
        return self.status != ACTIVE and (self.status_from is None or self.status_from <= day)

    def valid_on(self, day: dt.date) -> bool:
        """In its period and neither suspended nor withdrawn on ``day``."""
        return self.in_period(day) and not self.inactive_on(day)


@dataclass(frozen=True)
class Derogation:
    """Afwijking: what the partnership granted one mentor below the usual requirements."""

    min_age: int | None = None
    experience: bool = False
    granted_by: str | None = None
    granted_on: dt.date | None = None
    source: Source = source_field()

    def holds_on(self, day: dt.date) -> bool:
        return self.granted_on is None or self.granted_on <= day

    def by(self) -> str:
        """`` granted by X`` for a message, or nothing."""
        return f" granted by {self.granted_by}" if self.granted_by else ""

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None, source: Source) -> Derogation | None:
        if data is None:
            return None
        return cls(
            data.get("min_age"),
            bool(data.get("experience", False)),
            data.get("granted_by"),
            as_date(data.get("granted_on")),
            source,
        )


@dataclass(frozen=True)
class Mentor:
    """Mentor: the person at the workplace who guides the learner."""

    id: str
    name: str
    birth_date: dt.date
    experience_years: float
    training_completed: dt.date | None
    appointed: dt.date | None = None
    conduct_certificate: dt.date | None = None
    derogation: Derogation | None = None
    source: Source = source_field()

    def derogation_on(self, day: dt.date) -> Derogation | None:
        """The mentor's derogation if it has been granted by ``day``."""
        return self.derogation if self.derogation is not None and self.derogation.holds_on(day) else None


@dataclass(frozen=True)
class Workplace:
    """Leerwerkplek / onderneming: an enterprise site that trains learners."""

    id: str
    name: str
    enterprise_number: str | None
    site: Address | None
    recognitions: tuple[Recognition, ...]
    cannot_offer: tuple[str, ...]
    mentors: tuple[Mentor, ...]
    source: Source = source_field()

    def mentor(self, mentor_id: str) -> Mentor | None:
        return next((mentor for mentor in self.mentors if mentor.id == mentor_id), None)

    def recognitions_for(self, trajectory: str) -> tuple[Recognition, ...]:
        return tuple(item for item in self.recognitions if item.trajectory == trajectory)

    def recognition_on(self, trajectory: str, day: dt.date) -> Recognition | None:
        """The recognition that counts on ``day`` (in its period, not suspended or
        withdrawn); the largest when several do."""
        valid = [item for item in self.recognitions_for(trajectory) if item.valid_on(day)]
        return max(valid, key=lambda item: item.capacity, default=None)

    def recognition_in_period(self, trajectory: str, day: dt.date) -> Recognition | None:
        """The recognition whose period holds ``day``, whatever its status; the largest
        when several do (rule ``recognition-inactive`` looks at the status)."""
        found = [item for item in self.recognitions_for(trajectory) if item.in_period(day)]
        return max(found, key=lambda item: (item.valid_on(day), item.capacity), default=None)

    @classmethod
    def from_document(cls, document: Document) -> Workplace:
        data, src = document.data, Source(document)
        recognitions = tuple(
            Recognition(
                as_id(item["trajectory"]),
                dt.date.fromisoformat(item["valid_from"]),
                as_date(item.get("valid_until")),
                item["capacity"],
                item.get("granted_by"),
                item.get("status", ACTIVE),
                as_date(item.get("status_from")),
                source=src.child("recognitions", i),
            )
            for i, item in enumerate(data.get("recognitions", ()))
        )
        mentors = tuple(
            Mentor(
                as_id(item["id"]),
                item["name"],
                dt.date.fromisoformat(item["birth_date"]),
                item["experience_years"],
                as_date(item.get("training_completed")),
                as_date(item.get("appointed")),
                as_date(item.get("conduct_certificate")),
                Derogation.from_data(item.get("derogation"), src.child("mentors", i, "derogation")),
                source=src.child("mentors", i),
            )
            for i, item in enumerate(data.get("mentors", ()))
        )
        return cls(
            as_id(data["id"]),
            data["name"],
            data.get("enterprise_number"),
            Address.from_data(data.get("site")),
            recognitions,
            as_ids(data.get("cannot_offer")),
            mentors,
            src,
        )
