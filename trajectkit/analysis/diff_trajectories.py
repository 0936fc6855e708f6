"""What changed in a standard trajectory: places, hours, phases, allocations, clusters,
certificates, evaluation moments."""

from __future__ import annotations

from typing import Any

from trajectkit.analysis.changes import Change, Changes, by_id, show
from trajectkit.catalogue.model import StandardTrajectory

TRAJECTORY = "StandardTrajectory"


def _approval(trajectory: StandardTrajectory) -> str | None:
    """The approval as one would say it: ``approved (version 2)``; ``None`` without one."""
    approval = trajectory.approval
    if approval is None:
        return None
    return approval.status + (f" (version {approval.version})" if approval.version is not None else "")


def trajectory_changes(old: StandardTrajectory, new: StandardTrajectory) -> list[Change]:
    found = Changes(TRAJECTORY, new.id)
    src = new.source
    found.fields(old, new, ("title", "qualification", "agreement", "school_years"), src)
    before_approval, after_approval = _approval(old), _approval(new)
    if before_approval != after_approval:
        found.add(
            "approval",
            "approval",
            f"approval changed from {show(before_approval)} to {show(after_approval)}",
            src.at("approval"),
            before_approval,
            after_approval,
        )

    before, after = by_id(old.learning_places), by_id(new.learning_places)
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
                f"hours per week at {ident} changed from {show(was)} to {show(now)}",
                src.at("hours_per_week", ident),
                was,
                now,
            )

    before, after = by_id(old.phases), by_id(new.phases)
    for ident, phase in after.items():
        if ident not in before:
            found.add("phase-added", ident, f"phase {ident} ({phase.title}) added", phase.source.at())
        elif (before[ident].title, before[ident].weeks) != (phase.title, phase.weeks):
            found.add(
                "phase-changed",
                ident,
                f"phase {ident} changed: weeks {show(before[ident].weeks)} → {show(phase.weeks)}, title {before[ident].title!r} → {phase.title!r}",
                phase.source.at(),
            )
    for ident in before:
        if ident not in after:
            found.add("phase-removed", ident, f"phase {ident} removed", src.at("phases"))
    if [p.id for p in old.phases if p.id in after] != [p.id for p in new.phases if p.id in before]:
        found.add("phase-order", "", f"phases reordered: {show([p.id for p in new.phases])}", src.at("phases"))

    _allocations(found, old, new)
    _clusters(found, old, new)
    _certificates(found, old, new)
    _evaluation_moments(found, old, new)
    return found.items


def _evaluation_moments(found: Changes, old: StandardTrajectory, new: StandardTrajectory) -> None:
    """Evaluatiemomenten added, moved to another week, retitled or with other places, removed."""
    before, after = by_id(old.evaluation_moments), by_id(new.evaluation_moments)
    for ident, moment in after.items():
        was = before.get(ident)
        if was is None:
            found.add(
                "moment-added", ident, f"evaluation moment {ident} (week {moment.week}) added", moment.source.at()
            )
        elif was.week != moment.week:
            found.add(
                "moment-week",
                ident,
                f"evaluation moment {ident} moved from week {was.week} to week {moment.week}",
                moment.source.at("week"),
                was.week,
                moment.week,
            )
        elif (was.title, was.by) != (moment.title, moment.by):
            found.add(
                "moment-changed",
                ident,
                f"evaluation moment {ident} changed: title {show(was.title)} → {show(moment.title)}, "
                f"by {show(was.by)} → {show(moment.by)}",
                moment.source.at(),
            )
    for ident in before:
        if ident not in after:
            found.add(
                "moment-removed", ident, f"evaluation moment {ident} removed", new.source.at("evaluation_moments")
            )


def _allocations(found: Changes, old: StandardTrajectory, new: StandardTrajectory) -> None:
    before, after = by_id(old.allocations, "competence"), by_id(new.allocations, "competence")
    for ident, item in after.items():
        was = before.get(ident)
        where = item.source
        if was is None:
            found.add(
                "competence-added",
                ident,
                f"competence {ident} added: learned at {show(item.at)}, assessed by {show(item.assessed_by)}",
                where.at(),
                None,
                item.at,
            )
            continue
        if set(was.at) != set(item.at):
            found.add(
                "moved",
                ident,
                f"competence {ident} moved: learned at {show(was.at)} → {show(item.at)}",
                where.at("at"),
                was.at,
                item.at,
            )
        if set(was.assessed_by) != set(item.assessed_by):
            found.add(
                "assessment",
                ident,
                f"assessment of {ident} changed: assessed by {show(was.assessed_by)} → {show(item.assessed_by)}",
                where.at("assessed_by"),
                was.assessed_by,
                item.assessed_by,
            )
        if was.phase != item.phase:
            found.add(
                "phase",
                ident,
                f"competence {ident} moved from phase {show(was.phase)} to {show(item.phase)}",
                where.at("phase"),
                was.phase,
                item.phase,
            )
        if set(was.requires) != set(item.requires):
            found.add(
                "requires",
                ident,
                f"prerequisites of {ident} changed from {show(was.requires)} to {show(item.requires)}",
                where.at("requires"),
                was.requires,
                item.requires,
            )
    for ident, item in before.items():
        if ident not in after:
            found.add(
                "competence-removed",
                ident,
                f"competence {ident} removed (was learned at {show(item.at)})",
                new.source.at("allocations"),
                item.at,
                None,
            )


def _clusters(found: Changes, old: StandardTrajectory, new: StandardTrajectory) -> None:
    before, after = by_id(old.clusters), by_id(new.clusters)
    for ident, cluster in after.items():
        was = before.get(ident)
        if was is None:
            found.add(
                "cluster-added",
                ident,
                f"cluster {ident} ({cluster.title}) added with {show(cluster.competences)}",
                cluster.source.at(),
                None,
                cluster.competences,
            )
            continue
        gained = [c for c in cluster.competences if c not in was.competences]
        lost = [c for c in was.competences if c not in cluster.competences]
        if gained or lost:
            parts = ([f"gained {show(gained)}"] if gained else []) + ([f"lost {show(lost)}"] if lost else [])
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
    return "all" if certificate.all_clusters else show(certificate.clusters or ())


def _certificates(found: Changes, old: StandardTrajectory, new: StandardTrajectory) -> None:
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
