"""A competence of the trajectory's qualification has no allocation.

What it checks: every competence the trajectory must teach has an entry under
`allocations`: all competences of each professional qualification included as
`complete`, the listed competences of each `partial` one, and every
general-education goal of the educational qualification. Reported at the
trajectory's `allocations` key, naming the competence and where it is defined.

Why it matters: a standard trajectory (standaardtraject) must lead to the whole
qualification; a competence that is taught nowhere cannot be attained, and the
learner cannot earn the certificate (Vlor, advies over de conceptnota duaal leren,
on standard trajectories).

Example that fails::

    qualification: OK-afwerking-bouw-duaal    # includes BK-0130-5 completely
    allocations:
      - competence: bkc0051279                # ... but bkc0051280 is missing
        at: [school]
        assessed_by: [school]

Example that passes::

    qualification: OK-afwerking-bouw-duaal
    allocations:
      - competence: bkc0051279
        at: [school]
        assessed_by: [school]
      - competence: bkc0051280                # ... and one for every other competence
        at: [school, werkplek]
        assessed_by: [school]

How to fix: add an allocation for the competence (where it is learned, who
assesses it), or change the scope in the educational qualification.

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.graph import allocated_competences
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "uncovered-competence"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for trajectory in catalogue.trajectories.values():
        covered = allocated_competences(context.graph, trajectory.id)
        # Allocations left out for a schema error are reported there, not as missing;
        # one whose competence cannot be read may be any of them.
        lost = catalogue.lost("StandardTrajectory", trajectory.id, "allocations")
        named = catalogue.lost_values("StandardTrajectory", trajectory.id, "allocations", "competence")
        if len(named) < len(lost):
            continue
        covered |= named
        for ident, defined in catalogue.required_competences(trajectory).items():
            if ident in covered:
                continue
            yield Finding(
                trajectory.source.at("allocations"),
                ID,
                _(
                    "%(ident)s '%(title_of)s' (required by %(qualification)s, %(at)s) has no allocation; add "
                    "one under allocations"
                )
                % {
                    "ident": ident,
                    "title_of": catalogue.title_of(ident),
                    "qualification": trajectory.qualification,
                    "at": defined.at(),
                },
            )
