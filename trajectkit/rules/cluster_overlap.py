"""A competence sits in more than one cluster.

What it checks: each competence appears in at most one of the trajectory's
`clusters`. The second and later appearances are reported, naming the first.

Why it matters: clusters lead to certificates; a competence counted in two clusters
blurs which certificate a learner earns and doubles the learning load on paper.

Example that fails::

    clusters:
      - {id: CL1, title: Binnenbepleistering, competences: [bkc0051279, bkc0051290]}
      - {id: CL2, title: Droogbouw, competences: [bkc0051279, bkc0051300]}

Example that passes::

    clusters:
      - {id: CL1, title: Binnenbepleistering, competences: [bkc0051279, bkc0051290]}
      - {id: CL2, title: Droogbouw, competences: [bkc0051300]}

How to fix: keep the competence in one cluster. A certificate can name several
clusters if it needs the competence.

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "cluster-overlap"
DEFAULT_LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    for trajectory in context.catalogue.trajectories.values():
        first: dict[str, str] = {}
        for cluster in trajectory.clusters:
            for index, ident in enumerate(cluster.competences):
                if ident in first:
                    yield Finding(
                        cluster.source.at("competences", index),
                        ID,
                        _("%(ident)s is also in cluster %(first)s; keep it in one cluster")
                        % {"ident": ident, "first": first[ident]},
                    )
                else:
                    first[ident] = cluster.id
