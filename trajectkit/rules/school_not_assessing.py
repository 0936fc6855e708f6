"""A competence is assessed only outside school: the school keeps the final responsibility.

What it checks: every allocation's `assessed_by` includes at least one learning
place of type `school`.

Why it matters: in dual learning the mentor gives input, but the school (or the
education provider) decides whether a competence is attained; the advisory councils
insist that evaluation stays with the school (seeds 000 and 002).

Example that fails::

    - competence: bkc0051290
      at: [school, werkplek]
      assessed_by: [werkplek]

How to fix: add the school to `assessed_by` (the workplace may stay as co-assessor).

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext

ID = "school-not-assessing"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    for trajectory in context.catalogue.trajectories.values():
        schools = {place.id for place in trajectory.learning_places if place.is_school}
        for allocation in trajectory.allocations:
            if schools.isdisjoint(allocation.assessed_by):
                assessors = ", ".join(allocation.assessed_by)
                yield Finding(
                    allocation.source.at("assessed_by"),
                    ID,
                    f"{allocation.competence} is assessed only by {assessors}; "
                    "the school keeps the final evaluation: add a school place to assessed_by",
                )
