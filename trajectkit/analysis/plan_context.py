"""Opleidingsplan as data: everything a learning plan shows, before any template lays it out.

Labels (learning-place types, statuses, notices) are codes that the templates translate
through their message catalogue, so a plan can be tested without rendering and printed
in any language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trajectkit.analysis.phases import PlannedPhase
from trajectkit.catalogue.model import Address, BlockWeek, Guardian, RhythmSlot, School

#: Weekdays in the order a week is printed; weekly_rhythm uses these codes.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Competence status codes, translated by the templates.
PLANNED = "planned"
EXEMPTED = "exempted"
ATTAINED = "attained"


class PlanRefused(Exception):
    """No plan can be made for this learner; ``rule`` names why (a rule id or ``plan``)."""

    def __init__(self, learner: str, message: str, rule: str = "plan") -> None:
        super().__init__(f"{learner}: {message}")
        self.learner = learner
        self.rule = rule
        self.reason = message


@dataclass(frozen=True)
class PlannedPlace:
    """Leerplek in the plan: a learning place, its weekly hours and the learner's days."""

    id: str
    type: str
    name: str | None  # the school's, workplace's or training centre's name where the plan knows it
    hours_per_week: float
    days: tuple[str, ...]
    block_weeks: tuple[BlockWeek, ...] = ()  # weeks at the training centre (blokweken)


@dataclass(frozen=True)
class PlannedMoment:
    """Evaluatiemoment on the learner's calendar: its week counted from the learner's
    start, the day that falls on, and the learning places taking part."""

    id: str
    title: str | None
    week: int
    due: dt.date
    by: tuple[str, ...]


@dataclass(frozen=True)
class PlannedEvaluation:
    """The latest evaluation result of a competence not yet reached: in progress (in
    ontwikkeling) or not attained (niet bereikt), on a date, with its note."""

    status: str  # in-progress | not-attained
    date: dt.date
    note: str | None = None


@dataclass(frozen=True)
class PlannedCompetence:
    """Competentie in the plan: where it is learned, who assesses it, and how far the learner is."""

    id: str
    title: str
    phase: str | None
    places: tuple[str, ...]
    assessors: tuple[str, ...]
    requires: tuple[str, ...]
    status: str  # planned | exempted (vrijgesteld) | attained (bereikt)
    evidence: str | None = None
    attained_on: dt.date | None = None
    moved_to: str | None = None  # set when the workplace cannot offer it and it moved here
    not_at_workplace: bool = False  # the workplace cannot offer it; learned at the other places
    evaluation: PlannedEvaluation | None = None  # the latest result while still planned

    @property
    def done(self) -> bool:
        return self.status in (EXEMPTED, ATTAINED)


@dataclass(frozen=True)
class PlannedCluster:
    """Cluster of the trajectory with its competences, in phase order. ``id`` is empty for
    competences that no cluster holds."""

    id: str
    title: str
    competences: tuple[PlannedCompetence, ...]


@dataclass(frozen=True)
class PlannedCertificate:
    """Kwalificatiebewijs the trajectory leads to: its qualification and clusters, and the
    learner's progress towards it (competences exempted or attained)."""

    type: str
    qualification: str | None
    qualification_title: str | None
    clusters: tuple[tuple[str, str], ...]  # (id, title)
    total: int
    done: int


@dataclass(frozen=True)
class Signatory:
    """A signature line: the role (code) and the person or organisation signing."""

    role: str  # learner | guardian | workplace | school
    name: str | None
    on_behalf_of: str | None = None


@dataclass(frozen=True)
class PlannedVersion:
    """A version of the plan (versie van het opleidingsplan): its date, status, change
    and the date each signatory signed it (``None``: not yet)."""

    version: int
    date: dt.date
    status: str  # draft (ontwerp) | signed (ondertekend)
    change: str | None
    signatures: tuple[tuple[str, dt.date | None], ...]  # (role, date) per signatory
    current: bool = False

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    def signed_on(self, role: str) -> dt.date | None:
        return dict(self.signatures).get(role)


@dataclass(frozen=True)
class Notice:
    """Something the reader must see: a code the templates translate, and its values."""

    code: str  # not-placed | moved | not-at-workplace | phase-clipped
    competence: str | None = None
    title: str | None = None
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlannedLearner:
    id: str
    name: str
    birth_date: dt.date
    age_at_start: int
    home: Address | None


@dataclass(frozen=True)
class PlannedRecognition:
    """Erkenning of the workplace for the trajectory: its period and capacity."""

    valid_from: dt.date
    valid_until: dt.date | None
    capacity: int


@dataclass(frozen=True)
class PlannedWorkplace:
    """The learner's workplace (onderneming), site and mentor, and its recognition."""

    id: str
    name: str
    enterprise_number: str | None
    site: Address | None
    mentor: str | None
    recognition: PlannedRecognition | None


@dataclass(frozen=True)
class PlannedPlacement:
    """A workplace of the learner for a period, and its agreement (overeenkomst). The
    company is the contracting party that signs; the mentor guides."""

    workplace: str
    name: str
    mentor: str | None
    start: dt.date
    end: dt.date
    learning_places: tuple[str, ...]
    agreement: str | None
    number: str | None = None
    registered_on: dt.date | None = None
    ended_on: dt.date | None = None
    end_reason: str | None = None


@dataclass(frozen=True)
class PlannedAdjustment:
    """An agreed deviation from the standard trajectory (opleidingsplan op maat)."""

    competence: str
    title: str
    places: tuple[str, ...]
    assessors: tuple[str, ...]
    phase: str | None  # the phase's title
    reason: str | None


@dataclass(frozen=True)
class PlanContext:
    """Everything an opleidingsplan shows, as data; the templates only lay it out."""

    language: str
    document_date: dt.date
    learner: PlannedLearner
    start: dt.date
    end: dt.date
    trajectory_id: str
    trajectory_title: str
    qualification_id: str
    qualification_title: str
    school_years: int | None
    agreement: str
    school: School
    workplace: PlannedWorkplace | None
    places: tuple[PlannedPlace, ...]
    phases: tuple[PlannedPhase, ...]
    clusters: tuple[PlannedCluster, ...]
    certificates: tuple[PlannedCertificate, ...]
    signatories: tuple[Signatory, ...]
    notices: tuple[Notice, ...]
    professional: bool = False  # leads to a professional qualification (beroepskwalificerend)
    versions: tuple[PlannedVersion, ...] = ()  # the plan's history up to the document date
    # The individual agreement of version 1.1; empty for a version 1 learner.
    placements: tuple[PlannedPlacement, ...] = ()
    guardians: tuple[Guardian, ...] = ()
    starting_point: str | None = None
    goals: tuple[str, ...] = ()
    adjustments: tuple[PlannedAdjustment, ...] = ()
    timetable: tuple[RhythmSlot, ...] = ()
    evaluation_moments: tuple[PlannedMoment, ...] = ()  # those that fall within the learner's period

    @property
    def version(self) -> PlannedVersion | None:
        """The current version: the last one dated on or before the document date."""
        return next((item for item in self.versions if item.current), None)

    @property
    def draft(self) -> bool:
        """The current version is a draft: every page says so."""
        return self.version is not None and self.version.draft

    @property
    def individual(self) -> bool:
        """Whether the plan has an individual agreement to show (its own section)."""
        return bool(self.placements or self.guardians or self.starting_point or self.goals or self.adjustments)

    @property
    def competences(self) -> tuple[PlannedCompetence, ...]:
        return tuple(item for cluster in self.clusters for item in cluster.competences)

    def competence(self, ident: str) -> PlannedCompetence:
        for item in self.competences:
            if item.id == ident:
                return item
        raise KeyError(ident)

    @property
    def total_hours(self) -> float:
        return sum(place.hours_per_week for place in self.places)

    @property
    def rhythm(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each weekday with a learning place, in week order, with the place ids."""
        days = [(day, tuple(place.id for place in self.places if day in place.days)) for day in WEEKDAYS]
        return tuple((day, places) for day, places in days if places)

    def place(self, ident: str) -> PlannedPlace | None:
        return next((place for place in self.places if place.id == ident), None)
