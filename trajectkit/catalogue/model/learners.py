"""Leerlingen: the learners on a trajectory, their school, prior learning and progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.documents import Document
from trajectkit.catalogue.model.base import Source, age_on, as_id, source_field
from trajectkit.catalogue.model.placements import (
    Adjustment,
    Agreement,
    Guardian,
    Placement,
    RhythmSlot,
    TrainingCentre,
    adjustments_of,
    guardians_of,
    placements_of,
    rhythm_of,
    training_centre_of,
)
from trajectkit.catalogue.model.progress import Evaluation, PlanVersion, evaluations, plan_versions
from trajectkit.catalogue.model.workplaces import Address


@dataclass(frozen=True)
class School:
    """The learner's school and trajectory coach (trajectbegeleider).

    Written out (``name``, ``coach``, ``coach_email``), or as a ``provider`` of the
    catalogue and the id of one of its coaches (``coach_id``); the catalogue fills in
    the name, coach and e-mail of the latter (:meth:`Catalogue.school_of`).
    """

    name: str
    coach: str | None = None
    coach_email: str | None = None
    provider: str | None = None
    coach_id: str | None = None


@dataclass(frozen=True)
class PriorLearning:
    """Eerder verworven competentie: an exemption, with its evidence."""

    competence: str
    evidence: str | None
    source: Source = source_field()


@dataclass(frozen=True)
class Attainment:
    """A competence the learner has reached, and when."""

    competence: str
    date: dt.date
    source: Source = source_field()


@dataclass(frozen=True)
class Learner:
    """Leerling / cursist in dual learning, on a standard trajectory.

    ``placements`` holds every workplace of the learner; a version 1 learner's
    ``workplace``/``mentor``/``agreement`` is its one placement. ``agreement`` is the
    version 1 learner-level agreement (also of a learner not placed yet), ``None`` when
    the file gives placements.
    """

    id: str
    name: str
    birth_date: dt.date
    language: str
    trajectory: str
    start: dt.date
    end: dt.date
    school: School | None
    home: Address | None
    placements: tuple[Placement, ...]
    agreement: Agreement | None
    weekly_rhythm: Mapping[str, tuple[str, ...]]
    prior_learning: tuple[PriorLearning, ...]
    attained: tuple[Attainment, ...]
    adjustments: tuple[Adjustment, ...] = ()
    hours_per_week: Mapping[str, float] | None = None
    guardians: tuple[Guardian, ...] = ()
    starting_point: str | None = None
    goals: tuple[str, ...] = ()
    timetable: tuple[RhythmSlot, ...] = ()
    training_centre: TrainingCentre | None = None
    # version 1.1: the trajectory over time
    evaluations: tuple[Evaluation, ...] = ()
    plan_versions: tuple[PlanVersion, ...] = ()
    source: Source = source_field()

    @property
    def workplace(self) -> str | None:
        """The first placement's workplace (a version 1 learner's only one)."""
        return self.placements[0].workplace if self.placements else None

    @property
    def mentor(self) -> str | None:
        """The first placement's mentor."""
        return self.placements[0].mentor if self.placements else None

    def agreements(self) -> tuple[Agreement, ...]:
        """Every agreement the learner states: per placement, or the version 1 one."""
        stated = tuple(p.agreement for p in self.placements if p.agreement is not None)
        if not stated and self.agreement is not None:
            return (self.agreement,)
        return stated

    def placements_on(self, day: dt.date) -> tuple[Placement, ...]:
        """The placements in force on ``day``."""
        return tuple(placement for placement in self.placements if placement.in_force_on(day))

    def ending(self) -> Agreement | None:
        """Stopzetting: the agreement whose early end ended the learner's dual learning,
        if one did. That is the agreement of the placement that runs longest, when its
        ``ended_on`` is set (no later placement follows it); for a learner not placed,
        the version 1 agreement with an ``ended_on``."""
        if not self.placements:
            agreement = self.agreement
            return agreement if agreement is not None and agreement.ended_on is not None else None
        # of two placements that end on the same day, one that ran its course means no stop
        last = max(self.placements, key=lambda placement: (placement.last_day, not _stopped(placement)))
        agreement = last.agreement
        return agreement if agreement is not None and agreement.ended_on is not None else None

    def ended_by(self, day: dt.date) -> Agreement | None:
        """The agreement of :meth:`ending` when its early end (``ended_on``) is on or
        before ``day``: the learner has then left dual learning (vroegtijdig gestopt)."""
        ending = self.ending()
        return ending if ending is not None and ending.ended_on is not None and ending.ended_on <= day else None

    @property
    def last_day(self) -> dt.date:
        """The learner's last day in dual learning: ``end``, or the early end of the
        agreement that ended it (:meth:`ending`) when that comes first."""
        ending = self.ending()
        ended = ending.ended_on if ending is not None else None
        return min(self.end, ended) if ended is not None else self.end

    def attainments(self) -> tuple[Attainment, ...]:
        """Every competence reached, with its date: the items of ``attained`` and the
        ``attained`` results of ``evaluations`` (from the evaluation's date)."""
        from_evaluations = (
            Attainment(result.competence, evaluation.date, result.source)
            for evaluation in self.evaluations
            for result in evaluation.results
            if result.attained
        )
        return (*self.attained, *from_evaluations)

    def attained_on(self) -> dict[str, dt.date]:
        """The first date each competence was reached, by competence, earliest first."""
        first: dict[str, dt.date] = {}
        for item in sorted(self.attainments(), key=lambda item: item.date):
            first.setdefault(item.competence, item.date)
        return first

    def age_at_start(self) -> int:
        return age_on(self.birth_date, self.start)

    @property
    def provider(self) -> str | None:
        """The id of the learner's Provider, when the school names one."""
        return self.school.provider if self.school is not None else None

    @classmethod
    def from_document(cls, document: Document) -> Learner:
        data, src = document.data, Source(document)
        school = data.get("school")
        start, end = dt.date.fromisoformat(data["start"]), dt.date.fromisoformat(data["end"])
        rhythm, timetable = rhythm_of(data.get("weekly_rhythm"))
        hours = data.get("hours_per_week")
        return cls(
            as_id(data["id"]),
            data["name"],
            dt.date.fromisoformat(data["birth_date"]),
            data.get("language", "nl"),
            as_id(data["trajectory"]),
            start,
            end,
            _school(school),
            Address.from_data(data.get("home")),
            placements_of(data, src, start, end),
            Agreement.from_data(data.get("agreement"), src.child("agreement")),
            rhythm,
            tuple(
                PriorLearning(as_id(item["competence"]), item.get("evidence"), src.child("prior_learning", i))
                for i, item in enumerate(data.get("prior_learning", ()))
            ),
            tuple(
                Attainment(as_id(item["competence"]), dt.date.fromisoformat(item["date"]), src.child("attained", i))
                for i, item in enumerate(data.get("attained", ()))
            ),
            adjustments_of(data, src),
            {as_id(place): float(value) for place, value in hours.items()} if hours is not None else None,
            guardians_of(data),
            data.get("starting_point"),
            tuple(data.get("goals", ())),
            timetable,
            training_centre_of(data, src),
            # version 1.1: the trajectory over time
            evaluations(data.get("evaluations", ()), src),
            plan_versions(data.get("plan_versions", ()), src),
            source=src,
        )


def _stopped(placement: Placement) -> bool:
    return placement.agreement is not None and placement.agreement.ended_on is not None


def _school(data: Mapping[str, Any] | None) -> School | None:
    if data is None:
        return None
    if "provider" in data:
        coach = data.get("coach")
        return School("", provider=as_id(data["provider"]), coach_id=as_id(coach) if coach is not None else None)
    return School(data["name"], data.get("coach"), data.get("coach_email"))
