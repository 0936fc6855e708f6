"""User errors: wrong options, unreadable paths, a broken configuration (exit code 2)."""

from __future__ import annotations

from collections.abc import Iterable

import click

from trajectkit.problems import Location
from trajectkit.translation import _


class UsageError(click.ClickException):
    """Something the user must change before trajectkit can run; click prints it, exit 2."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(f"{location}: {message}" if location else message)
        self.location = location


class CatalogueErrors(click.ClickException):
    """The catalogue has validation errors that would make a command's answer wrong (exit 1)."""

    exit_code = 1

    def __init__(self, problems: list, what: str = "this command") -> None:
        shown = "\n".join(
            f"  {problem.path}:{problem.line}:{problem.column}: [{problem.rule}] {problem.message}"
            for problem in problems[:20]
        )
        more = ("\n  " + _("… and %(count)d more") % {"count": len(problems) - 20}) if len(problems) > 20 else ""
        message = _(
            "the catalogue has %(count)d error(s) that would make %(what)s wrong; "
            "fix them first (`trajectkit validate` shows them all):"
        ) % {"count": len(problems), "what": what}
        super().__init__(f"{message}\n{shown}{more}")
        self.problems = problems


class SheetProblems(click.ClickException):
    """A spreadsheet has cells that cannot be read back (exit 1); nothing was written."""

    exit_code = 1

    def __init__(self, path: str, problems: Iterable[object], more: int = 0) -> None:
        listed = list(problems)
        shown = "\n".join(f"  {path}: {problem}" for problem in listed)
        if more:
            shown += f"\n  … and {more:,} more"
        super().__init__(f"{path}: {len(listed) + more:,} problem(s) in the sheet; nothing was written:\n{shown}")
        self.problems = listed


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` with the closest known name, or ``""`` when none is close."""
    import difflib  # only when a name is wrong: it is slow to import

    close = difflib.get_close_matches(name, list(known), n=1)
    return _("; did you mean '%(close)s'?") % {"close": close[0]} if close else ""
