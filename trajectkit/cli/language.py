"""``--help`` and click's own words ("Usage:", "No such option") in the run's language.

Click looks its words up with :func:`gettext.gettext`, imported into each of its modules;
:func:`install` points those at trajectkit's catalog, which holds their translation
(:mod:`trajectkit.cli.click_words`). The help texts of the commands and options stay
English in the code and are translated when help is shown (:class:`TranslatedHelp`), so
nothing is looked up, and no catalog read, when a command just runs. The catalog gets
them from the command tree itself (:func:`help_texts`, used by ``scripts/messages.sh``).
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Iterator
from typing import Any

import click

from trajectkit.translation import gettext, ngettext

#: Click's modules that print its own words at run time. ``click.decorators`` is left
#: out: it looks its words up once, when a command is defined, and those are help texts
#: (``Show this message and exit.``), translated when shown like every other.
_CLICK_MODULES = ("core", "exceptions", "formatting", "parser", "types", "termui")


def install() -> None:
    """Let click's own words go through trajectkit's catalog."""
    import importlib

    for name in _CLICK_MODULES:
        names = vars(importlib.import_module(f"click.{name}"))
        if "_" in names:
            names["_"] = gettext
        if "ngettext" in names:
            names["ngettext"] = ngettext


def _translated_help(help: str | None) -> str | None:
    return gettext(inspect.cleandoc(help)) if help else help


def _shown(item: Any) -> Any:
    """A copy of a command or parameter whose help is in the run's language."""
    if not getattr(item, "help", None):
        return item
    shown = copy.copy(item)
    shown.help = _translated_help(item.help)
    return shown


class TranslatedHelp(click.Command):
    """A command (or group) whose help, option help and short help are in the run's language."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super(TranslatedHelp, _shown(self)).format_help_text(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return super().get_short_help_str(limit)
        return super(TranslatedHelp, _shown(self)).get_short_help_str(limit)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [
            record
            for param in self.get_params(ctx)
            if not isinstance(param, click.Argument) and (record := _shown(param).get_help_record(ctx)) is not None
        ]
        if records:
            with formatter.section(gettext("Options")):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


def help_texts(command: click.Command, ctx: click.Context | None = None) -> Iterator[str]:
    """Every help text of ``command`` and its subcommands, as :class:`TranslatedHelp`
    looks them up: what the catalog must translate."""
    ctx = ctx or click.Context(command, info_name=command.name)
    if command.help:
        yield inspect.cleandoc(command.help)
    for param in command.get_params(ctx):
        help = getattr(param, "help", None)
        if help and not getattr(param, "hidden", False):
            yield inspect.cleandoc(help)
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from help_texts(sub, click.Context(sub, info_name=name, parent=ctx))
