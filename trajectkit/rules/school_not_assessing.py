"""A competence is assessed only at a workplace: the school keeps the final responsibility.

What it checks: every allocation's `assessed_by` names at least one learning place
that is not of type `workplace` (the school, or a training centre or simulated
workplace run with it). Places that are not in `learning_places` are left to
`unknown-learning-place`.

Why it matters: in dual learning the mentor gives input, but the school (or the
education provider) decides whether a competence is attained; the advisory councils
insist that evaluation stays with the school (seeds 000 and 002).

Example that fails::

    - competence: bkc0051290
      at: [school, werkplek]
      assessed_by: [werkplek]

Example that passes::

    - competence: bkc0051290
      at: [school, werkplek]
      assessed_by: [school, werkplek]

How to fix: add the school to `assessed_by` (the workplace may stay as co-assessor).

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.model import WORKPLACE
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext

ID = "school-not-assessing"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    for trajectory in context.catalogue.trajectories.values():
        workplaces = {place.id for place in trajectory.places_of_type(WORKPLACE)}
        known = {place.id for place in trajectory.learning_places}
        for allocation in trajectory.allocations:
            assessors = [place for place in allocation.assessed_by if place in known]
            if assessors and all(place in workplaces for place in assessors):
                yield Finding(
                    allocation.source.at("assessed_by"),
                    ID,
                    f"{allocation.competence} is assessed only at the workplace ({', '.join(assessors)}); "
                    "the school keeps the final evaluation: add the school to assessed_by",
                )
