"""GitHub Actions workflow commands, which GitHub shows as annotations on the changed lines."""

from __future__ import annotations

from typing import IO

from trajectkit.problems import Level, Problem
from trajectkit.reporters.base import Reporter
from trajectkit.terminal import escape
from trajectkit.validation.report import Report


class GithubReporter(Reporter):
    """``::error file=…,line=…,col=…,title=rule::message`` per problem, then the summary."""

    name = "github"

    def write(self, report: Report, stream: IO[str]) -> None:
        for problem in sorted(report.shown):
            stream.write(self.format(problem) + "\n")
        if not self.quiet:
            stream.write(report.summary() + "\n")

    def format(self, problem: Problem) -> str:
        command = "error" if problem.level is Level.ERROR else "warning"
        return workflow_command(command, problem.path, problem.line, problem.column, problem.rule, problem.message)


def workflow_command(command: str, path: str, line: int, column: int, title: str, message: str) -> str:
    """``::command file=…,line=…,col=…,title=…::message``, every part escaped for the runner."""
    properties = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (("file", path), ("line", line), ("col", column), ("title", title))
    )
    return f"::{command} {properties}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it.

    The runner prints the message in the log, where ESC would be obeyed: control
    characters are written as escapes first; line breaks stay, encoded as the runner
    expects them.
    """
    return escape(text, keep_newlines=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus the ``:`` and ``,`` that delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
