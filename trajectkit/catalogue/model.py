"""The catalogue's things as frozen dataclasses, built from schema-valid documents.

Every object keeps its ``source``: the document and the path of its node, so a rule
can point at the exact key or item it is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from trajectkit.catalogue.documents import Document
from trajectkit.problems import Location

SCHOOL = "school"
WORKPLACE = "workplace"
TRAINING_CENTRE = "training-centre"
SIMULATED = "simulated"


@dataclass(frozen=True)
class Source:
    """Where a thing is written: a document and the path of its node inside it."""

    document: Document
    path: tuple[str | int, ...] = ()

    def at(self, *keys: str | int) -> Location:
        """Location of this node, or of a key or item below it."""
        return self.document.location(*self.path, *keys)

    def child(self, *keys: str | int) -> Source:
        return Source(self.document, (*self.path, *keys))


def _id(value: Any) -> str:
    return str(value)


def _ids(values: Any) -> tuple[str, ...]:
    return tuple(_id(value) for value in values or ())


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day``."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def _source() -> Any:
    """The ``source`` field: not part of equality or repr; ``None`` only in hand-built objects."""
    return field(default=None, compare=False, repr=False)


# --------------------------------------------------------------------------- qualifications


@dataclass(frozen=True)
class Competence:
    """Competentie of a professional qualification (beroepskwalificatie)."""

    id: str
    title: str
    qualification: str
    knowledge: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    source: Source = _source()


@dataclass(frozen=True)
class PartialQualification:
    """Deelkwalificatie: a named part of a professional qualification."""

    id: str
    title: str
    qualification: str
    competences: tuple[str, ...]
    source: Source = _source()


@dataclass(frozen=True)
class ProfessionalQualification:
    """Beroepskwalificatie (BK): a profession's competences, e.g. BK-0130-5 Stukadoor."""

    id: str
    title: str
    level: int
    competences: tuple[Competence, ...]
    partial_qualifications: tuple[PartialQualification, ...]
    source: Source = _source()

    @classmethod
    def from_document(cls, document: Document) -> ProfessionalQualification:
        data, src = document.data, Source(document)
        qid = _id(data["id"])
        competences = tuple(
            Competence(
                _id(item["id"]),
                item["title"],
                qid,
                tuple(item.get("knowledge", ())),
                tuple(item.get("skills", ())),
                src.child("competences", index),
            )
            for index, item in enumerate(data["competences"])
        )
        parts = tuple(
            PartialQualification(
                _id(item["id"]), item["title"], qid, _ids(item["competences"]), src.child("partial_qualifications", index)
            )
            for index, item in enumerate(data.get("partial_qualifications", ()))
        )
        return cls(qid, data["title"], data["level"], competences, parts, src)


@dataclass(frozen=True)
class QualificationScope:
    """A professional qualification as part of an educational one: complete or partial."""

    ref: str
    scope: str
    competences: tuple[str, ...]
    source: Source = _source()

    @property
    def complete(self) -> bool:
        return self.scope == "complete"


@dataclass(frozen=True)
class GeneralEducationGoal:
    """Algemene vorming: a general-education goal (eindterm, basisgeletterdheid)."""

    id: str
    title: str
    qualification: str
    source: Source = _source()


@dataclass(frozen=True)
class EducationalQualification:
    """Onderwijskwalificatie (OK): professional qualifications plus general education."""

    id: str
    title: str
    level: int
    professional_qualifications: tuple[QualificationScope, ...]
    general_education: tuple[GeneralEducationGoal, ...]
    source: Source = _source()

    @classmethod
    def from_document(cls, document: Document) -> EducationalQualification:
        data, src = document.data, Source(document)
        qid = _id(data["id"])
        scopes = tuple(
            QualificationScope(
                _id(item["ref"]), item["scope"], _ids(item.get("competences")), src.child("professional_qualifications", i)
            )
            for i, item in enumerate(data["professional_qualifications"])
        )
        goals = tuple(
            GeneralEducationGoal(_id(item["id"]), item["title"], qid, src.child("general_education", i))
            for i, item in enumerate(data.get("general_education", ()))
        )
        return cls(qid, data["title"], data["level"], scopes, goals, src)


# --------------------------------------------------------------------------- trajectories


@dataclass(frozen=True)
class LearningPlace:
    """Leerplek: school, workplace (werkplek), training centre or simulated workplace."""

    id: str
    type: str
    source: Source = _source()

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
    source: Source = _source()


@dataclass(frozen=True)
class Cluster:
    """Cluster: competences that together lead to a certificate."""

    id: str
    title: str
    competences: tuple[str, ...]
    source: Source = _source()


@dataclass(frozen=True)
class Allocation:
    """Where a competence is learned (``at``), who assesses it, in which phase, after what."""

    competence: str
    at: tuple[str, ...]
    assessed_by: tuple[str, ...]
    phase: str | None
    requires: tuple[str, ...]
    source: Source = _source()


@dataclass(frozen=True)
class Certificate:
    """Kwalificatiebewijs the trajectory leads to, and the clusters that earn it."""

    type: str
    qualification: str | None
    clusters: tuple[str, ...] | None
    all_clusters: bool
    source: Source = _source()


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
    source: Source = _source()

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

    def only_at_workplace(self, allocation: Allocation) -> bool:
        """True when every place the competence is learned at is a workplace."""
        places = [self.place(place_id) for place_id in allocation.at]
        known = [place for place in places if place is not None]
        return bool(known) and all(place.is_workplace for place in known)

    @classmethod
    def from_document(cls, document: Document) -> StandardTrajectory:
        data, src = document.data, Source(document)
        places = tuple(
            LearningPlace(_id(item["id"]), item["type"], src.child("learning_places", i))
            for i, item in enumerate(data["learning_places"])
        )
        phases = tuple(
            Phase(_id(item["id"]), item["title"], item.get("weeks"), src.child("phases", i))
            for i, item in enumerate(data.get("phases", ()))
        )
        clusters = tuple(
            Cluster(_id(item["id"]), item["title"], _ids(item["competences"]), src.child("clusters", i))
            for i, item in enumerate(data["clusters"])
        )
        allocations = tuple(
            Allocation(
                _id(item["competence"]),
                _ids(item["at"]),
                _ids(item["assessed_by"]),
                _id(item["phase"]) if "phase" in item else None,
                _ids(item.get("requires")),
                src.child("allocations", i),
            )
            for i, item in enumerate(data["allocations"])
        )
        certificates = tuple(
            Certificate(
                item["type"],
                _id(item["qualification"]) if "qualification" in item else None,
                None if item.get("clusters") in (None, "all") else _ids(item["clusters"]),
                item.get("clusters") == "all",
                src.child("certificates", i),
            )
            for i, item in enumerate(data.get("certificates", ()))
        )
        hours = {_id(key): float(value) for key, value in data["hours_per_week"].items()}
        return cls(
            _id(data["id"]),
            data["title"],
            _id(data["qualification"]),
            str(data["agreement"]),
            data.get("school_years"),
            places,
            hours,
            phases,
            clusters,
            allocations,
            certificates,
            src,
        )


# --------------------------------------------------------------------------- workplaces


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
    source: Source = _source()

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
    source: Source = _source()


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
    source: Source = _source()

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
                _id(item["trajectory"]),
                dt.date.fromisoformat(item["valid_from"]),
                _date(item.get("valid_until")),
                item["capacity"],
                src.child("recognitions", i),
            )
            for i, item in enumerate(data.get("recognitions", ()))
        )
        mentors = tuple(
            Mentor(
                _id(item["id"]),
                item["name"],
                dt.date.fromisoformat(item["birth_date"]),
                item["experience_years"],
                _date(item.get("training_completed")),
                src.child("mentors", i),
            )
            for i, item in enumerate(data.get("mentors", ()))
        )
        return cls(
            _id(data["id"]),
            data["name"],
            data.get("enterprise_number"),
            Address.from_data(data.get("site")),
            recognitions,
            _ids(data.get("cannot_offer")),
            mentors,
            src,
        )


# --------------------------------------------------------------------------- learners


@dataclass(frozen=True)
class School:
    """The learner's school and trajectory coach (trajectbegeleider)."""

    name: str
    coach: str | None = None
    coach_email: str | None = None


@dataclass(frozen=True)
class PriorLearning:
    """Eerder verworven competentie: an exemption, with its evidence."""

    competence: str
    evidence: str | None
    source: Source = _source()


@dataclass(frozen=True)
class Attainment:
    """A competence the learner has reached, and when."""

    competence: str
    date: dt.date
    source: Source = _source()


@dataclass(frozen=True)
class Learner:
    """Leerling / cursist in dual learning, on a standard trajectory."""

    id: str
    name: str
    birth_date: dt.date
    language: str
    trajectory: str
    start: dt.date
    end: dt.date
    school: School | None
    home: Address | None
    workplace: str | None
    mentor: str | None
    agreement: str | None
    weekly_rhythm: Mapping[str, tuple[str, ...]]
    prior_learning: tuple[PriorLearning, ...]
    attained: tuple[Attainment, ...]
    source: Source = _source()

    def age_at_start(self) -> int:
        return age_on(self.birth_date, self.start)

    @classmethod
    def from_document(cls, document: Document) -> Learner:
        data, src = document.data, Source(document)
        school = data.get("school")
        return cls(
            _id(data["id"]),
            data["name"],
            dt.date.fromisoformat(data["birth_date"]),
            data.get("language", "nl"),
            _id(data["trajectory"]),
            dt.date.fromisoformat(data["start"]),
            dt.date.fromisoformat(data["end"]),
            School(school["name"], school.get("coach"), school.get("coach_email")) if school else None,
            Address.from_data(data.get("home")),
            _id(data["workplace"]) if "workplace" in data else None,
            _id(data["mentor"]) if "mentor" in data else None,
            data.get("agreement"),
            {_id(place): tuple(days) for place, days in data.get("weekly_rhythm", {}).items()},
            tuple(
                PriorLearning(_id(item["competence"]), item.get("evidence"), src.child("prior_learning", i))
                for i, item in enumerate(data.get("prior_learning", ()))
            ),
            tuple(
                Attainment(_id(item["competence"]), dt.date.fromisoformat(item["date"]), src.child("attained", i))
                for i, item in enumerate(data.get("attained", ()))
            ),
            src,
        )
