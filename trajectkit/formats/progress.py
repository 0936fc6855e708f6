"""The learners' progress as text, JSON, CSV or an HTML/PDF dashboard: one function per format.

Text and CSV have one line per learner (those who need attention first, then those who
ended early); JSON holds every competence id per state. A learner who ended early has
the status "ended early (stopzetting) on DATE: REASON". The dashboard is ``templates/progress.html.j2``
rendered in the plans' sandbox.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trajectkit.analysis.progress import CohortProgress, LearnerProgress, MomentOnDate
from trajectkit.analysis.terminations import reason_label
from trajectkit.formats import columns, json_text
from trajectkit.sheets.cells import SpreadsheetWriter
from trajectkit.terminal import for_terminal
from trajectkit.translation import _

#: The dashboard's language unless ``--lang``, ``language:`` or the locale say otherwise.
PROGRESS_LANGUAGE = "en"


def _moment(moment: MomentOnDate | None) -> str:
    return "–" if moment is None else f"{moment.id} {moment.due.isoformat()}"


def ended_text(item: LearnerProgress) -> str:
    """The status of a learner who ended early, in the run's language ("" for the others)."""
    if item.ended_on is None:
        return ""
    return _("ended early (stopzetting) on %(date)s: %(reason)s") % {
        "date": item.ended_on.isoformat(),
        "reason": reason_label(item.end_reason),
    }


def status_key(item: LearnerProgress) -> str:
    """The learner's group as JSON and CSV give it."""
    return ("needs-attention", "ended-early", "on-schedule")[item.group]


def _plan(item: LearnerProgress) -> str:
    if item.plan_version is None:
        return _("no plan version")
    status = {"draft": _("draft"), "signed": _("signed")}.get(item.plan_status or "", item.plan_status or "")
    return f"v{item.plan_version} {status}"


def progress_text(progress: CohortProgress) -> str:
    out = [
        _("Progress on %(day)s: %(learners)d learner(s), %(attention)d needing attention")
        % {"day": progress.day.isoformat(), "learners": len(progress.learners), "attention": progress.attention},
    ]
    if not progress.learners:
        return "\n".join(out) + "\n"
    header: tuple[str, ...] = (
        _("learner"),
        _("planned"),
        _("attained"),
        _("in progress"),
        _("exempt"),
        _("to do"),
        _("behind"),
        _("overdue"),
        _("last evaluation"),
        _("next evaluation"),
        _("plan"),
        _("name"),
    )
    rows: list[tuple[str, ...]] = [header] + [
        (
            ("! " if item.needs_attention else "  ") + item.id,
            f"{len(item.planned)}/{item.total}",
            str(len(item.attained)),
            str(len(item.in_progress)),
            str(len(item.exempt)),
            str(len(item.to_do)),
            str(len(item.behind)),
            str(len(item.overdue)),
            _moment(item.last_moment),
            _moment(item.next_moment),
            _plan(item),
            item.name,
        )
        for item in progress.learners
    ]
    out += ["", *columns(rows, right=set(range(1, 8)), indent="  ")]
    for item in progress.learners:
        if item.ended_early:
            out.append(f"{item.id}: {ended_text(item)}")
        if item.behind:
            out.append(_("%(learner)s is behind on: %(ids)s") % {"learner": item.id, "ids": ", ".join(item.behind)})
        for moment in item.overdue:
            out.append(
                _("%(learner)s has no evaluation for moment %(moment)s, due on %(due)s")
                % {"learner": item.id, "moment": moment.id, "due": moment.due.isoformat()}
            )
    return "\n".join(out) + "\n"


def _moment_data(moment: MomentOnDate | None) -> dict[str, Any] | None:
    if moment is None:
        return None
    return {
        "id": moment.id,
        "title": moment.title,
        "week": moment.week,
        "due": moment.due.isoformat(),
        "evaluated": moment.evaluated,
    }


def _learner_data(item: LearnerProgress) -> dict[str, Any]:
    return {
        "learner": item.id,
        "name": item.name,
        "trajectory": item.trajectory,
        "start": item.start.isoformat(),
        "end": item.end.isoformat(),
        "workplaces": list(item.workplaces),
        "phase": item.phase,
        "competences": item.total,
        "planned": list(item.planned),
        "attained": list(item.attained),
        "in_progress": list(item.in_progress),
        "exempt": list(item.exempt),
        "to_do": list(item.to_do),
        "behind": list(item.behind),
        "needs_attention": item.needs_attention,
        "status": status_key(item),
        "ended_early": (
            {"on": item.ended_on.isoformat(), "reason": item.end_reason, "text": ended_text(item)}
            if item.ended_on is not None
            else None
        ),
        "last_moment": _moment_data(item.last_moment),
        "next_moment": _moment_data(item.next_moment),
        "overdue": [_moment_data(moment) for moment in item.overdue],
        "plan": {"version": item.plan_version, "status": item.plan_status},
    }


def progress_data(progress: CohortProgress) -> dict[str, Any]:
    return {
        "date": progress.day.isoformat(),
        "attention": progress.attention,
        "ended_early": progress.ended,
        "learners": [_learner_data(item) for item in progress.learners],
    }


def progress_json(progress: CohortProgress) -> str:
    return json_text(progress_data(progress))


def progress_csv(progress: CohortProgress, delimiter: str = ",") -> str:
    """One row per learner, counts per state, to sort in a spreadsheet."""
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer, delimiter=delimiter)
    writer.writerow(
        (
            "learner",
            "name",
            "trajectory",
            "workplaces",
            "phase",
            "competences",
            "planned",
            "attained",
            "in_progress",
            "exempt",
            "to_do",
            "behind",
            "overdue",
            "last_moment",
            "next_moment",
            "plan_version",
            "plan_status",
            "needs_attention",
            "status",
            "ended_on",
            "end_reason",
        )
    )
    for item in progress.learners:
        writer.writerow(
            (
                item.id,
                item.name,
                item.trajectory,
                " ".join(item.workplaces),
                item.phase or "",
                item.total,
                len(item.planned),
                len(item.attained),
                len(item.in_progress),
                len(item.exempt),
                len(item.to_do),
                len(item.behind),
                len(item.overdue),
                item.last_moment.id if item.last_moment else "",
                item.next_moment.id if item.next_moment else "",
                "" if item.plan_version is None else item.plan_version,
                item.plan_status or "",
                "yes" if item.needs_attention else "no",
                status_key(item),
                item.ended_on.isoformat() if item.ended_on is not None else "",
                item.end_reason or "",
            )
        )
    return buffer.getvalue()


def progress_html(progress: CohortProgress, templates: Path | None = None, language: str = PROGRESS_LANGUAGE) -> str:
    """The coach's dashboard, from ``progress.html.j2`` in the (sandboxed) templates folder."""
    from trajectkit.rendering import render_document

    return render_document("progress", language, templates, progress=progress)


def progress_pdf(progress: CohortProgress, templates: Path | None = None, language: str = PROGRESS_LANGUAGE) -> bytes:
    """The dashboard laid out by WeasyPrint (A4 landscape), to print for a meeting."""
    from trajectkit.rendering import render_document_pdf

    return render_document_pdf("progress", language, templates, progress=progress)


FORMATS: dict[str, Callable[[CohortProgress], str | bytes]] = {
    "text": for_terminal(progress_text),
    "json": progress_json,
    "csv": progress_csv,
    "html": progress_html,
    "pdf": progress_pdf,
}
