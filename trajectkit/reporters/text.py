"""Plain text for people at a terminal: one ``path:line:col: level [rule] message`` per line."""

from __future__ import annotations

import itertools
from typing import IO

import click

from trajectkit.problems import Level, Problem
from trajectkit.reporters.base import Reporter
from trajectkit.terminal import escape
from trajectkit.validation.report import Report

_LEVEL_COLOURS = {Level.ERROR: "red", Level.WARNING: "yellow"}


class TextReporter(Reporter):
    """Problems grouped by file, a blank line between files, then the summary line
    (not under ``-q``).

    Colour is the caller's decision (``trajectkit.terminal.wants_colour``), so the output of
    ``TextReporter()`` never holds escape codes, whatever the stream is.
    """

    name = "text"

    def write(self, report: Report, stream: IO[str]) -> None:
        groups = itertools.groupby(sorted(report.shown), key=lambda problem: problem.path)
        for _, problems in groups:
            for problem in problems:
                stream.write(self.format(problem) + "\n")
            stream.write("\n")
        if not self.quiet:
            stream.write(report.summary() + "\n")

    def format(self, problem: Problem) -> str:
        # A file name or rule is one value on one line; a message may span lines, and
        # any control character in either is shown, never obeyed (trajectkit.terminal).
        location = f"{escape(problem.path)}:{problem.line}:{problem.column}:"
        level = str(problem.level)
        if self.color:
            location = click.style(location, dim=True)
            level = click.style(level, fg=_LEVEL_COLOURS.get(problem.level))
        # Continuation lines are indented so a multi-line message stays under its location.
        message = escape(problem.message, keep_newlines=True).replace("\n", "\n    ")
        return f"{location} {level} [{escape(problem.rule)}] {message}"
