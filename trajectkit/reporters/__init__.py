"""Output formats: one module per format, chosen by name through ``REPORTERS``."""

from __future__ import annotations

from trajectkit.errors import UsageError
from trajectkit.reporters.base import Reporter
from trajectkit.reporters.codequality import CodeQualityReporter
from trajectkit.reporters.github import GithubReporter
from trajectkit.reporters.json_report import JsonReporter
from trajectkit.reporters.junit import JunitReporter
from trajectkit.reporters.markdown import MarkdownReporter
from trajectkit.reporters.sarif import SarifReporter
from trajectkit.reporters.text import TextReporter
from trajectkit.translation import _

# The one list of formats: --format's choices, config validation and the docs read it.
REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
    "sarif": SarifReporter,
    "markdown": MarkdownReporter,
    "codequality": CodeQualityReporter,
}


def get_reporter(name: str, color: bool = False, quiet: bool = False) -> Reporter:
    """The reporter called ``name``; ``color`` and ``quiet`` matter only to formats for people."""
    try:
        reporter_class = REPORTERS[name]
    except KeyError:
        choices = ", ".join(REPORTERS)
        raise UsageError(
            _("unknown output format %(name)s; choose one of: %(choices)s") % {"name": repr(name), "choices": choices}
        ) from None
    return reporter_class(color=color, quiet=quiet)


__all__ = [
    "REPORTERS",
    "CodeQualityReporter",
    "GithubReporter",
    "JsonReporter",
    "JunitReporter",
    "MarkdownReporter",
    "Reporter",
    "SarifReporter",
    "TextReporter",
    "get_reporter",
]
