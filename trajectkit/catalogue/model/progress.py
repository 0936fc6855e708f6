"""The trajectory over time: evaluations (evaluaties) and versions of the learning plan.

A trajectory fixes its evaluation moments (evaluatiemomenten) in weeks from the
learner's start; a learner records what happened at each one, and the history of the
plan (opleidingsplan): each version with its date, status and signatures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.model.base import Source, as_date, as_id, as_ids, source_field

ATTAINED = "attained"
IN_PROGRESS = "in-progress"
NOT_ATTAINED = "not-attained"

DRAFT = "draft"
SIGNED = "signed"

#: The parties that sign a plan version, in the order the plan shows them.
PARTIES = ("learner", "guardian", "workplace", "school")


@dataclass(frozen=True)
class EvaluationMoment:
    """Evaluatiemoment: a week counted from the learner's start, and who takes part."""

    id: str
    title: str | None
    week: int
    by: tuple[str, ...] = ()
    source: Source = source_field()

    def due(self, start: dt.date) -> dt.date:
        """The day of the moment for a learner who started on ``start``; the calendar's
        last day when it would fall after the year 9999 (so it never passes)."""
        try:
            return start + dt.timedelta(weeks=self.week)
        except OverflowError:
            return dt.date.max


@dataclass(frozen=True)
class EvaluationResult:
    """The result of one competence at an evaluation: attained (bereikt), in progress or not attained."""

    competence: str
    status: str
    note: str | None = None
    source: Source = source_field()

    @property
    def attained(self) -> bool:
        return self.status == ATTAINED


@dataclass(frozen=True)
class Evaluation:
    """Evaluatie: what the parties found on a date, at a moment of the trajectory or in between."""

    moment: str | None
    date: dt.date
    by: tuple[str, ...]
    results: tuple[EvaluationResult, ...]
    note: str | None = None
    source: Source = source_field()


@dataclass(frozen=True)
class Signatures:
    """Handtekeningen: the date each party signed a plan version, where it did."""

    learner: dt.date | None = None
    guardian: dt.date | None = None
    workplace: dt.date | None = None
    school: dt.date | None = None

    def of(self, party: str) -> dt.date | None:
        value: dt.date | None = getattr(self, party)
        return value


@dataclass(frozen=True)
class PlanVersion:
    """A version of the learner's learning plan (opleidingsplan): draft or signed."""

    version: int
    date: dt.date
    status: str
    signed: Signatures | None  # None: no dates recorded, the status alone tells
    change: str | None = None
    source: Source = source_field()

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    def signed_on(self, party: str) -> dt.date | None:
        """The date ``party`` signed, where the version records it."""
        return self.signed.of(party) if self.signed is not None else None


def overdue_moments(
    moments: Iterable[EvaluationMoment],
    start: dt.date,
    end: dt.date,
    evaluated: Iterable[str | None],
    day: dt.date,
) -> tuple[EvaluationMoment, ...]:
    """The moments overdue on ``day`` for a learner from ``start`` to ``end``: due before
    ``day``, not after the end, and named by no evaluation (``evaluated``: the moments
    the learner's evaluations name). Rule ``evaluation-overdue`` and ``progress`` ask this."""
    done = set(evaluated)
    return tuple(
        moment for moment in moments if moment.due(start) < day and moment.due(start) <= end and moment.id not in done
    )


def evaluation_moments(items: Iterable[Mapping[str, Any]], src: Source) -> tuple[EvaluationMoment, ...]:
    return tuple(
        EvaluationMoment(
            as_id(item["id"]),
            item.get("title"),
            item["week"],
            as_ids(item.get("by")),
            src.child("evaluation_moments", i),
        )
        for i, item in enumerate(items)
    )


def evaluations(items: Iterable[Mapping[str, Any]], src: Source) -> tuple[Evaluation, ...]:
    return tuple(_evaluation(item, src.child("evaluations", i)) for i, item in enumerate(items))


def _evaluation(item: Mapping[str, Any], src: Source) -> Evaluation:
    results = tuple(
        EvaluationResult(as_id(result["competence"]), result["status"], result.get("note"), src.child("results", i))
        for i, result in enumerate(item.get("results", ()))
    )
    moment = item.get("moment")
    return Evaluation(
        as_id(moment) if moment is not None else None,
        dt.date.fromisoformat(item["date"]),
        tuple(str(name) for name in item.get("by", ())),
        results,
        item.get("note"),
        src,
    )


def plan_versions(items: Iterable[Mapping[str, Any]], src: Source) -> tuple[PlanVersion, ...]:
    return tuple(_plan_version(item, src.child("plan_versions", i)) for i, item in enumerate(items))


def _plan_version(item: Mapping[str, Any], src: Source) -> PlanVersion:
    signed = item.get("signed")
    status = item.get("status", SIGNED if signed else DRAFT)
    signatures = Signatures(*(as_date(signed.get(party)) for party in PARTIES)) if signed is not None else None
    return PlanVersion(
        item["version"], dt.date.fromisoformat(item["date"]), status, signatures, item.get("change"), src
    )


def current_version(versions: Iterable[PlanVersion], day: dt.date) -> PlanVersion | None:
    """The version in force on ``day``: the last one dated on or before it (the later
    in the list when two have the same date)."""
    dated = [(version.date, index, version) for index, version in enumerate(versions) if version.date <= day]
    return max(dated, key=lambda entry: entry[:2])[2] if dated else None
