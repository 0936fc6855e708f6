"""The learner's workplace cannot offer a competence that the trajectory teaches only at the workplace.

What it checks: for a placed learner, no competence in the workplace's
`cannot_offer` is one that the learner's trajectory teaches only at learning
places of type `workplace`. Reported at the learner's `workplace`, naming the
competences.

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

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext

ID = "workplace-cannot-offer"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for learner in catalogue.learners.values():
        workplace = catalogue.workplaces.get(learner.workplace or "")
        trajectory = catalogue.trajectories.get(learner.trajectory)
        if workplace is None or trajectory is None or not workplace.cannot_offer:
            continue
        if not catalogue.intact("StandardTrajectory", trajectory.id, "learning_places"):
            continue
        missing = [
            allocation.competence
            for allocation in trajectory.allocations
            if allocation.competence in workplace.cannot_offer and trajectory.only_at_workplace(allocation)
        ]
        if missing:
            yield Finding(
                learner.source.at("workplace"),
                ID,
                f"workplace {workplace.id} cannot offer {', '.join(missing)}, which {trajectory.id} teaches "
                "only at the workplace; place the learner elsewhere or arrange it at school or a training centre",
            )
