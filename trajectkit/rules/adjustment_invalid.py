"""An adjustment of the learner's trajectory names a competence outside it, or breaks a rule.

What it checks: each of a learner's `adjustments` (the individual agreement,
opleidingsplan op maat) names a competence that the learner's trajectory
allocates, learning places and a phase of that trajectory, and leaves the
learner's effective trajectory (the trajectory with the adjustments applied) within
the rules: the competence stays assessed by the school (`school-not-assessing`), a
general-education goal stays at school (`general-education-at-workplace`), a
competence moved to another phase still comes after the competences it requires and
before those that require it (`prerequisite-order`), and a competence moved to the
workplace only is one that every workplace of the learner covering it can offer
(`workplace-cannot-offer`). Of two adjustments of one competence the later one
holds; the earlier one is reported. Reported at the adjustment (its key
concerned), naming the rule it breaks.

Why it matters: the Decreet betreffende duaal leren (2016) lets the school and the
company agree per learner where the learner acquires each competence, but the
standard trajectory's safeguards still hold for that learner: the school keeps the
final evaluation, general education stays at school, and a competence must be
learned somewhere the learner actually goes. A signed plan with a deviation that
breaks them is not a valid individual trajectory.

Example that fails::

    kind: Learner
    id: L-2026-0001
    trajectory: OT-00214
    adjustments:
      - competence: bkc0051300
        at: [school, werkplek]
        assessed_by: [werkplek]      # no place of type school assesses it any more
        reason: De werkplek beoordeelt de gipsblokken

Example that passes::

    kind: Learner
    id: L-2026-0001
    trajectory: OT-00214
    adjustments:
      - competence: bkc0051300
        at: [school, werkplek]
        assessed_by: [school, werkplek]
        reason: De werkplek beoordeelt mee

How to fix: correct the adjustment (keep the school among `assessed_by`, general
education at school, a competence the workplace cannot offer at school or a
training centre), or leave it out and follow the standard trajectory.

Options: none; the rules it names keep their own options.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.effective import EffectiveTrajectory
from trajectkit.catalogue.model import Adjustment, Learner
from trajectkit.problems import Finding, Level
from trajectkit.rules import (
    general_education_at_workplace,
    prerequisite_order,
    school_not_assessing,
    workplace_cannot_offer,
)
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "adjustment-invalid"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    for learner in context.catalogue.learners.values():
        effective = context.effective(learner) if learner.adjustments else None
        if effective is None:
            continue  # no trajectory: unresolved-reference reports it
        for adjustment in learner.adjustments:
            named = _names(effective, adjustment)
            yield from named
            if named:
                continue
            if effective.adjustment_of(adjustment.competence) is not adjustment:
                yield Finding(
                    adjustment.source.at("competence"),
                    ID,
                    _("a later adjustment of %(competence)s overrides this one; keep one adjustment per competence")
                    % {"competence": adjustment.competence},
                )
                continue
            yield from _breaks(context, effective, learner, adjustment)


def _names(effective: EffectiveTrajectory, adjustment: Adjustment) -> list[Finding]:
    """Findings for what the adjustment names outside the trajectory."""
    trajectory, src = effective.standard, adjustment.source
    if trajectory.allocation(adjustment.competence) is None:
        return [
            Finding(
                src.at("competence"),
                ID,
                _(
                    "%(competence)s is not a competence of %(trajectory)s's allocations; an adjustment can "
                    "only change where a competence of the learner's trajectory is learned"
                )
                % {"competence": adjustment.competence, "trajectory": trajectory.id},
            )
        ]
    places = {place.id for place in trajectory.learning_places}
    found = [
        Finding(
            src.at(key, index),
            ID,
            _(
                "%(key)s names '%(place)s', not a learning place of %(trajectory)s (breaks "
                "unknown-learning-place); use one of %(places)s"
            )
            % {"key": key, "place": place, "trajectory": trajectory.id, "places": ", ".join(sorted(places))},
        )
        for key, listed in (("at", adjustment.at), ("assessed_by", adjustment.assessed_by))
        for index, place in enumerate(listed or ())
        if place not in places
    ]
    phases = [phase.id for phase in trajectory.phases]
    if adjustment.phase is not None and adjustment.phase not in phases:
        found.append(
            Finding(
                src.at("phase"),
                ID,
                _(
                    "phase '%(phase)s' is not a phase of %(trajectory)s (breaks unresolved-reference); use one "
                    "of %(value)s"
                )
                % {
                    "phase": adjustment.phase,
                    "trajectory": trajectory.id,
                    "value": ", ".join(phases) or _("none: the trajectory has no phases"),
                },
            )
        )
    return found


def _order(effective: EffectiveTrajectory, adjustment: Adjustment) -> Iterator[Finding]:
    """The adjusted phase keeps every competence after the ones it requires (prerequisite-order)."""
    trajectory, competence = effective.trajectory, adjustment.competence
    order = trajectory.phase_index()
    phase_of = {allocation.competence: allocation.phase for allocation in trajectory.allocations}
    mine = order.get(adjustment.phase or "")
    own = trajectory.allocation(competence)
    if mine is None or own is None:
        return
    for required in own.requires:
        if order.get(phase_of.get(required) or "", -1) > mine:
            yield _order_finding(
                adjustment,
                _("%(competence)s requires %(required)s, which is scheduled later")
                % {"competence": competence, "required": required},
            )
    for allocation in trajectory.allocations:
        if competence in allocation.requires and order.get(allocation.phase or "", len(order)) < mine:
            yield _order_finding(
                adjustment,
                _("%(competence)s requires %(competence2)s and is scheduled earlier")
                % {"competence": allocation.competence, "competence2": competence},
            )


def _order_finding(adjustment: Adjustment, what: str) -> Finding:
    return Finding(
        adjustment.source.at("phase"),
        ID,
        _("this adjustment breaks %(rule)s: in phase %(phase)s, %(what)s; choose another phase")
        % {"rule": prerequisite_order.ID, "phase": adjustment.phase, "what": what},
    )


def _breaks(
    context: RuleContext, effective: EffectiveTrajectory, learner: Learner, adjustment: Adjustment
) -> Iterator[Finding]:
    """The rules that the adjusted allocation breaks for this learner."""
    trajectory, src = effective.trajectory, adjustment.source
    allocation = trajectory.allocation(adjustment.competence)
    assert allocation is not None  # _names checked it
    checks = (
        (school_not_assessing, "assessed_by", school_not_assessing.problem(trajectory, allocation, context.profile)),
        (
            general_education_at_workplace,
            "at",
            general_education_at_workplace.problem(trajectory, allocation, context.catalogue.general_education),
        ),
    )
    for rule, key, message in checks:
        if message is not None:
            yield Finding(
                src.at(key),
                ID,
                _("this adjustment breaks %(rule)s: %(message)s") % {"rule": rule.ID, "message": message},
            )
    if adjustment.phase is not None:
        yield from _order(effective, adjustment)
    if adjustment.at is None:
        return
    for placement in learner.placements:
        workplace = context.catalogue.workplaces.get(placement.workplace)
        if workplace is not None and adjustment.competence in workplace_cannot_offer.not_offered(
            effective, placement, workplace
        ):
            yield Finding(
                src.at("at"),
                ID,
                _(
                    "this adjustment breaks %(rule)s: it teaches %(competence)s only at the workplace, and "
                    "workplace %(workplace)s cannot offer it; keep the school or a training centre in at"
                )
                % {"rule": workplace_cannot_offer.ID, "competence": adjustment.competence, "workplace": workplace.id},
            )
