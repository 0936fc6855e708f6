"""An allocation or cluster names a competence outside the trajectory's qualification.

What it checks: every competence in `allocations` and `clusters` belongs to the
trajectory's educational qualification (a competence of a complete professional
qualification, a listed competence of a partial one, or a general-education goal).

Why it matters: a foreign competence makes the trajectory look bigger than the
qualification it leads to, and usually means the wrong id was copied.

Example that fails::

    qualification: OK-afwerking-bouw-duaal
    allocations:
      - competence: bkc0060001    # Tegelzetter's "Werkt in teamverband": not in the OK
        at: [school]
        assessed_by: [school]

Example that passes::

    qualification: OK-afwerking-bouw-duaal
    allocations:
      - competence: bkc0051279    # Stukadoor's "Werkt in teamverband"
        at: [school]
        assessed_by: [school]

How to fix: remove it, or add its qualification (or the competence, for a partial
one) to the educational qualification.

Options: none. Competences that are not in the catalogue at all are reported by
`unresolved-reference` instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "foreign-competence"
DEFAULT_LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for trajectory in catalogue.trajectories.values():
        if catalogue.qualification_of(trajectory) is None:
            continue
        required = catalogue.required_competences(trajectory)
        advice = (
            "remove it (a beroepskwalificerende trajectory teaches only its own qualification)"
            if catalogue.is_professional(trajectory)
            else _("remove it or add it to the educational qualification")
        )
        places = [(allocation.competence, allocation.source.at("competence")) for allocation in trajectory.allocations]
        for cluster in trajectory.clusters:
            places.extend((ident, cluster.source.at("competences", i)) for i, ident in enumerate(cluster.competences))
        for ident, where in places:
            if ident in required or not catalogue.is_competence(ident):
                continue
            owner = (
                catalogue.competences[ident].qualification
                if ident in catalogue.competences
                else _("another qualification")
            )
            yield Finding(
                where,
                ID,
                _("%(ident)s belongs to %(owner)s, not to %(qualification)s; %(advice)s")
                % {"ident": ident, "owner": owner, "qualification": trajectory.qualification, "advice": advice},
            )
