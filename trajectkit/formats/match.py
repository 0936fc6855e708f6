"""A matching's answer as text, JSON or CSV, and the YAML patch to review: one function per format."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

from trajectkit.analysis.match import REASONS, Assignment, MatchResult, Unmatched
from trajectkit.catalogue.model import Agreement, Learner
from trajectkit.formats import json_text
from trajectkit.sheets.cells import SpreadsheetWriter
from trajectkit.terminal import for_terminal
from trajectkit.translation import _, ngettext


def _home(assignment_or_unmatched: Assignment | Unmatched) -> str:
    home = assignment_or_unmatched.learner.home
    return home.municipality if home and home.municipality else _("home unknown")


def _site(assignment: Assignment) -> str:
    site = assignment.workplace.site
    return site.municipality if site and site.municipality else _("site unknown")


# --------------------------------------------------------------------------- text


def match_text(result: MatchResult) -> str:
    out = [
        ngettext(
            "Matching on %(day)s: %(placed)d of %(learners)d learner without a workplace placed, "
            "%(unmatched)d unmatched; %(km)s km in total.",
            "Matching on %(day)s: %(placed)d of %(learners)d learners without a workplace placed, "
            "%(unmatched)d unmatched; %(km)s km in total.",
            result.learners,
        )
        % {
            "day": result.day.isoformat(),
            "placed": len(result.assignments),
            "learners": result.learners,
            "unmatched": len(result.unmatched),
            "km": f"{result.total_km:.1f}",
        }
    ]
    if result.max_distance_km is not None:
        out.append(_("Workplaces farther than %(km)s km are not considered.") % {"km": f"{result.max_distance_km:g}"})
    if not result.learners:
        out.append(_("Every learner in the catalogue already has a workplace."))
    if result.assignments:
        out += ["", _("Placed (%(count)d)") % {"count": len(result.assignments)}]
        for item in result.assignments:
            out.append(f"  {item.learner.id} {item.learner.name} ({item.learner.trajectory}, {_home(item)})")
            out.append(
                f"    -> {item.workplace.id} {item.workplace.name} ({_site(item)}), "
                + _("mentor %(id)s %(name)s") % {"id": item.mentor.id, "name": item.mentor.name}
            )
            out.append(f"       {item.reason()}")
    if result.unmatched:
        out += ["", _("Unmatched (%(count)d)") % {"count": len(result.unmatched)}]
        for left in result.unmatched:
            out.append(
                f"  {left.learner.id} {left.learner.name} ({left.learner.trajectory}, {_home(left)}): [{left.reason}]"
            )
            out.append(f"       {left.detail}")
        out += ["", _("Unmatched by reason:")]
        out += [f"  {reason:<15} {count:>6}  {_(REASONS[reason])}" for reason, count in result.by_reason().items()]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- JSON


def match_data(result: MatchResult) -> dict[str, Any]:
    def placement(item: Assignment) -> dict[str, Any]:
        recognition = item.recognition
        return {
            "learner": item.learner.id,
            "name": item.learner.name,
            "trajectory": item.learner.trajectory,
            "workplace": item.workplace.id,
            "workplace_name": item.workplace.name,
            "mentor": item.mentor.id,
            "mentor_name": item.mentor.name,
            "agreement": item.agreement,
            "distance_km": round(item.distance.km, 3),
            "distance_basis": item.distance.basis,
            "recognition": {
                "valid_from": recognition.valid_from.isoformat(),
                "valid_until": recognition.valid_until.isoformat() if recognition.valid_until else None,
                "capacity": recognition.capacity,
                "free_before": item.free_before,
            },
            "mentor_learners_before": item.mentor_learners,
            "reason": item.reason(),
        }

    return {
        "date": result.day.isoformat(),
        "max_distance_km": result.max_distance_km,
        "candidate_places": result.candidate_places,
        "summary": {
            "learners": result.learners,
            "placed": len(result.assignments),
            "unmatched": len(result.unmatched),
            "total_km": round(result.total_km, 3),
            "unmatched_by_reason": result.by_reason(),
        },
        "placements": [placement(item) for item in result.assignments],
        "unmatched": [
            {
                "learner": left.learner.id,
                "name": left.learner.name,
                "trajectory": left.learner.trajectory,
                "reason": left.reason,
                "detail": left.detail,
            }
            for left in result.unmatched
        ],
    }


def match_json(result: MatchResult) -> str:
    return json_text(match_data(result))


# --------------------------------------------------------------------------- CSV


CSV_COLUMNS = (
    "learner",
    "name",
    "trajectory",
    "status",
    "workplace",
    "workplace_name",
    "mentor",
    "agreement",
    "distance_km",
    "distance_basis",
    "reason",
    "detail",
)


def match_csv(result: MatchResult, delimiter: str = ",") -> str:
    """One row per learner without a workplace, placed or not, in learner id order."""
    rows: list[tuple[str, list[Any]]] = []
    for item in result.assignments:
        rows.append(
            (
                item.learner.id,
                [
                    item.learner.id,
                    item.learner.name,
                    item.learner.trajectory,
                    "placed",
                    item.workplace.id,
                    item.workplace.name,
                    item.mentor.id,
                    item.agreement or "",
                    f"{item.distance.km:.3f}",
                    item.distance.basis,
                    "",
                    item.reason(),
                ],
            )
        )
    for left in result.unmatched:
        rows.append(
            (
                left.learner.id,
                [
                    left.learner.id,
                    left.learner.name,
                    left.learner.trajectory,
                    "unmatched",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    left.reason,
                    left.detail,
                ],
            )
        )
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer, delimiter=delimiter)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(row for _, row in sorted(rows, key=lambda pair: pair[0]))
    return buffer.getvalue()


FORMATS: dict[str, Callable[[MatchResult], str]] = {
    "text": for_terminal(match_text),
    "json": match_json,
    "csv": match_csv,
}


# --------------------------------------------------------------------------- patch


def match_patch(result: MatchResult) -> str:
    """The placements as YAML for a person to review and copy into the learner files:
    each a ``placements:`` item (version 1.1) with workplace, mentor, the date it starts
    (the match date, or the learner's start when later), the learning places it covers
    and the agreement. A learner's version 1 ``agreement:`` moves into the placement
    (``remove`` lists it), since a learner with placements gives it there.

    A learner who is looking again after an early end (stopzetting) keeps the earlier
    placements: ``add`` gives the whole ``placements:`` list, those first (a version 1
    ``workplace``/``mentor``/``agreement`` becomes one, and ``remove`` lists them), and
    the new placement gets a new agreement of the trajectory's type."""
    from trajectkit.catalogue.yaml_text import flow_list, scalar

    lines = [
        f"# Placements proposed by `trajectkit match` for {result.day.isoformat()}.",
        "# Nothing has been changed. Review each placement, then add the keys under `add`",
        "# to the learner's document (file and line below) and delete the keys under",
        "# `remove`, with a weekly_rhythm for the workplace days. Learners left unmatched",
        "# are listed at the end, with the reason.",
        f"date: {result.day.isoformat()}",
    ]
    lines.append("placements:" if result.assignments else "placements: []")
    for item in result.assignments:
        where = item.learner.source.at("id") if item.learner.source else None
        lines.append(f"  - learner: {scalar(item.learner.id)}")
        lines.append(f"    name: {scalar(item.learner.name)}")
        if where is not None:
            lines += [f"    file: {scalar(where.path)}", f"    line: {where.line}"]
        lines.append("    add:")
        lines.append("      placements:")
        lines.extend(_former_lines(item.learner))
        lines.extend(_placement_lines(result, item))
        removed = _removed(item.learner)
        if removed:
            lines.append(f"    remove: {flow_list(removed)}")
        lines.append(f"    why: {scalar(f'{item.workplace.name} ({_site(item)}): {item.reason()}')}")
    lines.append("unmatched:" if result.unmatched else "unmatched: []")
    for left in result.unmatched:
        lines.append(f"  - learner: {scalar(left.learner.id)}")
        lines.append(f"    reason: {scalar(left.reason)}")
        lines.append(f"    detail: {scalar(left.detail)}")
    return "\n".join(lines) + "\n"


def _placement_lines(result: MatchResult, item: Assignment) -> list[str]:
    """One ``placements:`` item, indented for the patch's ``add``."""
    from trajectkit.catalogue.yaml_text import flow, flow_list, scalar

    start = max(result.day, item.learner.start)
    lines = [
        f"        - workplace: {scalar(item.workplace.id)}",
        f"          mentor: {scalar(item.mentor.id)}",
        f"          from: {start.isoformat()}",
    ]
    if item.learning_places:
        lines.append(f"          learning_places: {flow_list(item.learning_places)}")
    agreement = _agreement(item)
    if agreement:
        lines.append(f"          agreement: {flow(agreement)}")
    return lines


def _agreement(item: Assignment) -> dict[str, Any]:
    """The learner's own agreement (with its details) where the file states one that
    has not ended early, else the trajectory's agreement type."""
    stated = item.learner.agreement
    if stated is None or stated.ended_on is not None:
        return {"type": item.agreement} if item.agreement else {}
    return _agreement_data(stated)


def _agreement_data(stated: Agreement) -> dict[str, Any]:
    found: dict[str, Any] = {
        "type": stated.type,
        "number": stated.number,
        "registered_on": stated.registered_on,  # a date, written unquoted
        "ended_on": stated.ended_on,
        "end_reason": stated.end_reason,
    }
    return {key: value for key, value in found.items() if value is not None}


def _version_1(learner: Learner) -> bool:
    """The file gives ``workplace:`` (and ``mentor``, ``agreement``), not ``placements:``."""
    data = learner.source.document.data if learner.source is not None else None
    return bool(learner.placements) and isinstance(data, Mapping) and "placements" not in data


def _former_lines(learner: Learner) -> list[str]:
    """The learner's placements so far, as ``placements:`` items; a version 1 learner's
    one runs from its start, so it needs no ``from``/``until``."""
    from trajectkit.catalogue.yaml_text import flow, flow_list, scalar

    lines = []
    for placement in learner.placements:
        lines.append(f"        - workplace: {scalar(placement.workplace)}")
        if placement.mentor is not None:
            lines.append(f"          mentor: {scalar(placement.mentor)}")
        if not _version_1(learner):
            lines.append(f"          from: {placement.start.isoformat()}")
            lines.append(f"          until: {placement.end.isoformat()}")
        if placement.learning_places:
            lines.append(f"          learning_places: {flow_list(placement.learning_places)}")
        if placement.agreement is not None:
            lines.append(f"          agreement: {flow(_agreement_data(placement.agreement))}")
    return lines


def _removed(learner: Learner) -> list[str]:
    """The version 1 keys the ``placements:`` list replaces."""
    if _version_1(learner):
        data = learner.source.document.data if learner.source is not None else {}
        return [key for key in ("workplace", "mentor", "agreement") if key in data]
    return ["agreement"] if learner.agreement is not None else []
