"""Output formats: one module per format, chosen by name through ``REPORTERS``.

``REPORTER_NAMES`` is the one list of formats (--format's choices, config validation
and the docs read it); a format's module is imported only when it is used, so the
command line starts without the XML, hashing and URL libraries the formats need.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trajectkit.reporters.base import Reporter

#: Each format's name, and the module and class that write it.
_FORMATS: dict[str, tuple[str, str]] = {
    "text": ("trajectkit.reporters.text", "TextReporter"),
    "json": ("trajectkit.reporters.json_report", "JsonReporter"),
    "github": ("trajectkit.reporters.github", "GithubReporter"),
    "junit": ("trajectkit.reporters.junit", "JunitReporter"),
    "sarif": ("trajectkit.reporters.sarif", "SarifReporter"),
    "markdown": ("trajectkit.reporters.markdown", "MarkdownReporter"),
    "codequality": ("trajectkit.reporters.codequality", "CodeQualityReporter"),
}
REPORTER_NAMES: tuple[str, ...] = tuple(_FORMATS)


class _Registry(Mapping[str, "type[Reporter]"]):
    """Name → reporter class, importing a format's module on first use."""

    def __getitem__(self, name: str) -> type[Reporter]:
        module, attribute = _FORMATS[name]
        reporter_class: type[Reporter] = getattr(importlib.import_module(module), attribute)
        return reporter_class

    def __iter__(self) -> Iterator[str]:
        return iter(_FORMATS)

    def __len__(self) -> int:
        return len(_FORMATS)


REPORTERS: Mapping[str, type[Reporter]] = _Registry()


def get_reporter(name: str, color: bool = False, quiet: bool = False) -> Reporter:
    """The reporter called ``name``; ``color`` and ``quiet`` matter only to formats for people."""
    from trajectkit.errors import UsageError
    from trajectkit.translation import _

    try:
        reporter_class = REPORTERS[name]
    except KeyError:
        choices = ", ".join(REPORTERS)
        raise UsageError(
            _("unknown output format %(name)s; choose one of: %(choices)s") % {"name": repr(name), "choices": choices}
        ) from None
    return reporter_class(color=color, quiet=quiet)


def __getattr__(name: str) -> object:
    """``from trajectkit.reporters import JsonReporter`` and the like, imported when asked for."""
    if name == "Reporter":
        from trajectkit.reporters.base import Reporter

        return Reporter
    for module, attribute in _FORMATS.values():
        if attribute == name:
            return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["REPORTERS", "REPORTER_NAMES", "get_reporter"]
