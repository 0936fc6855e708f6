"""The learner's agreement type differs from the trajectory's.

What it checks: when a learner states an `agreement` (version 1, or per placement
in `placements`), its type is the same as the `agreement` of the learner's
trajectory. Reported at the agreement's type.

Why it matters: the standard trajectory's hours were checked against its agreement
type; a learner on another type is registered under the wrong conditions.

Example that fails::

    kind: Learner
    trajectory: OT-00214     # agreement: OAO
    agreement: SAO

Example that passes::

    kind: Learner
    trajectory: OT-00214     # agreement: OAO
    agreement: OAO

How to fix: use the trajectory's agreement type, or a trajectory variant with the
other type.

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "agreement-mismatch"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for learner in catalogue.learners.values():
        trajectory = catalogue.trajectories.get(learner.trajectory)
        if trajectory is None:
            continue
        for agreement in learner.agreements():
            if agreement.type == trajectory.agreement:
                continue
            yield Finding(
                agreement.type_source.at(),
                ID,
                _(
                    "%(learner)s has agreement %(type)s, but trajectory %(trajectory)s uses %(agreement)s; use "
                    "%(agreement)s or another trajectory"
                )
                % {
                    "learner": learner.id,
                    "type": agreement.type,
                    "trajectory": trajectory.id,
                    "agreement": trajectory.agreement,
                },
            )
