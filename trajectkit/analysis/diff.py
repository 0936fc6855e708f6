"""What changed between two versions of standard trajectories and qualifications.

Documents of kind ``StandardTrajectory``, ``ProfessionalQualification`` and
``EducationalQualification`` are matched by kind and id between the OLD and the NEW
side. A learner on both sides is compared too (two versions of a learner file:
:mod:`trajectkit.analysis.diff_learners`), and a change to the agreed plan that no new
plan version records is flagged. Workplaces are not compared, and neither are learners
on one side only (they are the catalogue the change lands in, not the design).

For a trajectory: title, qualification, agreement, school years, learning places
(added, removed, type), hours per week per place, phases, and per competence its
allocation (added, removed, learned at other places, assessed by others, another
phase, other prerequisites); clusters (added, removed, other competences or title);
certificates (added, removed, other clusters), matched by type and qualification.
For a professional qualification: title, level, competences added, removed,
retitled or with other knowledge/skills, partial qualifications. For an educational
qualification: title, level, the professional qualifications it includes (and their
scope), general-education goals.

A change *affects* a learner who follows a changed trajectory, or a trajectory whose
educational qualification changed or includes (or certifies) a changed professional
qualification. Every learner found counts, whatever their dates: a finished learner's
file is still theirs. A trajectory's changes are compared on the learner's *effective*
trajectory (:mod:`trajectkit.catalogue.effective`): a change that the learner's own
``adjustments`` or ``hours_per_week`` override does not reach them, and a learner
whom none of the changes reaches is not affected. ``changes`` counts the changes
that reach the learner.

Changes come by kind (trajectories, professional, then educational qualifications),
then by document id, then in the order of the document's fields.

Locations point into the NEW file (the changed node, or for a removal the list it was
removed from), so CI annotations land on the new version; a removed document points
into the OLD file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from trajectkit.analysis.changes import Change
from trajectkit.analysis.diff_learners import LEARNER, UnrecordedChange, learner_changes, unrecorded
from trajectkit.analysis.diff_qualifications import EDUCATION, PROFESSION, education_changes, profession_changes
from trajectkit.analysis.diff_trajectories import TRAJECTORY, trajectory_changes
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.effective import effective_trajectory
from trajectkit.catalogue.model import Learner, StandardTrajectory

#: The kinds compared, in the order their changes are listed (learners after them).
COMPARED = (TRAJECTORY, PROFESSION, EDUCATION)


@dataclass(frozen=True)
class AffectedLearner:
    """A learner whose trajectory changed, and the changed documents that reach them."""

    learner: str
    name: str
    trajectory: str
    because: tuple[str, ...]
    changes: int  # the changes that reach the learner, on their effective trajectory


@dataclass(frozen=True)
class VersionDiff:
    """All changes between the two sides, and the learners they affect."""

    compared: tuple[tuple[str, str], ...]
    changes: tuple[Change, ...]
    learners: tuple[AffectedLearner, ...]
    unrecorded: tuple[UnrecordedChange, ...] = ()  # learners' plan changes no plan version records

    @property
    def affects_learners(self) -> bool:
        return bool(self.changes) and bool(self.learners)


def compare(old: Catalogue, new: Catalogue, learner_catalogues: Sequence[Catalogue] = ()) -> VersionDiff:
    """The changes from ``old`` to ``new``; learners are looked for in ``new`` and then in
    ``learner_catalogues`` (the first with a given learner id wins)."""
    changes: list[Change] = []
    compared: list[tuple[str, str]] = []
    for kind in COMPARED:
        before: dict[str, Any] = old.table(kind)
        after: dict[str, Any] = new.table(kind)
        for ident in sorted(set(before) | set(after)):
            compared.append((kind, ident))
            if ident not in before:
                changes.append(
                    Change(
                        kind,
                        ident,
                        "document-added",
                        ident,
                        f"{kind} {ident} is new",
                        after[ident].source.at("id"),
                        None,
                        ident,
                    )
                )
            elif ident not in after:
                changes.append(
                    Change(
                        kind,
                        ident,
                        "document-removed",
                        ident,
                        f"{kind} {ident} was removed",
                        before[ident].source.at("id"),
                        ident,
                        None,
                    )
                )
            else:
                changes.extend(_COMPARE[kind](before[ident], after[ident]))
    flagged = []
    for ident in sorted(old.learners.keys() & new.learners.keys()):
        compared.append((LEARNER, ident))
        found = learner_changes(old.learners[ident], new.learners[ident])
        changes.extend(found)
        flag = unrecorded(old.learners[ident], new.learners[ident], found)
        if flag is not None:
            flagged.append(flag)
    catalogues = (new, *learner_catalogues, old)
    sides = (old.trajectories, new.trajectories)
    affected = _affected(changes, catalogues, (new, *learner_catalogues), sides)
    return VersionDiff(tuple(compared), tuple(changes), affected, tuple(flagged))


_COMPARE: dict[str, Callable[[Any, Any], list[Change]]] = {
    TRAJECTORY: trajectory_changes,
    PROFESSION: profession_changes,
    EDUCATION: education_changes,
}


# --------------------------------------------------------------------------- learners


def _affected(
    changes: Sequence[Change],
    lookups: Sequence[Catalogue],
    sources: Sequence[Catalogue],
    sides: tuple[Mapping[str, StandardTrajectory], Mapping[str, StandardTrajectory]],
) -> tuple[AffectedLearner, ...]:
    changed = {(change.kind, change.document) for change in changes}
    count = Counter((change.kind, change.document) for change in changes)
    found: dict[str, AffectedLearner] = {}
    for catalogue in sources:
        for learner in sorted(catalogue.learners.values(), key=lambda item: item.id):
            if learner.id in found:
                continue
            reaching = {
                reason: _reaching(learner, sides) if reason == learner.trajectory else count[(kind, reason)]
                for kind, reason in _reasons(learner.trajectory, changed, lookups)
            }
            because = tuple(reason for reason, number in reaching.items() if number)
            if because:
                found[learner.id] = AffectedLearner(
                    learner.id, learner.name, learner.trajectory, because, sum(reaching.values())
                )
    return tuple(found[ident] for ident in sorted(found))


def _reaching(
    learner: Learner, sides: tuple[Mapping[str, StandardTrajectory], Mapping[str, StandardTrajectory]]
) -> int:
    """How many of its trajectory's changes reach ``learner``: those between the
    effective trajectories on both sides; a trajectory added or removed is one."""
    old, new = (side.get(learner.trajectory) for side in sides)
    if old is None or new is None:
        return 1
    before = effective_trajectory(learner, old, learner.start).trajectory
    after = effective_trajectory(learner, new, learner.start).trajectory
    return len(trajectory_changes(before, after))


def _reasons(
    trajectory_id: str, changed: set[tuple[str, str]], lookups: Sequence[Catalogue]
) -> tuple[tuple[str, str], ...]:
    """The changed documents that reach a learner of ``trajectory_id``, as (kind, id)."""
    reasons = []
    if (TRAJECTORY, trajectory_id) in changed:
        reasons.append((TRAJECTORY, trajectory_id))
    trajectory = _first(lookups, lambda catalogue: catalogue.trajectories, trajectory_id)
    if trajectory is None:
        return tuple(reasons)
    if (EDUCATION, trajectory.qualification) in changed:
        reasons.append((EDUCATION, trajectory.qualification))
    professions: set[str] = set()
    education = _first(lookups, lambda catalogue: catalogue.educational_qualifications, trajectory.qualification)
    if education is not None:
        professions.update(scope.ref for scope in education.professional_qualifications)
    elif _first(lookups, lambda catalogue: catalogue.professional_qualifications, trajectory.qualification):
        professions.add(trajectory.qualification)  # a beroepskwalificerende trajectory
    for certificate in trajectory.certificates:
        if certificate.type == "partial-qualification" and certificate.qualification:
            part = _first(lookups, lambda catalogue: catalogue.partial_qualifications, certificate.qualification)
            if part is not None:
                professions.add(part.qualification)
        elif certificate.qualification:
            professions.add(certificate.qualification)
    reasons.extend((PROFESSION, ident) for ident in sorted(professions) if (PROFESSION, ident) in changed)
    return tuple(reasons)


def _first(catalogues: Sequence[Catalogue], table: Callable[[Catalogue], Mapping[str, Any]], ident: str) -> Any:
    for catalogue in catalogues:
        found = table(catalogue).get(ident)
        if found is not None:
            return found
    return None
