"""Het individueel traject: the learner's effective trajectory on a date.

The one place that says what a learner's trajectory *is*: the standard trajectory's
allocation with the learner's ``adjustments`` applied, the learner's own
``hours_per_week`` over the standard's, and the placements in force on the date.
Rules and commands that look at one learner work on it, never on the standard alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from trajectkit.catalogue.model import WORKPLACE, Adjustment, Allocation, Learner, Placement, StandardTrajectory


@dataclass(frozen=True)
class EffectiveTrajectory:
    """A learner's trajectory as agreed: ``trajectory`` is the standard with the adjusted
    allocations (an adjusted allocation's source is its adjustment) and the learner's
    own hours; ``placements`` are the ones in force on ``on``."""

    learner: Learner
    standard: StandardTrajectory
    on: dt.date
    trajectory: StandardTrajectory
    placements: tuple[Placement, ...]
    adjustments: Mapping[str, Adjustment]

    def adjustment_of(self, competence: str) -> Adjustment | None:
        """The adjustment that sets where ``competence`` is learned, if any."""
        return self.adjustments.get(competence)

    def workplace_places(self) -> tuple[str, ...]:
        """Ids of the trajectory's learning places of type workplace."""
        return tuple(place.id for place in self.trajectory.places_of_type(WORKPLACE))


def effective_trajectory(learner: Learner, standard: StandardTrajectory, on: dt.date) -> EffectiveTrajectory:
    """The learner's effective trajectory on ``on``.

    An adjustment of a competence the standard does not allocate changes nothing (rule
    `adjustment-invalid` reports it); of two adjustments of one competence, the later
    one holds. A place the learner's ``hours_per_week`` leaves out keeps the
    standard's hours.
    """
    allocated = {allocation.competence for allocation in standard.allocations}
    adjustments = {item.competence: item for item in learner.adjustments if item.competence in allocated}
    allocations = tuple(
        _adjusted(allocation, adjustments.get(allocation.competence)) for allocation in standard.allocations
    )
    hours = {**standard.hours_per_week, **(learner.hours_per_week or {})}
    trajectory = dataclasses.replace(standard, allocations=allocations, hours_per_week=hours)
    return EffectiveTrajectory(learner, standard, on, trajectory, learner.placements_on(on), adjustments)


def _adjusted(allocation: Allocation, adjustment: Adjustment | None) -> Allocation:
    if adjustment is None:
        return allocation
    return Allocation(
        allocation.competence,
        adjustment.at if adjustment.at is not None else allocation.at,
        adjustment.assessed_by if adjustment.assessed_by is not None else allocation.assessed_by,
        adjustment.phase if adjustment.phase is not None else allocation.phase,
        allocation.requires,
        adjustment.source,
    )
