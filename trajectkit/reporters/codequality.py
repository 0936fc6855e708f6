"""GitLab Code Quality JSON: problems shown in merge requests and on the changed lines.

GitLab reads a JSON array of issues (``artifacts: reports: codequality``), a subset
of the Code Climate format. Each issue needs a ``fingerprint`` that stays the same
for the same problem between pipelines, so GitLab can tell new problems from old:
a SHA-256 over path, line, column, rule and message (the column keeps two problems
on one line apart). Warnings are ``minor``, errors ``major``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from trajectkit.problems import Level, Problem
from trajectkit.validation.report import Report

_SEVERITIES = {Level.ERROR: "major", Level.WARNING: "minor", Level.OFF: "info"}


class CodeQualityReporter:
    """One JSON array, indented, keys in a fixed order, in report order."""

    name = "codequality"

    def __init__(self, color: bool = False) -> None:
        # Accepted so every reporter is built the same way; machine output stays plain.
        del color

    def write(self, report: Report, stream: TextIO) -> None:
        json.dump([issue(problem) for problem in sorted(report.problems)], stream, indent=2, ensure_ascii=False)
        stream.write("\n")


def issue(problem: Problem) -> dict[str, Any]:
    return {
        "description": f"[{problem.rule}] {problem.message}",
        "check_name": problem.rule,
        "fingerprint": fingerprint(problem),
        "severity": _SEVERITIES[problem.level],
        "location": {"path": problem.path, "lines": {"begin": max(problem.line, 1)}},
    }


def fingerprint(problem: Problem) -> str:
    """Stable across runs and machines: only what the problem says and where."""
    text = "\0".join((problem.path, str(problem.line), str(problem.column), problem.rule, problem.message))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
