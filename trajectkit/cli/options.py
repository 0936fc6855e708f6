"""Options that several commands share, written once."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import click

from trajectkit.cli.language import TranslatedHelp
from trajectkit.dates import SUPPORTED, supported
from trajectkit.formats import FORMAT_NAMES
from trajectkit.terminal import set_quiet
from trajectkit.translation import _

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


class DateType(click.ParamType):
    """A calendar day written YYYY-MM-DD, as ``datetime.date``."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(_("%(value)s is not a date; write YYYY-MM-DD") % {"value": repr(value)}, param, ctx)
        if not supported(day):
            self.fail(
                _("%(value)s is outside the dates trajectkit supports (%(supported)s)")
                % {"value": repr(value), "supported": SUPPORTED},
                param,
                ctx,
            )
        return day


def stack(*decorators: Decorator) -> Decorator:
    """Several decorators as one, applied in the order they are written."""

    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return apply


#: The catalogue's files and folders.
paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path())


def _show_config(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--show-config``: print which configuration the run would use, and stop (exit 0)."""

    @functools.wraps(command)
    def shown(*args: Any, show_config: bool = False, **options: Any) -> Any:
        if not show_config:
            return command(*args, **options)
        from trajectkit.config import describe_config
        from trajectkit.terminal import say

        paths = options.get("paths") or ()
        if "old" in options:
            paths = (options["old"], options["new"], *options.get("catalogues", ()))
        shown = describe_config(options.get("config_path"), options.get("profile"), paths, options.get("exclude", ()))
        say(shown, nl=False)
        return 0

    return click.option(
        "--show-config", is_flag=True, help="Print which trajectkit.yaml is used, how it was found, and stop."
    )(shown)


#: ``--config``, ``--profile`` and ``--show-config``, shared by every command that reads a catalogue.
config_options = stack(
    click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        help="Configuration file (default: the nearest trajectkit.yaml next to the given paths or above them, "
        "up to the repository root; else in the working directory).",
    ),
    click.option(
        "--profile",
        metavar="NAME|FILE",
        help="Jurisdiction profile: built-in name (flanders, netherlands-bbl) or a profile file. "
        "Overrides the one in trajectkit.yaml.",
    ),
    click.option(
        "--exclude",
        "exclude",
        multiple=True,
        metavar="GLOB",
        help="Leave out of a folder walk the files and folders (GLOB/) that match, beside `exclude:` in "
        "trajectkit.yaml and the files of other tools such as mkdocs.yml (repeatable).",
    ),
    _show_config,
)


def on_option(what: str) -> Decorator:
    """``--on DATE``: the day a command answers for (``trajectkit.dates.reference_date``)."""
    return click.option(
        "--on",
        type=DateType(),
        metavar="YYYY-MM-DD",
        help=f"{what} (default: `today` in trajectkit.yaml, else SOURCE_DATE_EPOCH, else today).",
    )


def format_option(
    command: str, help: str = "Output format.", name: str = "output_format", defaulted: bool = True
) -> Decorator:
    """``--format`` with the command's format names (``trajectkit.formats.FORMAT_NAMES``),
    the first one the default unless ``defaulted`` is false."""
    names = FORMAT_NAMES[command]
    default = names[0] if defaulted else None
    return click.option("--format", name, type=click.Choice(names), default=default, show_default=defaulted, help=help)


def out_option(
    help: str = "Write to this file (atomically) instead of standard output.",
    required: bool = False,
    folder: bool = False,
    alias: str | None = None,
    force_help: str = "Replace an existing file that is not a trajectkit output (never one of the files read).",
) -> Decorator:
    """``-o/--out FILE`` (or ``DIR``) and ``--force``, the same on every command that writes.

    Missing parent folders are created; what may be replaced is decided by
    ``trajectkit.atomic.check_output``. ``alias`` is an older name for ``--out``, still
    accepted and not shown in ``--help``, so existing CI snippets keep working.
    """
    decorators: list[Decorator] = [
        click.option("-o", "--out", "out", required=required, metavar="DIR" if folder else "FILE", help=help),
        click.option("--force", is_flag=True, help=force_help),
    ]
    if alias is not None:
        decorators.append(_alias_of_out(alias))
    return stack(*decorators)


def _alias_of_out(alias: str) -> Decorator:
    """A hidden ``alias`` option whose value arrives as ``out``."""

    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def merged(*args: Any, out_alias: str | None = None, **options: Any) -> Any:
            if out_alias is not None:
                if options.get("out") is not None:
                    raise click.UsageError(_("give --out or %(alias)s, not both") % {"alias": alias})
                options["out"] = out_alias
            return command(*args, **options)

        return click.option(alias, "out_alias", hidden=True, metavar="FILE")(merged)

    return apply


#: ``--delimiter``: the CSV cell separator (``trajectkit.sheets.cells.csv_delimiter``).
delimiter_option = click.option(
    "--delimiter",
    type=click.Choice([",", ";", "tab"]),
    help="csv: the cell separator (default ','); ';' is what Excel in a Belgian or Dutch locale splits on.",
)


#: ``--base-uri URI``: the namespace the CASE and ELM identifiers are derived from.
base_uri_option = click.option(
    "--base-uri",
    metavar="URI",
    help="Publisher's base URI; identifiers are UUIDv5 of it and the trajectkit id (default: https://trajectkit.org/id/).",
)


#: ``--templates DIR`` for the commands that render documents.
templates_option = click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False),
    help="Templates folder to use instead of the shipped one (for html and pdf).",
)


#: ``--lang nl|en`` for the commands that make a document.
lang_option = click.option(
    "--lang",
    "language",
    type=click.Choice(["nl", "en"]),
    help="Language of the document and the text output (default: language: in trajectkit.yaml, else the "
    "learners', else the locale).",
)

#: ``--lang nl|en`` for the commands whose output is text only.
text_lang_option = click.option(
    "--lang",
    "language",
    type=click.Choice(["nl", "en"]),
    help="Language of the output and the messages (default: language: in trajectkit.yaml, else the locale).",
)


#: ``--jobs N``: processes to use.
def jobs_option(help: str) -> Decorator:
    return click.option("--jobs", type=click.IntRange(min=1), help=help)


def _set_quiet(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:  # before or after the command name; every run starts loud (Trajectkit.main)
        set_quiet(True)


def quiet_option() -> click.Option:
    return click.Option(
        ["-q", "--quiet"],
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set_quiet,
        help="Print only findings and errors: no summary line, no notes such as the date used.",
    )


class TrajectkitCommand(TranslatedHelp):
    """A command with ``-q/--quiet`` (only findings and errors, no notes or summary line)
    whose help is in the run's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(quiet_option())
