"""User errors: wrong options, unreadable paths, a broken configuration (exit code 2)."""

from __future__ import annotations

import click

from trajectkit.problems import Location


class UsageError(click.ClickException):
    """Something the user must change before trajectkit can run; click prints it, exit 2."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(f"{location}: {message}" if location else message)
        self.location = location
