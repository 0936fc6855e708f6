"""What changed in a standard trajectory: places, hours, phases, allocations, clusters,
certificates, evaluation moments."""

from __future__ import annotations

from typing import Any

from trajectkit.analysis.changes import Change, Changes, by_id, show
from trajectkit.catalogue.model import StandardTrajectory
from trajectkit.translation import _

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
            _("approval changed from %(old)s to %(new)s") % {"old": show(before_approval), "new": show(after_approval)},
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
                _("learning place %(place)s (%(type)s) added") % {"place": ident, "type": place.type},
                place.source.at(),
                None,
                place.type,
            )
        elif before[ident].type != place.type:
            found.add(
                "place-type",
                ident,
                _("learning place %(place)s changed type from %(old)s to %(new)s")
                % {"place": ident, "old": before[ident].type, "new": place.type},
                place.source.at("type"),
                before[ident].type,
                place.type,
            )
    for ident, place in before.items():
        if ident not in after:
            found.add(
                "place-removed",
                ident,
                _("learning place %(place)s (%(type)s) removed") % {"place": ident, "type": place.type},
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
                _("hours per week at %(place)s changed from %(old)s to %(new)s")
                % {"place": ident, "old": show(was), "new": show(now)},
                src.at("hours_per_week", ident),
                was,
                now,
            )

    before, after = by_id(old.phases), by_id(new.phases)
    for ident, phase in after.items():
        if ident not in before:
            found.add(
                "phase-added",
                ident,
                _("phase %(phase)s (%(title)s) added") % {"phase": ident, "title": phase.title},
                phase.source.at(),
            )
        elif (before[ident].title, before[ident].weeks) != (phase.title, phase.weeks):
            found.add(
                "phase-changed",
                ident,
                _("phase %(phase)s changed: weeks %(old_weeks)s → %(new_weeks)s, title %(old_title)s → %(new_title)s")
                % {
                    "phase": ident,
                    "old_weeks": show(before[ident].weeks),
                    "new_weeks": show(phase.weeks),
                    "old_title": repr(before[ident].title),
                    "new_title": repr(phase.title),
                },
                phase.source.at(),
            )
    for ident in before:
        if ident not in after:
            found.add("phase-removed", ident, _("phase %(phase)s removed") % {"phase": ident}, src.at("phases"))
    if [p.id for p in old.phases if p.id in after] != [p.id for p in new.phases if p.id in before]:
        found.add(
            "phase-order",
            "",
            _("phases reordered: %(order)s") % {"order": show([p.id for p in new.phases])},
            src.at("phases"),
        )

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
                "moment-added",
                ident,
                _("evaluation moment %(moment)s (week %(week)s) added") % {"moment": ident, "week": moment.week},
                moment.source.at(),
            )
        elif was.week != moment.week:
            found.add(
                "moment-week",
                ident,
                _("evaluation moment %(moment)s moved from week %(old)s to week %(new)s")
                % {"moment": ident, "old": was.week, "new": moment.week},
                moment.source.at("week"),
                was.week,
                moment.week,
            )
        elif (was.title, was.by) != (moment.title, moment.by):
            found.add(
                "moment-changed",
                ident,
                _(
                    "evaluation moment %(moment)s changed: title %(old_title)s → %(new_title)s, by %(old_by)s → %(new_by)s"
                )
                % {
                    "moment": ident,
                    "old_title": show(was.title),
                    "new_title": show(moment.title),
                    "old_by": show(was.by),
                    "new_by": show(moment.by),
                },
                moment.source.at(),
            )
    for ident in before:
        if ident not in after:
            found.add(
                "moment-removed",
                ident,
                _("evaluation moment %(moment)s removed") % {"moment": ident},
                new.source.at("evaluation_moments"),
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
                _("competence %(competence)s added: learned at %(at)s, assessed by %(by)s")
                % {"competence": ident, "at": show(item.at), "by": show(item.assessed_by)},
                where.at(),
                None,
                item.at,
            )
            continue
        if set(was.at) != set(item.at):
            found.add(
                "moved",
                ident,
                _("competence %(competence)s moved: learned at %(old)s → %(new)s")
                % {"competence": ident, "old": show(was.at), "new": show(item.at)},
                where.at("at"),
                was.at,
                item.at,
            )
        if set(was.assessed_by) != set(item.assessed_by):
            found.add(
                "assessment",
                ident,
                _("assessment of %(competence)s changed: assessed by %(old)s → %(new)s")
                % {"competence": ident, "old": show(was.assessed_by), "new": show(item.assessed_by)},
                where.at("assessed_by"),
                was.assessed_by,
                item.assessed_by,
            )
        if was.phase != item.phase:
            found.add(
                "phase",
                ident,
                _("competence %(competence)s moved from phase %(old)s to %(new)s")
                % {"competence": ident, "old": show(was.phase), "new": show(item.phase)},
                where.at("phase"),
                was.phase,
                item.phase,
            )
        if set(was.requires) != set(item.requires):
            found.add(
                "requires",
                ident,
                _("prerequisites of %(competence)s changed from %(old)s to %(new)s")
                % {"competence": ident, "old": show(was.requires), "new": show(item.requires)},
                where.at("requires"),
                was.requires,
                item.requires,
            )
    for ident, item in before.items():
        if ident not in after:
            found.add(
                "competence-removed",
                ident,
                _("competence %(competence)s removed (was learned at %(at)s)")
                % {"competence": ident, "at": show(item.at)},
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
                _("cluster %(cluster)s (%(title)s) added with %(competences)s")
                % {"cluster": ident, "title": cluster.title, "competences": show(cluster.competences)},
                cluster.source.at(),
                None,
                cluster.competences,
            )
            continue
        gained = [c for c in cluster.competences if c not in was.competences]
        lost = [c for c in was.competences if c not in cluster.competences]
        if gained or lost:
            parts = ([_("gained %(ids)s") % {"ids": show(gained)}] if gained else []) + (
                [_("lost %(ids)s") % {"ids": show(lost)}] if lost else []
            )
            found.add(
                "cluster-changed",
                ident,
                _("cluster %(cluster)s %(changes)s") % {"cluster": ident, "changes": _(" and ").join(parts)},
                cluster.source.at("competences"),
                was.competences,
                cluster.competences,
            )
        if was.title != cluster.title:
            found.add(
                "cluster-retitled",
                ident,
                _("cluster %(cluster)s retitled from %(old)s to %(new)s")
                % {"cluster": ident, "old": repr(was.title), "new": repr(cluster.title)},
                cluster.source.at("title"),
                was.title,
                cluster.title,
            )
    for ident, cluster in before.items():
        if ident not in after:
            found.add(
                "cluster-removed",
                ident,
                _("cluster %(cluster)s (%(title)s) removed") % {"cluster": ident, "title": cluster.title},
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
                _("certificate %(certificate)s added") % {"certificate": name},
                certificate.source.at(),
                None,
                _certificate_clusters(certificate),
            )
        elif _certificate_clusters(was) != _certificate_clusters(certificate):
            found.add(
                "certificate-changed",
                name,
                _("certificate %(certificate)s: clusters %(old)s → %(new)s")
                % {"certificate": name, "old": _certificate_clusters(was), "new": _certificate_clusters(certificate)},
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
                _("certificate %(certificate)s removed") % {"certificate": name},
                new.source.at("certificates"),
                _certificate_clusters(certificate),
                None,
            )
