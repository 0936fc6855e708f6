"""What changed between two versions of standard trajectories and qualifications.

Documents of kind ``StandardTrajectory``, ``ProfessionalQualification`` and
``EducationalQualification`` are matched by kind and id between the OLD and the NEW
side; workplaces and learners are not compared (they are the catalogue the change
lands in, not the design).

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
file is still theirs.

Changes come by kind (trajectories, professional, then educational qualifications),
then by document id, then in the order of the document's fields.

Locations point into the NEW file (the changed node, or for a removal the list it was
removed from), so CI annotations land on the new version; a removed document points
into the OLD file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.model import EducationalQualification, ProfessionalQualification, Source, StandardTrajectory
from trajectkit.problems import Location

TRAJECTORY = "StandardTrajectory"
PROFESSION = "ProfessionalQualification"
EDUCATION = "EducationalQualification"
#: The kinds compared, with the catalogue table that holds them.
COMPARED = {
    TRAJECTORY: "trajectories",
    PROFESSION: "professional_qualifications",
    EDUCATION: "educational_qualifications",
}


@dataclass(frozen=True)
class Change:
    """One difference: in which document, what kind of change, about what, and where."""

    kind: str
    document: str
    what: str
    subject: str
    message: str
    location: Location
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True)
class AffectedLearner:
    """A learner whose trajectory changed, and the changed documents that reach them."""

    learner: str
    name: str
    trajectory: str
    because: tuple[str, ...]


@dataclass(frozen=True)
class VersionDiff:
    """All changes between the two sides, and the learners they affect."""

    compared: tuple[tuple[str, str], ...]
    changes: tuple[Change, ...]
    learners: tuple[AffectedLearner, ...]

    @property
    def affects_learners(self) -> bool:
        return bool(self.changes) and bool(self.learners)


def compare(old: Catalogue, new: Catalogue, learner_catalogues: Sequence[Catalogue] = ()) -> VersionDiff:
    """The changes from ``old`` to ``new``; learners are looked for in ``new`` and then in
    ``learner_catalogues`` (the first with a given learner id wins)."""
    changes: list[Change] = []
    compared: list[tuple[str, str]] = []
    for kind, table in COMPARED.items():
        before: dict[str, Any] = getattr(old, table)
        after: dict[str, Any] = getattr(new, table)
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
    catalogues = (new, *learner_catalogues, old)
    return VersionDiff(tuple(compared), tuple(changes), _affected(changes, catalogues, (new, *learner_catalogues)))


# --------------------------------------------------------------------------- helpers


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)


class _Changes:
    """Collects the changes of one document pair."""

    def __init__(self, kind: str, document: str) -> None:
        self.kind = kind
        self.document = document
        self.items: list[Change] = []

    def add(self, what: str, subject: str, message: str, where: Location, old: Any = None, new: Any = None) -> None:
        self.items.append(
            Change(
                self.kind,
                self.document,
                what,
                subject,
                message,
                where,
                None if old is None else _show(old),
                None if new is None else _show(new),
            )
        )

    def fields(self, old: Any, new: Any, names: Iterable[str], source: Source) -> None:
        for name in names:
            before, after = getattr(old, name), getattr(new, name)
            if before != after:
                label = name.replace("_", " ")
                self.add(
                    name.replace("_", "-"),
                    name,
                    f"{label} changed from {_show(before)} to {_show(after)}",
                    source.at(name),
                    before,
                    after,
                )


def _by_id(items: Iterable[Any], key: str = "id") -> dict[str, Any]:
    return {getattr(item, key): item for item in items}


# --------------------------------------------------------------------------- trajectories


def _trajectory(old: StandardTrajectory, new: StandardTrajectory) -> list[Change]:
    found = _Changes(TRAJECTORY, new.id)
    src = new.source
    found.fields(old, new, ("title", "qualification", "agreement", "school_years"), src)

    before, after = _by_id(old.learning_places), _by_id(new.learning_places)
    for ident, place in after.items():
        if ident not in before:
            found.add(
                "place-added",
                ident,
                f"learning place {ident} ({place.type}) added",
                place.source.at(),
                None,
                place.type,
            )
        elif before[ident].type != place.type:
            found.add(
                "place-type",
                ident,
                f"learning place {ident} changed type from {before[ident].type} to {place.type}",
                place.source.at("type"),
                before[ident].type,
                place.type,
            )
    for ident, place in before.items():
        if ident not in after:
            found.add(
                "place-removed",
                ident,
                f"learning place {ident} ({place.type}) removed",
                src.at("learning_places"),
                place.type,
                None,
            )

    for ident in sorted(set(old.hours_per_week) | set(new.hours_per_week)):
        was, now = old.hours_per_week.get(ident), new.hours_per_week.get(ident)
        if was != now:
            found.add(
                "hours",
                ident,
                f"hours per week at {ident} changed from {_show(was)} to {_show(now)}",
                src.at("hours_per_week", ident),
                was,
                now,
            )

    before, after = _by_id(old.phases), _by_id(new.phases)
    for ident, phase in after.items():
        if ident not in before:
            found.add("phase-added", ident, f"phase {ident} ({phase.title}) added", phase.source.at())
        elif (before[ident].title, before[ident].weeks) != (phase.title, phase.weeks):
            found.add(
                "phase-changed",
                ident,
                f"phase {ident} changed: weeks {_show(before[ident].weeks)} → {_show(phase.weeks)}, title {before[ident].title!r} → {phase.title!r}",
                phase.source.at(),
            )
    for ident in before:
        if ident not in after:
            found.add("phase-removed", ident, f"phase {ident} removed", src.at("phases"))
    if [p.id for p in old.phases if p.id in after] != [p.id for p in new.phases if p.id in before]:
        found.add("phase-order", "", f"phases reordered: {_show([p.id for p in new.phases])}", src.at("phases"))

    _allocations(found, old, new)
    _clusters(found, old, new)
    _certificates(found, old, new)
    return found.items


def _allocations(found: _Changes, old: StandardTrajectory, new: StandardTrajectory) -> None:
    before, after = _by_id(old.allocations, "competence"), _by_id(new.allocations, "competence")
    for ident, item in after.items():
        was = before.get(ident)
        where = item.source
        if was is None:
            found.add(
                "competence-added",
                ident,
                f"competence {ident} added: learned at {_show(item.at)}, assessed by {_show(item.assessed_by)}",
                where.at(),
                None,
                item.at,
            )
            continue
        if set(was.at) != set(item.at):
            found.add(
                "moved",
                ident,
                f"competence {ident} moved: learned at {_show(was.at)} → {_show(item.at)}",
                where.at("at"),
                was.at,
                item.at,
            )
        if set(was.assessed_by) != set(item.assessed_by):
            found.add(
                "assessment",
                ident,
                f"assessment of {ident} changed: assessed by {_show(was.assessed_by)} → {_show(item.assessed_by)}",
                where.at("assessed_by"),
                was.assessed_by,
                item.assessed_by,
            )
        if was.phase != item.phase:
            found.add(
                "phase",
                ident,
                f"competence {ident} moved from phase {_show(was.phase)} to {_show(item.phase)}",
                where.at("phase"),
                was.phase,
                item.phase,
            )
        if set(was.requires) != set(item.requires):
            found.add(
                "requires",
                ident,
                f"prerequisites of {ident} changed from {_show(was.requires)} to {_show(item.requires)}",
                where.at("requires"),
                was.requires,
                item.requires,
            )
    for ident, item in before.items():
        if ident not in after:
            found.add(
                "competence-removed",
                ident,
                f"competence {ident} removed (was learned at {_show(item.at)})",
                new.source.at("allocations"),
                item.at,
                None,
            )


def _clusters(found: _Changes, old: StandardTrajectory, new: StandardTrajectory) -> None:
    before, after = _by_id(old.clusters), _by_id(new.clusters)
    for ident, cluster in after.items():
        was = before.get(ident)
        if was is None:
            found.add(
                "cluster-added",
                ident,
                f"cluster {ident} ({cluster.title}) added with {_show(cluster.competences)}",
                cluster.source.at(),
                None,
                cluster.competences,
            )
            continue
        gained = [c for c in cluster.competences if c not in was.competences]
        lost = [c for c in was.competences if c not in cluster.competences]
        if gained or lost:
            parts = ([f"gained {_show(gained)}"] if gained else []) + ([f"lost {_show(lost)}"] if lost else [])
            found.add(
                "cluster-changed",
                ident,
                f"cluster {ident} {' and '.join(parts)}",
                cluster.source.at("competences"),
                was.competences,
                cluster.competences,
            )
        if was.title != cluster.title:
            found.add(
                "cluster-retitled",
                ident,
                f"cluster {ident} retitled from {was.title!r} to {cluster.title!r}",
                cluster.source.at("title"),
                was.title,
                cluster.title,
            )
    for ident, cluster in before.items():
        if ident not in after:
            found.add(
                "cluster-removed",
                ident,
                f"cluster {ident} ({cluster.title}) removed",
                new.source.at("clusters"),
                cluster.competences,
                None,
            )


def _certificate_keys(trajectory: StandardTrajectory) -> dict[tuple[str, str, int], Any]:
    """Certificates by (type, qualification, n-th of that pair), so two proofs still match."""
    keys: dict[tuple[str, str, int], Any] = {}
    for certificate in trajectory.certificates:
        base = (certificate.type, certificate.qualification or "")
        count = sum(1 for key in keys if key[:2] == base)
        keys[(*base, count)] = certificate
    return keys


def _certificate_clusters(certificate: Any) -> str:
    return "all" if certificate.all_clusters else _show(certificate.clusters or ())


def _certificates(found: _Changes, old: StandardTrajectory, new: StandardTrajectory) -> None:
    before, after = _certificate_keys(old), _certificate_keys(new)
    for key, certificate in after.items():
        name = " ".join(part for part in key[:2] if part)
        was = before.get(key)
        if was is None:
            found.add(
                "certificate-added",
                name,
                f"certificate {name} added",
                certificate.source.at(),
                None,
                _certificate_clusters(certificate),
            )
        elif _certificate_clusters(was) != _certificate_clusters(certificate):
            found.add(
                "certificate-changed",
                name,
                f"certificate {name}: clusters {_certificate_clusters(was)} → {_certificate_clusters(certificate)}",
                certificate.source.at("clusters"),
                _certificate_clusters(was),
                _certificate_clusters(certificate),
            )
    for key, certificate in before.items():
        if key not in after:
            name = " ".join(part for part in key[:2] if part)
            found.add(
                "certificate-removed",
                name,
                f"certificate {name} removed",
                new.source.at("certificates"),
                _certificate_clusters(certificate),
                None,
            )


# --------------------------------------------------------------------------- qualifications


def _profession(old: ProfessionalQualification, new: ProfessionalQualification) -> list[Change]:
    found = _Changes(PROFESSION, new.id)
    found.fields(old, new, ("title", "level"), new.source)
    before, after = _by_id(old.competences), _by_id(new.competences)
    for ident, competence in after.items():
        was = before.get(ident)
        if was is None:
            found.add(
                "competence-added",
                ident,
                f"competence {ident} ({competence.title}) added",
                competence.source.at(),
                None,
                competence.title,
            )
            continue
        if was.title != competence.title:
            found.add(
                "retitled",
                ident,
                f"competence {ident} retitled from {was.title!r} to {competence.title!r}",
                competence.source.at("title"),
                was.title,
                competence.title,
            )
        if (was.knowledge, was.skills) != (competence.knowledge, competence.skills):
            found.add(
                "content",
                ident,
                f"knowledge or skills of competence {ident} changed",
                competence.source.at(),
                None,
                None,
            )
    for ident, competence in before.items():
        if ident not in after:
            found.add(
                "competence-removed",
                ident,
                f"competence {ident} ({competence.title}) removed",
                new.source.at("competences"),
                competence.title,
                None,
            )
    before, after = _by_id(old.partial_qualifications), _by_id(new.partial_qualifications)
    for ident, part in after.items():
        was = before.get(ident)
        if was is None:
            found.add(
                "partial-added",
                ident,
                f"partial qualification {ident} ({part.title}) added",
                part.source.at(),
                None,
                part.competences,
            )
        elif (set(was.competences), was.title) != (set(part.competences), part.title):
            found.add(
                "partial-changed",
                ident,
                f"partial qualification {ident} changed: {_show(was.competences)} → {_show(part.competences)}",
                part.source.at("competences"),
                was.competences,
                part.competences,
            )
    for ident in before:
        if ident not in after:
            found.add(
                "partial-removed",
                ident,
                f"partial qualification {ident} removed",
                new.source.at("partial_qualifications"),
                ident,
                None,
            )
    return found.items


def _education(old: EducationalQualification, new: EducationalQualification) -> list[Change]:
    found = _Changes(EDUCATION, new.id)
    found.fields(old, new, ("title", "level"), new.source)
    before, after = _by_id(old.professional_qualifications, "ref"), _by_id(new.professional_qualifications, "ref")
    for ident, scope in after.items():
        was = before.get(ident)
        if was is None:
            found.add(
                "qualification-added",
                ident,
                f"professional qualification {ident} included ({scope.scope})",
                scope.source.at(),
                None,
                scope.scope,
            )
        elif (was.scope, set(was.competences)) != (scope.scope, set(scope.competences)):
            found.add(
                "scope-changed",
                ident,
                f"scope of {ident} changed: {was.scope} {_show(was.competences)} → {scope.scope} {_show(scope.competences)}",
                scope.source.at(),
                was.scope,
                scope.scope,
            )
    for ident in before:
        if ident not in after:
            found.add(
                "qualification-removed",
                ident,
                f"professional qualification {ident} no longer included",
                new.source.at("professional_qualifications"),
                ident,
                None,
            )
    before, after = _by_id(old.general_education), _by_id(new.general_education)
    for ident, goal in after.items():
        was = before.get(ident)
        if was is None:
            found.add(
                "goal-added",
                ident,
                f"general-education goal {ident} ({goal.title}) added",
                goal.source.at(),
                None,
                goal.title,
            )
        elif was.title != goal.title:
            found.add(
                "retitled",
                ident,
                f"goal {ident} retitled from {was.title!r} to {goal.title!r}",
                goal.source.at("title"),
                was.title,
                goal.title,
            )
    for ident, goal in before.items():
        if ident not in after:
            found.add(
                "goal-removed",
                ident,
                f"general-education goal {ident} ({goal.title}) removed",
                new.source.at("general_education"),
                goal.title,
                None,
            )
    return found.items


_COMPARE: dict[str, Callable[[Any, Any], list[Change]]] = {
    TRAJECTORY: _trajectory,
    PROFESSION: _profession,
    EDUCATION: _education,
}


# --------------------------------------------------------------------------- learners


def _affected(
    changes: Sequence[Change], lookups: Sequence[Catalogue], sources: Sequence[Catalogue]
) -> tuple[AffectedLearner, ...]:
    changed = {(change.kind, change.document) for change in changes}
    found: dict[str, AffectedLearner] = {}
    for catalogue in sources:
        for learner in sorted(catalogue.learners.values(), key=lambda item: item.id):
            if learner.id in found:
                continue
            because = _reasons(learner.trajectory, changed, lookups)
            if because:
                found[learner.id] = AffectedLearner(learner.id, learner.name, learner.trajectory, because)
    return tuple(found[ident] for ident in sorted(found))


def _reasons(trajectory_id: str, changed: set[tuple[str, str]], lookups: Sequence[Catalogue]) -> tuple[str, ...]:
    reasons = []
    if (TRAJECTORY, trajectory_id) in changed:
        reasons.append(trajectory_id)
    trajectory = _first(lookups, "trajectories", trajectory_id)
    if trajectory is None:
        return tuple(reasons)
    if (EDUCATION, trajectory.qualification) in changed:
        reasons.append(trajectory.qualification)
    professions: set[str] = set()
    education = _first(lookups, "educational_qualifications", trajectory.qualification)
    if education is not None:
        professions.update(scope.ref for scope in education.professional_qualifications)
    for certificate in trajectory.certificates:
        if certificate.type == "partial-qualification" and certificate.qualification:
            part = _first(lookups, "partial_qualifications", certificate.qualification)
            if part is not None:
                professions.add(part.qualification)
        elif certificate.qualification:
            professions.add(certificate.qualification)
    reasons.extend(sorted(ident for ident in professions if (PROFESSION, ident) in changed))
    return tuple(reasons)


def _first(catalogues: Sequence[Catalogue], table: str, ident: str) -> Any:
    for catalogue in catalogues:
        found = getattr(catalogue, table).get(ident)
        if found is not None:
            return found
    return None
