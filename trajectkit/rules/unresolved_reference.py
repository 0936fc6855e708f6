"""A reference names an id that is not in the catalogue (the closest id is suggested).

What it checks: every reference resolves within the files given on the command
line: an educational qualification's professional qualifications and their listed
competences; a trajectory's qualification (an educational qualification, or a
professional one for a beroepskwalificerende trajectory), the competences of its
allocations, `requires` and clusters, the phase of an allocation, the clusters and
qualification of a certificate; a workplace's recognised trajectories and
`cannot_offer` competences; a provider's offered trajectories; a learner's
trajectory, workplace and mentor (a mentor of that workplace, for each placement),
school provider and
coach (a coach of that provider) and the competences of `prior_learning` and
`attained`; the `moment` of a learner's evaluation (an `evaluation_moments` id of
the learner's trajectory) and the competence of each of its results (a competence
the trajectory allocates). An approval's `replaces` is not checked: a superseded trajectory is
usually no longer in the catalogue. When the id is written in a file that could
not be read (a YAML syntax error), the message names that file.

Why it matters: a dangling reference usually is a typo, and everything that depends
on it (coverage, certificates, plans) silently goes wrong.

Example that fails::

    kind: Learner
    trajectory: OT-0214        # no such trajectory; did you mean 'OT-00214'?

Example that passes::

    kind: Learner
    trajectory: OT-00214

How to fix: correct the id, add the missing file to the command line, or fix the
file that could not be read.

Options: none.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from trajectkit.catalogue.catalogue import QUALIFICATION_KINDS, Catalogue
from trajectkit.catalogue.model import Attainment, Learner, Placement, PriorLearning, StandardTrajectory
from trajectkit.problems import Finding, Level, Location
from trajectkit.rules.context import RuleContext
from trajectkit.translation import N_, _

ID = "unresolved-reference"
DEFAULT_LEVEL = Level.ERROR

_COMPETENCE_KINDS = ("competence", "goal")
_CERTIFICATE_TARGETS = {
    "partial-qualification": ("PartialQualification", N_("partial qualification")),
    "professional-qualification": ("ProfessionalQualification", _("professional qualification")),
    "educational-qualification": ("EducationalQualification", N_("educational qualification")),
}


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    yield from _qualifications(catalogue)
    for trajectory in catalogue.trajectories.values():
        yield from _trajectory(catalogue, trajectory)
    for workplace in catalogue.workplaces.values():
        for recognition in workplace.recognitions:
            yield from _expect(
                catalogue,
                ("StandardTrajectory",),
                recognition.trajectory,
                recognition.source.at("trajectory"),
                _("trajectory"),
            )
        for index, ident in enumerate(workplace.cannot_offer):
            yield from _expect(
                catalogue, _COMPETENCE_KINDS, ident, workplace.source.at("cannot_offer", index), _("competence")
            )
    for provider in catalogue.providers.values():
        for offer in provider.offers:
            yield from _expect(
                catalogue, ("StandardTrajectory",), offer.trajectory, offer.source.at("trajectory"), "trajectory"
            )
    for learner in catalogue.learners.values():
        src = learner.source
        yield from _expect(
            catalogue, ("StandardTrajectory",), learner.trajectory, src.at("trajectory"), _("trajectory")
        )
        for placement in learner.placements:
            yield from _placement(catalogue, placement)
        yield from _school(catalogue, learner)
        held: tuple[PriorLearning | Attainment, ...] = (*learner.prior_learning, *learner.attained)
        for item in held:
            yield from _expect(
                catalogue, _COMPETENCE_KINDS, item.competence, item.source.at("competence"), _("competence")
            )
        yield from _evaluations(catalogue, learner)


def _evaluations(catalogue: Catalogue, learner: Learner) -> Iterator[Finding]:
    """Each evaluation's moment is one of the trajectory's, each result's competence one it allocates."""
    trajectory = catalogue.trajectories.get(learner.trajectory)
    moments = [moment.id for moment in trajectory.evaluation_moments] if trajectory else []
    allocated = [allocation.competence for allocation in trajectory.allocations] if trajectory else []
    lost_moments = catalogue.lost_values("StandardTrajectory", learner.trajectory, "evaluation_moments", "id")
    allocations_whole = catalogue.intact("StandardTrajectory", learner.trajectory, "allocations")
    for evaluation in learner.evaluations:
        moment = evaluation.moment
        if trajectory is not None and moment is not None and moment not in moments and moment not in lost_moments:
            yield _missing(
                evaluation.source.at("moment"),
                _("evaluation moment of %(trajectory)s") % {"trajectory": trajectory.id},
                moment,
                moments,
            )
        for result in evaluation.results:
            where = result.source.at("competence")
            if not any(catalogue.knows(kind, result.competence) for kind in _COMPETENCE_KINDS):
                yield from _expect(catalogue, _COMPETENCE_KINDS, result.competence, where, _("competence"))
            elif trajectory is not None and allocations_whole and result.competence not in allocated:
                close = difflib.get_close_matches(result.competence, allocated, n=1, cutoff=0.6)
                hint = _("; did you mean '%(close)s'?") % {"close": close[0]} if close else ""
                yield Finding(
                    where,
                    ID,
                    _(
                        "competence '%(competence)s' is not in trajectory %(trajectory)s of %(learner)s: an "
                        "evaluation judges competences the trajectory allocates%(hint)s"
                    )
                    % {
                        "competence": result.competence,
                        "trajectory": trajectory.id,
                        "learner": learner.id,
                        "hint": hint,
                    },
                )


def _placement(catalogue: Catalogue, placement: Placement) -> Iterator[Finding]:
    src = placement.source
    yield from _expect(catalogue, ("Workplace",), placement.workplace, src.at("workplace"), _("workplace"))
    placed = catalogue.workplaces.get(placement.workplace)
    lost = catalogue.lost_values("Workplace", placement.workplace, "mentors", "id")
    mentor = placement.mentor
    if placed is not None and mentor is not None and placed.mentor(mentor) is None and mentor not in lost:
        names = [item.id for item in placed.mentors]
        yield _missing(src.at("mentor"), _("mentor of workplace %(placed)s") % {"placed": placed.id}, mentor, names)


def _school(catalogue: Catalogue, learner: Learner) -> Iterator[Finding]:
    school = learner.school
    if school is None or school.provider is None:
        return
    src = learner.source
    yield from _expect(catalogue, ("Provider",), school.provider, src.at("school", "provider"), _("provider"))
    provider = catalogue.providers.get(school.provider)
    lost = catalogue.lost_values("Provider", school.provider, "coaches", "id")
    coach = school.coach_id
    if provider is not None and coach is not None and provider.coach(coach) is None and coach not in lost:
        names = [item.id for item in provider.coaches]
        yield _missing(
            src.at("school", "coach"), _("coach of provider %(provider)s") % {"provider": provider.id}, coach, names
        )


def _qualifications(catalogue: Catalogue) -> Iterator[Finding]:
    for qualification in catalogue.educational_qualifications.values():
        for scope in qualification.professional_qualifications:
            yield from _expect(
                catalogue,
                ("ProfessionalQualification",),
                scope.ref,
                scope.source.at("ref"),
                _("professional qualification"),
            )
            profession = catalogue.professional_qualifications.get(scope.ref)
            if profession is None:
                continue
            own = [competence.id for competence in profession.competences]
            for index, ident in enumerate(scope.competences):
                if ident not in own:
                    yield _missing(
                        scope.source.at("competences", index),
                        _("competence of %(profession)s") % {"profession": profession.id},
                        ident,
                        own,
                    )
    for profession in catalogue.professional_qualifications.values():
        own = [competence.id for competence in profession.competences]
        for part in profession.partial_qualifications:
            for index, ident in enumerate(part.competences):
                if ident not in own:
                    yield _missing(
                        part.source.at("competences", index),
                        _("competence of %(profession)s") % {"profession": profession.id},
                        ident,
                        own,
                    )


def _trajectory(catalogue: Catalogue, trajectory: StandardTrajectory) -> Iterator[Finding]:
    yield from _expect(
        catalogue,
        QUALIFICATION_KINDS,
        trajectory.qualification,
        trajectory.source.at("qualification"),
        _("educational or professional qualification"),
    )
    phases = [phase.id for phase in trajectory.phases]
    lost_phases = catalogue.lost_values("StandardTrajectory", trajectory.id, "phases", "id")
    lost_clusters = catalogue.lost_values("StandardTrajectory", trajectory.id, "clusters", "id")
    for allocation in trajectory.allocations:
        src = allocation.source
        yield from _expect(catalogue, _COMPETENCE_KINDS, allocation.competence, src.at("competence"), _("competence"))
        for index, ident in enumerate(allocation.requires):
            yield from _expect(catalogue, _COMPETENCE_KINDS, ident, src.at("requires", index), _("competence"))
        if allocation.phase is not None and allocation.phase not in phases and allocation.phase not in lost_phases:
            yield _missing(
                src.at("phase"), _("phase of %(trajectory)s") % {"trajectory": trajectory.id}, allocation.phase, phases
            )
    for cluster in trajectory.clusters:
        for index, ident in enumerate(cluster.competences):
            yield from _expect(
                catalogue, _COMPETENCE_KINDS, ident, cluster.source.at("competences", index), _("competence")
            )
    clusters = [cluster.id for cluster in trajectory.clusters]
    for certificate in trajectory.certificates:
        for index, ident in enumerate(certificate.clusters or ()):
            if ident not in clusters and ident not in lost_clusters:
                yield _missing(
                    certificate.source.at("clusters", index),
                    _("cluster of %(trajectory)s") % {"trajectory": trajectory.id},
                    ident,
                    clusters,
                )
        if certificate.qualification is not None:
            kind, what = _CERTIFICATE_TARGETS.get(
                certificate.type, ("EducationalQualification", N_("educational qualification"))
            )
            yield from _expect(
                catalogue, (kind,), certificate.qualification, certificate.source.at("qualification"), _(what)
            )


def _expect(catalogue: Catalogue, kinds: Iterable[str], ident: str, where: Location, what: str) -> Iterator[Finding]:
    kinds = tuple(kinds)
    if any(catalogue.knows(kind, ident) for kind in kinds):
        return
    unread = catalogue.unread.get(ident)
    if unread is not None:
        yield Finding(
            where,
            ID,
            _(
                "%(what)s '%(ident)s' is not in the catalogue: it is defined in %(unread)s, which could "
                "not be read (see its yaml-syntax or yaml-limits error); fix that file"
            )
            % {"what": what, "ident": ident, "unread": unread},
        )
        return
    candidates = sorted(set().union(*(catalogue.ids(kind) for kind in kinds)))
    yield _missing(where, what, ident, candidates)


def _missing(where: Location, what: str, ident: str, candidates: Iterable[str]) -> Finding:
    close = difflib.get_close_matches(ident, list(candidates), n=1, cutoff=0.6)
    hint = (
        _("; did you mean '%(close)s'?") % {"close": close[0]}
        if close
        else _("; check the id or add the file that defines it")
    )
    return Finding(
        where,
        ID,
        _("%(what)s '%(ident)s' is not in the catalogue%(hint)s") % {"what": what, "ident": ident, "hint": hint},
    )
