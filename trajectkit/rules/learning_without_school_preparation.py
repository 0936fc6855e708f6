"""A professional competence is learned only at the workplace, with no school or training-centre part.

What it checks: for each allocation of a professional competence, `at` holds at
least one place that is not of type `workplace` (school, training centre or
simulated workplace).

Why it matters: the councils warn that workplaces end up teaching *work* instead of
*learning*; a competence that is only "picked up" on the job has no preparation or
reflection at school (seeds 000 and 003). Some competences can only be learned on
site, hence a warning.

Example that fails::

    - competence: bkc0051295
      at: [werkplek]
      assessed_by: [school, werkplek]

Example that passes::

    - competence: bkc0051295
      at: [school, werkplek]
      assessed_by: [school, werkplek]

How to fix: add a school or training-centre part to `at`, or switch the rule off
for a trajectory family that deliberately works this way.

Options: `rules: {learning-without-school-preparation: {level: off}}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext

ID = "learning-without-school-preparation"
DEFAULT_LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for trajectory in catalogue.trajectories.values():
        for allocation in trajectory.allocations:
            if allocation.competence in catalogue.general_education:
                continue
            if trajectory.only_at_workplace(allocation):
                yield Finding(
                    allocation.source.at("at"),
                    ID,
                    f"{allocation.competence} is learned only at the workplace ({', '.join(allocation.at)}); "
                    "add a school or training-centre part to prepare it",
                )
