"""The individual parts of an opleidingsplan: placements with their agreements and the
adjustments to the standard trajectory, as plain data for :class:`PlanContext`."""

from __future__ import annotations

from trajectkit.analysis.plan_context import PlannedAdjustment, PlannedPlacement
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.effective import EffectiveTrajectory
from trajectkit.catalogue.model import Learner, Placement


def planned_placements(catalogue: Catalogue, learner: Learner) -> tuple[PlannedPlacement, ...]:
    """Every placement with its period and agreement, when the learner file gives more than
    the version 1 workplace (placements, or agreement details); else none, as before."""
    if not any(_individual(learner, placement) for placement in learner.placements):
        return ()
    return tuple(_planned(catalogue, placement) for placement in learner.placements)


def _individual(learner: Learner, placement: Placement) -> bool:
    agreement = placement.agreement
    return placement.source is not learner.source or (
        agreement is not None and agreement.type_source is not agreement.source
    )


def _planned(catalogue: Catalogue, placement: Placement) -> PlannedPlacement:
    workplace = catalogue.workplaces.get(placement.workplace)
    mentor = workplace.mentor(placement.mentor) if workplace and placement.mentor else None
    agreement = placement.agreement
    return PlannedPlacement(
        placement.workplace,
        workplace.name if workplace else placement.workplace,
        mentor.name if mentor else placement.mentor,
        placement.start,
        placement.last_day,
        placement.learning_places,
        agreement.type if agreement else None,
        agreement.number if agreement else None,
        agreement.registered_on if agreement else None,
        agreement.ended_on if agreement else None,
        agreement.end_reason if agreement else None,
    )


def planned_adjustments(catalogue: Catalogue, effective: EffectiveTrajectory) -> tuple[PlannedAdjustment, ...]:
    """The adjustments applied, in the order of the learner file, as the learner now learns it."""
    planned = []
    phases = {phase.id: phase.title for phase in effective.trajectory.phases}
    for adjustment in effective.learner.adjustments:
        allocation = effective.trajectory.allocation(adjustment.competence)
        if allocation is None or effective.adjustment_of(adjustment.competence) is not adjustment:
            continue  # outside the trajectory, or overridden by a later one
        planned.append(
            PlannedAdjustment(
                adjustment.competence,
                catalogue.title_of(adjustment.competence),
                allocation.at,
                allocation.assessed_by,
                phases.get(allocation.phase or "", allocation.phase),
                adjustment.reason,
            )
        )
    return tuple(planned)
