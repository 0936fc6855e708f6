"""Inline suppression: a comment in a catalogue file that silences one rule's finding.

    # trajectkit: disable-line=RULE[,RULE]   at the end of (or on) the line a finding is reported at
    # trajectkit: disable=RULE[,RULE]        on a line of its own: for the rest of the file

A suppressed finding is kept in the report, marked: JSON and SARIF show it as
suppressed, the formats for people leave it out and it counts for no exit code.
A suppression that silences nothing is a finding of its own (``unused-suppression``).
The comments are read here, with the file; ``trajectkit.validation.pipeline`` applies
them once every rule has run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from trajectkit.problems import Problem

#: Only files that hold this are read for suppressions (a quick test on the bytes).
MARKER = b"trajectkit:"
_COMMENT = re.compile(
    r"#\s*trajectkit:\s*(?P<kind>disable-line|disable)\s*=\s*(?P<rules>[A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)"
)


@dataclass(frozen=True)
class Suppression:
    """One rule id of one suppression comment, where the comment's ``#`` is."""

    path: str
    line: int
    column: int
    rule: str
    rest_of_file: bool

    def covers(self, problem: Problem) -> bool:
        if problem.path != self.path or problem.rule != self.rule:
            return False
        return problem.line > self.line if self.rest_of_file else problem.line == self.line


def read_suppressions(text: str, path: str) -> Iterator[Suppression]:
    """The suppressions written in ``text``; ``disable=`` counts only on a line of its own."""
    for number, line in enumerate(text.splitlines(), start=1):
        if "trajectkit:" not in line:
            continue
        for match in _COMMENT.finditer(line):
            rest_of_file = match.group("kind") == "disable"
            if rest_of_file and line[: match.start()].strip():
                continue  # after a value, `disable=` would silence more than the reader sees
            for rule in match.group("rules").split(","):
                yield Suppression(path, number, match.start() + 1, rule.strip(), rest_of_file)
