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


@dataclass(frozen=True)
class Recognition:
    """Erkenning: a workplace may train learners of one trajectory, for a period."""

    trajectory: str
    valid_from: dt.date
    valid_until: dt.date | None
    capacity: int
    source: Source = source_field()

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class Mentor:
    """Mentor: the person at the workplace who guides the learner."""

    id: str
    name: str
    birth_date: dt.date
    experience_years: float
    training_completed: dt.date | None
    source: Source = source_field()


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
        valid = [item for item in self.recognitions_for(trajectory) if item.valid_on(day)]
        return max(valid, key=lambda item: item.capacity, default=None)

    @classmethod
    def from_document(cls, document: Document) -> Workplace:
        data, src = document.data, Source(document)
        recognitions = tuple(
            Recognition(
                as_id(item["trajectory"]),
                dt.date.fromisoformat(item["valid_from"]),
                as_date(item.get("valid_until")),
                item["capacity"],
                src.child("recognitions", i),
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
                src.child("mentors", i),
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
