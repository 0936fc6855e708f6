"""Stopzettingen: agreements that ended early, counted for ``trajectkit stats``.

SERV's advice on dual learning (2025) asks for fewer avoidable terminations and for
the data to steer by. Every agreement with an ``ended_on`` on or before the date is
one termination: a placement's agreement, or the version 1 agreement of a learner
(placed or not). Each is counted once per breakdown:

- by ``end_reason`` (``unknown`` when none is given), in the schema's order;
- by the learner's trajectory, and by its sector (as the rest of ``stats`` says it);
- by the province of the learner's home (``unknown`` without one);
- by school year (1 September to 31 August) of ``ended_on``, oldest first.

The *time to termination* is the number of days from the placement's start (a
version 1 learner's own start) to ``ended_on``; each breakdown gives its median and
the number of terminations it is taken over.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.model import Agreement, Learner
from trajectkit.dates import school_year, school_year_label
from trajectkit.translation import N_, gettext

#: The ``end_reason`` vocabulary of the schema, in its order, with the words a reader sees.
END_REASONS = {
    "mutual": N_("by mutual agreement"),
    "by-learner": N_("by the learner"),
    "by-company": N_("by the company"),
    "recognition-lost": N_("the company lost its recognition"),
    "changed-programme": N_("the learner changed programme"),
    "other": N_("other reason"),
}
#: The key for an early end that gives no reason (and for a learner without a home).
UNKNOWN = "unknown"


def reason_label(reason: str | None) -> str:
    """The reason in the run's language (unknown ids as written)."""
    if reason is None or reason == UNKNOWN:
        return gettext("no reason given")
    return gettext(END_REASONS[reason]) if reason in END_REASONS else reason


@dataclass(frozen=True)
class Termination:
    """One agreement that ended early: whose, when, why and after how many days."""

    learner: str
    trajectory: str
    sector: str
    province: str
    reason: str
    ended_on: dt.date
    days: int  # from the placement's start to ended_on

    @property
    def school_year(self) -> str:
        return school_year_label(school_year(self.ended_on))


@dataclass(frozen=True)
class TerminationGroup:
    """The terminations that share one reason, trajectory, sector, province or school year."""

    key: str
    count: int
    median_days: float | None  # None without terminations


@dataclass(frozen=True)
class TerminationStats:
    """Every termination up to the date, and their counts per breakdown."""

    items: tuple[Termination, ...] = ()
    total: TerminationGroup = TerminationGroup("all", 0, None)
    reasons: tuple[TerminationGroup, ...] = ()
    trajectories: tuple[TerminationGroup, ...] = ()
    sectors: tuple[TerminationGroup, ...] = ()
    provinces: tuple[TerminationGroup, ...] = ()
    school_years: tuple[TerminationGroup, ...] = ()

    def of_trajectory(self, trajectory: str) -> TerminationGroup:
        found = next((item for item in self.trajectories if item.key == trajectory), None)
        return found or TerminationGroup(trajectory, 0, None)

    def by_reason_of(self, trajectory: str) -> dict[str, int]:
        """Per reason key (every one of the vocabulary and ``unknown``), for one trajectory."""
        counts = dict.fromkeys([*END_REASONS, UNKNOWN], 0)
        for item in self.items:
            if item.trajectory == trajectory:
                counts[item.reason if item.reason in counts else UNKNOWN] += 1
        return counts


def _ended(learner: Learner) -> Iterable[tuple[Agreement, dt.date]]:
    """The learner's agreements with an early end, each with the day it began."""
    if learner.placements:
        for placement in learner.placements:
            if placement.agreement is not None and placement.agreement.ended_on is not None:
                yield placement.agreement, placement.start
    elif learner.agreement is not None and learner.agreement.ended_on is not None:
        yield learner.agreement, learner.start


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _groups(
    items: tuple[Termination, ...], key: Callable[[Termination], str], order: Callable[[str], Any] = str
) -> tuple[TerminationGroup, ...]:
    days: dict[str, list[int]] = defaultdict(list)
    for item in items:
        days[key(item)].append(item.days)
    return tuple(TerminationGroup(name, len(days[name]), _median(days[name])) for name in sorted(days, key=order))


def _reason_order(reason: str) -> tuple[int, str]:
    keys = list(END_REASONS)
    return (keys.index(reason) if reason in keys else len(keys), reason)


def _unknown_last(name: str) -> tuple[bool, str]:
    return (name == UNKNOWN, name)


def terminations(
    learners: Iterable[Learner], day: dt.date, sectors: Mapping[str, str], province_of: Callable[[Learner], str]
) -> TerminationStats:
    """The terminations up to and including ``day`` (see the module doc); ``sectors``
    gives each trajectory's sector."""
    items = tuple(
        sorted(
            (
                Termination(
                    learner.id,
                    learner.trajectory,
                    sectors.get(learner.trajectory, UNKNOWN),
                    province_of(learner),
                    agreement.end_reason or UNKNOWN,
                    agreement.ended_on,
                    (agreement.ended_on - start).days,
                )
                for learner in learners
                for agreement, start in _ended(learner)
                if agreement.ended_on is not None and agreement.ended_on <= day
            ),
            key=lambda item: (item.ended_on, item.learner),
        )
    )
    return TerminationStats(
        items,
        TerminationGroup("all", len(items), _median([item.days for item in items])),
        _groups(items, lambda item: item.reason, _reason_order),
        _groups(items, lambda item: item.trajectory),
        _groups(items, lambda item: item.sector, _unknown_last),
        _groups(items, lambda item: item.province, _unknown_last),
        _groups(items, lambda item: item.school_year),
    )
