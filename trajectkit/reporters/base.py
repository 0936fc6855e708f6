"""What every reporter does: write a whole report to a text stream."""

from __future__ import annotations

from typing import Protocol, TextIO

from trajectkit.validation.report import Report


class Reporter(Protocol):
    """A report format. ``write`` gets the whole report (totals, rules) at once."""

    name: str

    def write(self, report: Report, stream: TextIO) -> None: ...
