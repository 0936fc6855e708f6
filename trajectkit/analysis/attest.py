"""Kwalificatiebewijzen: which certificates a learner has earned, and what the next one needs.

A learner who leaves dual learning early keeps the highest certificate reached (Vlor,
advies over de conceptnota duaal leren; SERV, advies "Een beroepskwalificerende leerweg
voor (leerplichtige) jongeren", 2019). The trajectory lists its certificates; the profile's certificate ladder
ranks their types, highest first (Flanders: educational qualification > professional
qualification > partial qualification > proof of competences).

- A competence is *held* when the learner has attained it (``attained``, or an
  ``attained`` result of an evaluation, from its date) or is exempted from it
  (``prior_learning``, eerder verworven competenties).
- After an early ending (stopzetting: the agreement of the learner's last placement
  has an ``ended_on``, :meth:`Learner.ending`) the attest shows what the learner takes
  away: only what was attained up to and including ``ended_on`` counts, and the
  certificates follow from that.
- A certificate with clusters is earned when every competence of its clusters is held:
  ``clusters: all`` (the educational qualification) means every cluster of the
  trajectory. Rule ``certificate-incomplete`` makes sure the clusters of a professional
  or partial qualification certificate hold all of its competences.
- A proof of competences (bewijs van competenties) is earned as soon as one
  competence of the trajectory is held; it lists them.
- The *next rung* is the nearest rung above the highest one earned for which the
  trajectory offers a certificate with clusters; its certificates are listed with the
  competences still missing, fewest first. The proof of competences is never the next
  rung: it has no list of competences to complete (its rule is "any one").
- Each missing competence says where *this* learner learns it: the places of the
  learner's effective trajectory (:mod:`trajectkit.catalogue.effective`), so an
  agreed adjustment shows, and a certificate counts its missing competences per place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.effective import effective_trajectory
from trajectkit.catalogue.model import (
    Certificate,
    EducationalQualification,
    Learner,
    PartialQualification,
    ProfessionalQualification,
    StandardTrajectory,
)

PROOF_OF_COMPETENCES = "proof-of-competences"
EDUCATIONAL_QUALIFICATION = "educational-qualification"
ATTAINED = "attained"
EXEMPTED = "exempted"


@dataclass(frozen=True)
class HeldCompetence:
    """A competence the learner holds: attained on a date, or exempted with evidence."""

    id: str
    title: str
    how: str
    date: dt.date | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class MissingCompetence:
    """A competence a certificate still needs, the cluster it sits in, and the learning
    places where the learner learns it (none when the trajectory does not allocate it)."""

    id: str
    title: str
    cluster: str
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class CertificateStatus:
    """One certificate of the trajectory, and how far the learner is with it."""

    type: str
    qualification: str | None
    title: str
    rung: int
    clusters: tuple[str, ...]
    required: int
    held: tuple[HeldCompetence, ...]
    missing: tuple[MissingCompetence, ...]
    earned: bool

    def missing_by_place(self) -> dict[str, int]:
        """How many missing competences each learning place teaches, in the order first
        named; a competence learned at two places counts at both."""
        counts: dict[str, int] = {}
        for item in self.missing:
            for place in item.places:
                counts[place] = counts.get(place, 0) + 1
        return counts


@dataclass(frozen=True)
class Attestation:
    """What a learner takes with them today."""

    learner: str
    name: str
    language: str
    trajectory: str
    trajectory_title: str
    ladder: tuple[str, ...]
    held: tuple[HeldCompetence, ...]
    certificates: tuple[CertificateStatus, ...]
    highest: str | None
    next_rung: str | None
    ended_on: dt.date | None = None  # the early end (stopzetting), if the learner left early
    end_reason: str | None = None

    @property
    def earned(self) -> tuple[CertificateStatus, ...]:
        return tuple(item for item in self.certificates if item.earned)

    @property
    def next(self) -> tuple[CertificateStatus, ...]:
        """The certificates of the next rung, fewest missing competences first."""
        candidates = [item for item in self.certificates if item.type == self.next_rung and not item.earned]
        return tuple(sorted(candidates, key=lambda item: len(item.missing)))


def attest(
    catalogue: Catalogue,
    learner: Learner,
    trajectory: StandardTrajectory,
    ladder: tuple[str, ...],
    on: dt.date | None = None,
) -> Attestation:
    """The certificates ``learner`` has earned on ``trajectory``, ranked by ``ladder``;
    where the missing competences are learned is read from the learner's effective
    trajectory on ``on`` (default: the learner's start)."""
    ending = learner.ending()
    ended_on = ending.ended_on if ending is not None else None
    effective = effective_trajectory(learner, trajectory, on or learner.start).trajectory
    places = {allocation.competence: allocation.at for allocation in effective.allocations}
    held = _held(catalogue, learner, ended_on)
    held_ids = {item.id: item for item in held}
    trajectory_competences = set(catalogue.required_competences(trajectory))
    trajectory_competences.update(item.competence for item in trajectory.allocations)
    trajectory_competences.update(ident for cluster in trajectory.clusters for ident in cluster.competences)

    statuses = []
    for certificate in trajectory.certificates:
        rung = ladder.index(certificate.type) if certificate.type in ladder else len(ladder)
        title = _title(catalogue, trajectory, certificate)
        if certificate.type == PROOF_OF_COMPETENCES and not certificate.clusters and not certificate.all_clusters:
            mine = tuple(item for item in held if item.id in trajectory_competences)
            statuses.append(CertificateStatus(certificate.type, None, title, rung, (), 1, mine, (), bool(mine)))
            continue
        names = (
            [cluster.id for cluster in trajectory.clusters]
            if certificate.all_clusters
            else list(certificate.clusters or ())
        )
        needed: dict[str, str] = {}  # competence → its first named cluster
        for cluster in trajectory.clusters:
            if cluster.id in names:
                for ident in cluster.competences:
                    needed.setdefault(ident, cluster.id)
        have = tuple(held_ids[ident] for ident in needed if ident in held_ids)
        missing = tuple(
            MissingCompetence(ident, catalogue.title_of(ident), cluster, places.get(ident, ()))
            for ident, cluster in needed.items()
            if ident not in held_ids
        )
        statuses.append(
            CertificateStatus(
                certificate.type,
                certificate.qualification
                or (trajectory.qualification if certificate.type == EDUCATIONAL_QUALIFICATION else None),
                title,
                rung,
                tuple(names),
                len(needed),
                have,
                missing,
                bool(needed) and not missing,
            )
        )
    statuses.sort(key=lambda item: item.rung)  # stable: the trajectory's order within a rung

    earned_rungs = [item.rung for item in statuses if item.earned and item.rung < len(ladder)]
    highest = ladder[min(earned_rungs)] if earned_rungs else None
    ceiling = min(earned_rungs) if earned_rungs else len(ladder)
    offered = sorted({item.rung for item in statuses if item.type != PROOF_OF_COMPETENCES and item.rung < ceiling})
    next_rung = ladder[offered[-1]] if offered else None
    return Attestation(
        learner.id,
        learner.name,
        learner.language,
        trajectory.id,
        trajectory.title,
        ladder,
        held,
        tuple(statuses),
        highest,
        next_rung,
        ended_on,
        ending.end_reason if ending is not None else None,
    )


def _held(catalogue: Catalogue, learner: Learner, until: dt.date | None) -> tuple[HeldCompetence, ...]:
    """Attained competences (first date counts; up to ``until`` when given), then
    exemptions for the others, by id."""
    held: dict[str, HeldCompetence] = {}
    for competence, reached in learner.attained_on().items():
        if until is not None and reached > until:
            continue
        held[competence] = HeldCompetence(competence, catalogue.title_of(competence), ATTAINED, reached)
    for exempted in learner.prior_learning:
        competence = exempted.competence
        held.setdefault(
            competence,
            HeldCompetence(competence, catalogue.title_of(competence), EXEMPTED, evidence=exempted.evidence),
        )
    return tuple(held[ident] for ident in sorted(held))


def _title(catalogue: Catalogue, trajectory: StandardTrajectory, certificate: Certificate) -> str:
    ident = certificate.qualification
    found: EducationalQualification | PartialQualification | ProfessionalQualification | None
    if certificate.type == EDUCATIONAL_QUALIFICATION:
        ident = ident or trajectory.qualification
        found = catalogue.educational_qualifications.get(ident)
    elif certificate.type == "partial-qualification":
        found = catalogue.partial_qualifications.get(ident or "")
    else:
        found = catalogue.professional_qualifications.get(ident or "")
    if found is not None:
        return found.title
    return ident or trajectory.title
