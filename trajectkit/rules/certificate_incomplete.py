"""The clusters of a professional or partial qualification certificate miss some of its competences.

What it checks: for a certificate of type `professional-qualification` the
clusters it names (or all clusters for `clusters: all`) hold every competence of
that professional qualification; for `partial-qualification`, every competence of
that partial qualification (deelkwalificatie). The missing competences are named.

Why it matters: a certificate must certify the whole qualification; a learner who
finishes the clusters would otherwise receive a certificate for competences never
taught or assessed (Vlor, advies over de conceptnota duaal leren; SERV, advies "Een
beroepskwalificerende leerweg voor (leerplichtige) jongeren", 2019, on
certificates for what a learner has attained).

Example that fails::

    clusters:
      - {id: CL1, title: Binnenbepleistering, competences: [bkc0051279]}
    certificates:
      - type: partial-qualification
        qualification: BK-0130-5-DBK-01     # also needs bkc0051280 and bkc0051290
        clusters: [CL1]

Example that passes::

    clusters:
      - id: CL1
        title: Werken op de bouwplaats
        competences: [bkc0051279, bkc0051280, bkc0051281, bkc0051282,
                      bkc0051283, bkc0051284, bkc0051285, bkc0051286]
      - id: CL2
        title: Binnenbepleistering
        competences: [bkc0051287, bkc0051288, bkc0051289, bkc0051290, bkc0051291]
    certificates:
      - type: partial-qualification
        qualification: BK-0130-5-DBK-01     # its 13 competences are in CL1 and CL2
        clusters: [CL1, CL2]

How to fix: add the missing competences to one of the named clusters, or name
another cluster that holds them.

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "certificate-incomplete"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for trajectory in catalogue.trajectories.values():
        if not catalogue.intact("StandardTrajectory", trajectory.id, "clusters"):
            continue  # a cluster left out for a schema error may hold them
        clusters = {cluster.id: cluster for cluster in trajectory.clusters}
        for certificate in trajectory.certificates:
            if certificate.type == "professional-qualification":
                target = catalogue.professional_qualifications.get(certificate.qualification or "")
                needed = [competence.id for competence in target.competences] if target else None
            elif certificate.type == "partial-qualification":
                part = catalogue.partial_qualifications.get(certificate.qualification or "")
                needed = list(part.competences) if part else None
            else:
                continue
            if needed is None:
                continue  # unresolved-reference reports it
            names = list(clusters) if certificate.all_clusters else list(certificate.clusters or ())
            held = {ident for name in names if name in clusters for ident in clusters[name].competences}
            missing = [ident for ident in needed if ident not in held]
            if missing:
                shown = ", ".join(missing[:10]) + (
                    _(" and %(value)s more") % {"value": len(missing) - 10} if len(missing) > 10 else ""
                )
                yield Finding(
                    certificate.source.at("clusters"),
                    ID,
                    _(
                        "the clusters of the %(type)s certificate for %(qualification)s miss %(count)s of its "
                        "competences: %(shown)s; add them to a named cluster"
                    )
                    % {
                        "type": certificate.type,
                        "qualification": certificate.qualification,
                        "count": len(missing),
                        "shown": shown,
                    },
                )
