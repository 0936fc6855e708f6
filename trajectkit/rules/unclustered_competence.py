"""An allocated competence is in no cluster, so it leads to no certificate.

What it checks: every professional competence that has an allocation appears in at
least one of the trajectory's `clusters`. General-education goals are not
checked: they count towards the educational qualification, not towards a
professional or partial certificate.

Why it matters: clusters are what certificates are made of; a competence outside
every cluster is taught and assessed but never certified, so a learner who leaves
early cannot take it along (SERV, advies "Een beroepskwalificerende leerweg voor
(leerplichtige) jongeren", 2019, on certifying what a learner has attained).

Example that fails::

    allocations:
      - competence: bkc0051301
        at: [school]
        assessed_by: [school]
    clusters:
      - {id: CL1, title: Binnenbepleistering, competences: [bkc0051279]}

Example that passes::

    allocations:
      - competence: bkc0051301
        at: [school]
        assessed_by: [school]
    clusters:
      - {id: CL1, title: Binnenbepleistering, competences: [bkc0051279]}
      - {id: CL3, title: Droogbouw, competences: [bkc0051301]}

How to fix: add the competence to the cluster it belongs with.

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.graph import clustered_competences
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "unclustered-competence"
DEFAULT_LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    goals = context.catalogue.general_education
    for trajectory in context.catalogue.trajectories.values():
        if not context.catalogue.intact("StandardTrajectory", trajectory.id, "clusters"):
            continue  # a cluster left out for a schema error may hold them
        clustered = clustered_competences(context.graph, trajectory.id)
        for allocation in trajectory.allocations:
            if allocation.competence in goals or allocation.competence in clustered:
                continue
            yield Finding(
                allocation.source.at("competence"),
                ID,
                _("%(competence)s is in no cluster, so it leads to no certificate; add it to a cluster")
                % {"competence": allocation.competence},
            )
