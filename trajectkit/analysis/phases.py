"""Fasen laid out over a learner's period: the dates each phase of a trajectory runs.

A phase with ``weeks`` takes that many calendar weeks, in order from the learner's
start; phases without ``weeks`` share what is left up to the learner's end (the last
of them takes the remainder). Weeks beyond the end are clipped; a phase that would
start after the end is kept with no dates and ``clipped=True``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from trajectkit.catalogue.model import StandardTrajectory


class _Placed(Protocol):
    """What laying out needs of a planned competence: its id and phase."""

    @property
    def id(self) -> str: ...

    @property
    def phase(self) -> str | None: ...


@dataclass(frozen=True)
class PlannedPhase:
    """Fase laid out over the learner's period; no dates when it falls after the end."""

    id: str
    title: str
    start: dt.date | None
    end: dt.date | None
    weeks: int | None  # as written in the trajectory
    clipped: bool
    competences: tuple[str, ...]  # competence ids started in this phase


def lay_out_phases(
    trajectory: StandardTrajectory,
    start: dt.date,
    end: dt.date,
    competences: Mapping[str, _Placed] | None = None,
) -> tuple[PlannedPhase, ...]:
    """The trajectory's phases as date ranges over ``start``..``end`` (both inclusive)."""
    fixed_days = sum(7 * (phase.weeks or 0) for phase in trajectory.phases)
    open_phases = [phase for phase in trajectory.phases if phase.weeks is None]
    total_days = (end - start).days + 1
    left = max(total_days - fixed_days, 0)
    share, remainder = divmod(left, len(open_phases)) if open_phases else (0, 0)
    by_phase: dict[str, list[str]] = {}
    for item in (competences or {}).values():
        by_phase.setdefault(item.phase or "", []).append(item.id)

    laid_out: list[PlannedPhase] = []
    cursor = start
    for phase in trajectory.phases:
        if phase.weeks is not None:
            days = 7 * phase.weeks
        else:
            days = share + (remainder if phase is open_phases[-1] else 0)
        ids = tuple(by_phase.get(phase.id, ()))
        if cursor > end or days <= 0:
            laid_out.append(PlannedPhase(phase.id, phase.title, None, None, phase.weeks, True, ids))
            continue
        # Days past the learner's end are clipped before any date is computed: a phase
        # of a billion weeks must not overflow the calendar.
        room = (end - cursor).days + 1
        clipped = days > room
        last = cursor + dt.timedelta(days=min(days, room) - 1)
        laid_out.append(PlannedPhase(phase.id, phase.title, cursor, last, phase.weeks, clipped, ids))
        cursor = last + dt.timedelta(days=1)
    return tuple(laid_out)
