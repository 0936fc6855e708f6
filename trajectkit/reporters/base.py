"""What every reporter is: a format that writes a whole report to a text stream."""

from __future__ import annotations

import abc
from typing import IO, ClassVar

from trajectkit.validation.report import Report


class Reporter(abc.ABC):
    """A report format. ``write`` gets the whole report at once, because JUnit and SARIF
    need its totals and rule metadata before the first problem.

    ``color`` is the caller's decision (``trajectkit.terminal.wants_colour``); only
    formats for people use it, machine formats stay plain whatever it says. ``quiet``
    (``-q``): the formats for people leave out their summary line.
    """

    name: ClassVar[str]

    def __init__(self, color: bool = False, quiet: bool = False) -> None:
        self.color = color
        self.quiet = quiet

    @abc.abstractmethod
    def write(self, report: Report, stream: IO[str]) -> None:
        """Write ``report`` to ``stream``."""
