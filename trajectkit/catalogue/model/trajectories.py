"""Standaardtraject: an educational qualification split over learning places."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.documents import Document
from trajectkit.catalogue.model.base import Source, as_date, as_id, as_ids, source_field
from trajectkit.catalogue.model.progress import EvaluationMoment, evaluation_moments

SCHOOL = "school"
WORKPLACE = "workplace"
TRAINING_CENTRE = "training-centre"
SIMULATED = "simulated"


@dataclass(frozen=True)
class LearningPlace:
    """Leerplek: school, workplace (werkplek), training centre or simulated workplace."""

    id: str
    type: str
    source: Source = source_field()

    @property
    def is_school(self) -> bool:
        return self.type == SCHOOL

    @property
    def is_workplace(self) -> bool:
        return self.type == WORKPLACE


@dataclass(frozen=True)
class Phase:
    """Fase of a trajectory, in order (e.g. instap, verdieping)."""

    id: str
    title: str
    weeks: int | None
    source: Source = source_field()


@dataclass(frozen=True)
class Cluster:
    """Cluster: competences that together lead to a certificate."""

    id: str
    title: str
    competences: tuple[str, ...]
    source: Source = source_field()


@dataclass(frozen=True)
class Allocation:
    """Where a competence is learned (``at``), who assesses it, in which phase, after what."""

    competence: str
    at: tuple[str, ...]
    assessed_by: tuple[str, ...]
    phase: str | None
    requires: tuple[str, ...]
    source: Source = source_field()


@dataclass(frozen=True)
class Certificate:
    """Kwalificatiebewijs the trajectory leads to, and the clusters that earn it."""

    type: str
    qualification: str | None
    clusters: tuple[str, ...] | None
    all_clusters: bool
    source: Source = source_field()


@dataclass(frozen=True)
class Approval:
    """Goedkeuring of the standard trajectory: draft, approved or withdrawn, and by whom."""

    status: str
    version: int | None = None
    approved_on: dt.date | None = None
    approved_by: str | None = None
    replaces: str | None = None
    source: Source = source_field()

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None, source: Source) -> Approval | None:
        if data is None:
            return None
        return cls(
            data["status"],
            data.get("version"),
            as_date(data.get("approved_on")),
            data.get("approved_by"),
            as_id(data["replaces"]) if "replaces" in data else None,
            source,
        )


@dataclass(frozen=True)
class StandardTrajectory:
    """Standaardtraject: an educational qualification split over learning places."""

    id: str
    title: str
    qualification: str
    agreement: str
    school_years: int | None
    learning_places: tuple[LearningPlace, ...]
    hours_per_week: Mapping[str, float]
    phases: tuple[Phase, ...]
    clusters: tuple[Cluster, ...]
    allocations: tuple[Allocation, ...]
    certificates: tuple[Certificate, ...]
    approval: Approval | None = None
    evaluation_moments: tuple[EvaluationMoment, ...] = ()  # version 1.1
    source: Source = source_field()

    def place(self, place_id: str) -> LearningPlace | None:
        return next((place for place in self.learning_places if place.id == place_id), None)

    def places_of_type(self, *types: str) -> tuple[LearningPlace, ...]:
        return tuple(place for place in self.learning_places if place.type in types)

    def workplace_hours(self) -> float:
        """Average hours per week at places of type workplace."""
        ids = {place.id for place in self.places_of_type(WORKPLACE)}
        return sum(hours for place_id, hours in self.hours_per_week.items() if place_id in ids)

    def total_hours(self) -> float:
        return sum(self.hours_per_week.values())

    def phase_index(self) -> dict[str, int]:
        return {phase.id: index for index, phase in enumerate(self.phases)}

    def allocation(self, competence: str) -> Allocation | None:
        return next((item for item in self.allocations if item.competence == competence), None)

    def evaluation_moment(self, moment_id: str) -> EvaluationMoment | None:
        return next((moment for moment in self.evaluation_moments if moment.id == moment_id), None)

    def only_at_workplace(self, allocation: Allocation) -> bool:
        """True when every place the competence is learned at is a workplace."""
        places = [self.place(place_id) for place_id in allocation.at]
        known = [place for place in places if place is not None]
        return bool(known) and all(place.is_workplace for place in known)

    @classmethod
    def from_document(cls, document: Document) -> StandardTrajectory:
        data, src = document.data, Source(document)
        places = tuple(
            LearningPlace(as_id(item["id"]), item["type"], src.child("learning_places", i))
            for i, item in enumerate(data["learning_places"])
        )
        phases = tuple(
            Phase(as_id(item["id"]), item["title"], item.get("weeks"), src.child("phases", i))
            for i, item in enumerate(data.get("phases", ()))
        )
        clusters = tuple(
            Cluster(as_id(item["id"]), item["title"], as_ids(item["competences"]), src.child("clusters", i))
            for i, item in enumerate(data["clusters"])
        )
        allocations = tuple(
            Allocation(
                as_id(item["competence"]),
                as_ids(item["at"]),
                as_ids(item["assessed_by"]),
                as_id(item["phase"]) if "phase" in item else None,
                as_ids(item.get("requires")),
                src.child("allocations", i),
            )
            for i, item in enumerate(data["allocations"])
        )
        certificates = tuple(
            Certificate(
                item["type"],
                as_id(item["qualification"]) if "qualification" in item else None,
                None if item.get("clusters") in (None, "all") else as_ids(item["clusters"]),
                item.get("clusters") == "all",
                src.child("certificates", i),
            )
            for i, item in enumerate(data.get("certificates", ()))
        )
        hours = {as_id(key): float(value) for key, value in data["hours_per_week"].items()}
        return cls(
            as_id(data["id"]),
            data["title"],
            as_id(data["qualification"]),
            str(data["agreement"]),
            data.get("school_years"),
            places,
            hours,
            phases,
            clusters,
            allocations,
            certificates,
            Approval.from_data(data.get("approval"), src.child("approval")),
            evaluation_moments(data.get("evaluation_moments", ()), src),
            src,
        )
