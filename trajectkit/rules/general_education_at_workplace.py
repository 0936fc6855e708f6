"""A general-education goal is learned only outside school.

What it checks: every allocation of a general-education goal (a goal listed under
`general_education` of an educational qualification) has a place of type
`school` in `at`.

Why it matters: general education (algemene vorming: language, maths, citizenship)
is the school's task; a workplace teaches work, not the final objectives
(Vlor, advies over de conceptnota duaal leren: an integrated training with a broad
enough general part at school).

Example that fails::

    - competence: ET-NL-01
      at: [werkplek]
      assessed_by: [school]

Example that passes::

    - competence: ET-NL-01
      at: [school]
      assessed_by: [school]

How to fix: learn the goal at school (`at: [school]` or `[school, werkplek]`).

Options: none.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from trajectkit.catalogue.model import Allocation, StandardTrajectory
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "general-education-at-workplace"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    goals = context.catalogue.general_education
    for trajectory in context.catalogue.trajectories.values():
        if not context.catalogue.intact("StandardTrajectory", trajectory.id, "learning_places"):
            continue  # a place left out for a schema error may be the school
        for allocation in trajectory.allocations:
            message = problem(trajectory, allocation, goals)
            if message is not None:
                yield Finding(allocation.source.at("at"), ID, message)


def problem(trajectory: StandardTrajectory, allocation: Allocation, goals: Collection[str]) -> str | None:
    """What is wrong with one allocation (standard or adjusted), or ``None``."""
    schools = {place.id for place in trajectory.learning_places if place.is_school}
    if allocation.competence not in goals or not schools.isdisjoint(allocation.at):
        return None
    return _(
        "general-education goal %(competence)s is learned only at %(at)s, none of them a place of "
        "type school; general education belongs at school: add the school to at"
    ) % {"competence": allocation.competence, "at": ", ".join(allocation.at)}
