"""Markdown for people reading a CI page: GitHub's job summary, a merge-request note.

GitHub shows only the first 10 annotations of each type per step, so ``validate``
also appends this report to ``$GITHUB_STEP_SUMMARY``: one table row per problem, all
of them. GitHub refuses a step summary over 1 MiB, so past ``SUMMARY_LIMIT`` bytes
the table stops with a line that says how many problems were left out.
"""

from __future__ import annotations

import html
from typing import IO

from trajectkit.problems import Level, Problem
from trajectkit.reporters.base import Reporter
from trajectkit.terminal import escape
from trajectkit.validation.report import Report

#: GitHub's limit for one step's summary is 1 MiB; stay well below it.
SUMMARY_LIMIT = 1_000_000

_ICONS = {Level.ERROR: "❌ error", Level.WARNING: "⚠️ warning", Level.OFF: "off"}
_HEADER = "| level | file | line:col | rule | message |\n|---|---|---|---|---|\n"


class MarkdownReporter(Reporter):
    """A heading with the totals, then a table of every problem in report order."""

    name = "markdown"

    def __init__(self, color: bool = False, quiet: bool = False, limit: int | None = None) -> None:
        super().__init__(color, quiet)
        self.limit = limit

    def write(self, report: Report, stream: IO[str]) -> None:
        stream.write(render(report, self.limit))


def render(report: Report, limit: int | None = None) -> str:
    """The report as Markdown; with ``limit``, at most that many UTF-8 bytes."""
    title = "trajectkit validate"
    if not report.shown:
        return f"### ✅ {title}: {report.summary()}\n"
    mark = "❌" if report.failed() else "⚠️"
    parts = [f"### {mark} {title}: {report.summary()}\n\n", _HEADER]
    size = sum(len(part.encode("utf-8")) for part in parts)
    problems = sorted(report.shown)
    for shown, problem in enumerate(problems):
        row = row_of(problem)
        rest = len(problems) - shown
        # Keep room for the closing line that counts what was left out.
        if limit is not None and size + len(row.encode("utf-8")) + 200 > limit:
            parts.append(
                f"\n… and {rest} more problem{'s' if rest != 1 else ''} not shown: the summary "
                "would exceed GitHub's size limit. `--format json` or `--format sarif` lists them all.\n"
            )
            break
        parts.append(row)
        size += len(row.encode("utf-8"))
    return "".join(parts)


def row_of(problem: Problem) -> str:
    cells = (
        _ICONS[problem.level],
        f"`{_code(problem.path)}`",
        f"{problem.line}:{problem.column}",
        f"`{_code(problem.rule)}`",
        _text(problem.message),
    )
    return "| " + " | ".join(cells) + " |\n"


def _text(text: str) -> str:
    """Plain text safe inside a table cell: no HTML, no markup, no column or line break."""
    escaped = escape(text, keep_newlines=True).replace("\\", "\\\\")
    for markup in "*_`[]|":
        escaped = escaped.replace(markup, "\\" + markup)
    escaped = html.escape(escaped, quote=False)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _code(text: str) -> str:
    """Text for a code span in a table cell: backticks and pipes would end it."""
    return escape(text).replace("`", "'").replace("|", "\\|")


def append_step_summary(report: Report, path: str) -> None:
    """Append the report to GitHub's ``$GITHUB_STEP_SUMMARY`` file (other steps' text stays).

    This is the one file trajectkit appends to instead of replacing: the runner owns it.
    One ``write`` on a file opened for appending, so parallel runs do not interleave.
    """
    text = render(report, SUMMARY_LIMIT) + "\n"
    with open(path, "a", encoding="utf-8", newline="") as stream:
        stream.write(text)
