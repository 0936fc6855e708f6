"""A professional competence is learned only at the workplace, with no school or training-centre part.

What it checks: for each allocation of a professional competence, `at` holds at
least one place that is not of type `workplace` (school, training centre or
simulated workplace).

Why it matters: the GO! vision text on workplace learning warns that on the
workplace the work process can push out the learning, and that without reflection
learners learn too little from their work; a competence with no school or
training-centre part has no moment for that. Learning new competences at the
workplace is part of dual learning (Vlor and SERV, gezamenlijke oproep "Hernieuwd
engagement voor werkplekleren en duaal leren", 2021), so this is a warning, not an
error.

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
from trajectkit.translation import _

ID = "learning-without-school-preparation"
DEFAULT_LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for trajectory in catalogue.trajectories.values():
        if not catalogue.intact("StandardTrajectory", trajectory.id, "learning_places"):
            continue  # a place left out for a schema error may be the school
        for allocation in trajectory.allocations:
            if allocation.competence in catalogue.general_education:
                continue
            if trajectory.only_at_workplace(allocation):
                yield Finding(
                    allocation.source.at("at"),
                    ID,
                    _(
                        "%(competence)s is learned only at the workplace (%(at)s); add a school or training-centre "
                        "part to prepare it"
                    )
                    % {"competence": allocation.competence, "at": ", ".join(allocation.at)},
                )
