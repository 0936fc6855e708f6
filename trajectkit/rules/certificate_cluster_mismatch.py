"""The clusters of a professional or partial qualification certificate hold competences outside it.

What it checks: for a certificate of type `professional-qualification` or
`partial-qualification`, every competence in the clusters it names (all clusters
for `clusters: all`) belongs to the qualification it certifies: a competence of that
professional qualification, or one listed by that partial qualification
(deelkwalificatie). The extra competences are named, with their cluster. Reported at
the certificate's `clusters`.

Why it matters: in Flanders the cluster is the unit of certification: a learner
earns a bewijs van (deel)kwalificatie by passing the clusters the standard
trajectory links to it. When those clusters hold more than the qualification, a
learner who has attained every competence of the partial qualification is still
told that competences are missing, and the certificate asks more than the
qualification does. It can be a choice (clusters follow the teaching), hence a
warning.

Example that fails::

    # CL1 Werken op de bouwplaats + CL2 Binnenbepleistering = the 13 competences of DBK-01
    certificates:
      - type: partial-qualification
        qualification: BK-0130-5-DBK-01
        clusters: [CL1, CL2, CL4]     # CL4 (machine and facade plastering) is not part of it

Example that passes::

    # CL1 Werken op de bouwplaats + CL2 Binnenbepleistering = the 13 competences of DBK-01
    certificates:
      - type: partial-qualification
        qualification: BK-0130-5-DBK-01
        clusters: [CL1, CL2]

How to fix: split the cluster so that the qualification's competences form
clusters of their own, and name only those; or accept that the certificate asks
more and switch the rule off.

Options: `rules: {certificate-cluster-mismatch: {level: off}}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "certificate-cluster-mismatch"
DEFAULT_LEVEL = Level.WARNING
#: Extra competences named one by one in a message; the rest are counted.
SHOWN = 10


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for trajectory in catalogue.trajectories.values():
        if not catalogue.intact("StandardTrajectory", trajectory.id, "clusters"):
            continue
        clusters = {cluster.id: cluster for cluster in trajectory.clusters}
        for certificate in trajectory.certificates:
            if certificate.type == "professional-qualification":
                target = catalogue.professional_qualifications.get(certificate.qualification or "")
                own = {competence.id for competence in target.competences} if target else None
            elif certificate.type == "partial-qualification":
                part = catalogue.partial_qualifications.get(certificate.qualification or "")
                own = set(part.competences) if part else None
            else:
                continue
            if own is None:
                continue  # unresolved-reference reports it
            names = list(clusters) if certificate.all_clusters else list(certificate.clusters or ())
            extra: dict[str, str] = {}
            for name in names:
                for ident in clusters[name].competences if name in clusters else ():
                    if ident not in own:
                        extra.setdefault(ident, name)
            if not extra:
                continue
            listed = [f"{ident} ({cluster})" for ident, cluster in list(extra.items())[:SHOWN]]
            more = _(" and %(value)s more") % {"value": len(extra) - SHOWN} if len(extra) > SHOWN else ""
            yield Finding(
                certificate.source.at("clusters"),
                ID,
                _(
                    "the clusters of the %(type)s certificate for %(qualification)s hold %(count)s "
                    "competence(s) outside it: %(listed)s%(more)s; a learner who attains all of "
                    "%(qualification)s still does not earn it; give its competences clusters of their own"
                )
                % {
                    "type": certificate.type,
                    "qualification": certificate.qualification,
                    "count": len(extra),
                    "listed": ", ".join(listed),
                    "more": more,
                },
            )
