"""A version diff as text, JSON or GitHub workflow commands: one function per format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from trajectkit.analysis.diff import VersionDiff
from trajectkit.analysis.diff_learners import UnrecordedChange
from trajectkit.formats import json_text
from trajectkit.reporters.github import workflow_command
from trajectkit.terminal import for_terminal
from trajectkit.translation import _


def _summary(diff: VersionDiff) -> str:
    documents = len({(change.kind, change.document) for change in diff.changes})
    learners = (
        _("%(count)d learner(s) affected") % {"count": len(diff.learners)} if diff.changes else _("no learner affected")
    )
    unrecorded = (
        _("; %(count)d plan change(s) not recorded") % {"count": len(diff.unrecorded)} if diff.unrecorded else ""
    )
    summary = _("%(changes)d change(s) in %(documents)d of %(compared)d document(s); %(learners)s") % {
        "changes": len(diff.changes),
        "documents": documents,
        "compared": len(diff.compared),
        "learners": learners,
    }
    return summary + unrecorded


def unrecorded_message(item: UnrecordedChange) -> str:
    return _(
        "%(learner)s %(name)s: %(changes)s changed after signed plan version %(version)s "
        "(%(signed_on)s), and no new plan version records it; add a plan version to sign"
    ) % {
        "learner": item.learner,
        "name": item.name,
        "changes": ", ".join(item.changes),
        "version": item.version,
        "signed_on": item.signed_on,
    }


def diff_text(diff: VersionDiff) -> str:
    out = []
    current = None
    for change in diff.changes:
        if (change.kind, change.document) != current:
            current = (change.kind, change.document)
            out.append(f"{change.kind} {change.document}")
        out.append(f"  {change.location}: [{change.what}] {change.message}")
    if diff.changes and diff.learners:
        out.append("")
        out.append(_("Learners following a changed trajectory:"))
        out.extend(
            f"  {item.learner} {item.name} ({item.trajectory}): {', '.join(item.because)}; "
            + _("%(count)d change(s) reach this learner") % {"count": item.changes}
            for item in diff.learners
        )
    if diff.unrecorded:
        out.append("")
        out.extend(f"warning: {item.location}: {unrecorded_message(item)}" for item in diff.unrecorded)
    if not diff.changes:
        out.append(_("No changes."))
    out.append(_summary(diff))
    return "\n".join(out) + "\n"


def diff_data(diff: VersionDiff) -> dict[str, Any]:
    return {
        "changes": [
            {
                "kind": change.kind,
                "document": change.document,
                "change": change.what,
                "subject": change.subject,
                "old": change.old,
                "new": change.new,
                "message": change.message,
                "path": change.location.path,
                "line": change.location.line,
                "column": change.location.column,
            }
            for change in diff.changes
        ],
        "learners": [
            {
                "learner": item.learner,
                "name": item.name,
                "trajectory": item.trajectory,
                "because": list(item.because),
                "changes": item.changes,
            }
            for item in (diff.learners if diff.changes else ())
        ],
        "unrecorded": [
            {
                "learner": item.learner,
                "name": item.name,
                "signed_version": item.version,
                "signed_version_date": item.signed_on,
                "changes": list(item.changes),
                "message": unrecorded_message(item),
                "path": item.location.path,
                "line": item.location.line,
                "column": item.location.column,
            }
            for item in diff.unrecorded
        ],
        "summary": {
            "documents": len(diff.compared),
            "changed_documents": len({(change.kind, change.document) for change in diff.changes}),
            "changes": len(diff.changes),
            "learners_affected": len(diff.learners) if diff.changes else 0,
            "unrecorded": len(diff.unrecorded),
        },
    }


def diff_json(diff: VersionDiff) -> str:
    return json_text(diff_data(diff))


def diff_github(diff: VersionDiff) -> str:
    """``::warning file=…,line=…,col=…,title=…::message`` per change, at the new node."""
    out = []
    learners = f" (affects {len(diff.learners)} learner(s))" if diff.learners else ""
    for change in diff.changes:
        where = change.location
        title = f"trajectkit diff: {change.what}"
        out.append(workflow_command("warning", where.path, where.line, where.column, title, change.message + learners))
    for item in diff.unrecorded:
        where = item.location
        title = "trajectkit diff: plan-not-recorded"
        out.append(workflow_command("warning", where.path, where.line, where.column, title, unrecorded_message(item)))
    out.append(_summary(diff))
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[VersionDiff], str]] = {
    "text": for_terminal(diff_text),
    "json": diff_json,
    "github": diff_github,
}
