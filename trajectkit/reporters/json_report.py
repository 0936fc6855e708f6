"""JSON for other programs: every problem as an object, plus totals, tool and profile."""

from __future__ import annotations

import json
from typing import IO

from trajectkit.reporters.base import Reporter
from trajectkit.validation.report import Report


class JsonReporter(Reporter):
    """One JSON object, indented, keys in a fixed order, so equal reports give equal bytes."""

    name = "json"

    def write(self, report: Report, stream: IO[str]) -> None:
        problems = sorted(report.problems)
        document = {
            "problems": [problem.as_dict() for problem in problems],
            "summary": {
                "errors": report.errors,
                "warnings": report.warnings,
                "files": len(report.files),
                "files_with_problems": len({problem.path for problem in report.shown}),
                **({"suppressed": report.suppressed} if report.suppressed else {}),
                # Only past the report's bound: how many problems the list leaves out.
                **({"not_listed": report.left_out.count} if report.left_out.count else {}),
            },
            "tool": {"name": "trajectkit", "version": report.tool_version},
            "profile": report.profile,
        }
        json.dump(document, stream, indent=2, sort_keys=False, ensure_ascii=False)
        stream.write("\n")
