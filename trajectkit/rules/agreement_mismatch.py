"""The learner's agreement type differs from the trajectory's.

What it checks: when a learner states an `agreement`, it is the same as the
`agreement` of the learner's trajectory. Reported at the learner's `agreement`.

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

ID = "agreement-mismatch"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for learner in catalogue.learners.values():
        trajectory = catalogue.trajectories.get(learner.trajectory)
        if trajectory is None or learner.agreement is None or learner.agreement == trajectory.agreement:
            continue
        yield Finding(
            learner.source.at("agreement"),
            ID,
            f"{learner.id} has agreement {learner.agreement}, but trajectory {trajectory.id} uses "
            f"{trajectory.agreement}; use {trajectory.agreement} or another trajectory",
        )
