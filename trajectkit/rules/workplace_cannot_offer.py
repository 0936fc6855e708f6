"""The learner's workplace cannot offer a competence that the trajectory teaches only at the workplace.

What it checks: for each placement of a learner, no competence in the workplace's
`cannot_offer` is one that the learner's effective trajectory (the trajectory with
the learner's `adjustments` applied) teaches only at learning places of type
`workplace`, one of them covered by the placement. Reported at the placement's
`workplace`, naming the competences. A competence that an adjustment moves to the
workplace is reported at the adjustment, by `adjustment-invalid`.

Why it matters: the learner would never learn that competence. `trajectkit plan`
moves such a competence to the school or a training centre when the trajectory has
one and flags it in the plan; this rule makes the gap visible before that.

Example that fails::

    # trajectory: bkc0051295 at: [werkplek]
    kind: Workplace
    id: WP-0002
    cannot_offer: [bkc0051295]
    ---
    kind: Learner
    id: L-2026-0003
    workplace: WP-0002

Example that passes::

    # trajectory: bkc0051295 at: [werkplek]
    kind: Workplace
    id: WP-0002
    cannot_offer: [bkc0051295]
    ---
    kind: Learner
    id: L-2026-0003
    workplace: WP-0003     # offers every competence of OT-00214
    mentor: M-05

How to fix: place the learner at a workplace that offers it, or arrange the
competence at school or a training centre (and record that in the trajectory).

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.effective import EffectiveTrajectory
from trajectkit.catalogue.model import Placement, Workplace
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "workplace-cannot-offer"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for learner in catalogue.learners.values():
        effective = context.effective(learner) if learner.placements else None
        if effective is None:
            continue
        for placement in learner.placements:
            workplace = catalogue.workplaces.get(placement.workplace)
            if workplace is None or not workplace.cannot_offer:
                continue
            missing = [
                competence
                for competence in not_offered(effective, placement, workplace)
                if not _moved(effective, competence)
            ]
            if missing:
                yield Finding(
                    placement.source.at("workplace"),
                    ID,
                    _(
                        "workplace %(workplace)s cannot offer %(missing)s, which %(standard)s teaches only at the "
                        "workplace; place the learner elsewhere or arrange it at school or a training centre"
                    )
                    % {"workplace": workplace.id, "missing": ", ".join(missing), "standard": effective.standard.id},
                )


def not_offered(effective: EffectiveTrajectory, placement: Placement, workplace: Workplace) -> list[str]:
    """Competences of the effective trajectory taught only at workplace places, one of them
    covered by ``placement``, that ``workplace`` cannot offer."""
    trajectory, places = effective.trajectory, effective.workplace_places()
    return [
        allocation.competence
        for allocation in trajectory.allocations
        if allocation.competence in workplace.cannot_offer
        and trajectory.only_at_workplace(allocation)
        and any(placement.covers(place, places) for place in allocation.at)
    ]


def _moved(effective: EffectiveTrajectory, competence: str) -> bool:
    adjustment = effective.adjustment_of(competence)
    return adjustment is not None and adjustment.at is not None
