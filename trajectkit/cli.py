"""The ``trajectkit`` command: parses options and calls one function per command.

Exit codes: 0 no errors, 1 problems found (errors, or warnings with ``--strict``),
2 usage error, unreadable input path or broken configuration.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import click

from trajectkit import __version__

FORMATS = ("text", "json", "github", "junit", "sarif")


def _config_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--config`` and ``--profile``, shared by every command that reads a catalogue."""
    command = click.option(
        "--profile",
        metavar="NAME|FILE",
        help="Jurisdiction profile: built-in name (flanders, netherlands-bbl) or a profile file. "
        "Overrides the one in trajectkit.yaml.",
    )(command)
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        help="Configuration file (default: trajectkit.yaml in the working directory, if any).",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="trajectkit")
def main() -> None:
    """Dual-learning trajectories as data: validate catalogues, render learning plans.

    Exit codes: 0 clean, 1 problems found, 2 usage or input error.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice([*FORMATS, "auto"]),
    default="auto",
    show_default=True,
    help="Report format; auto is github under GitHub Actions, else text.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file instead of standard output.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@_config_options
def validate(paths: tuple[str, ...], output_format: str, output: str | None, strict: bool, config_path: str | None, profile: str | None) -> None:
    """Check catalogue files and directories (searched recursively for *.yaml, *.yml).

    Every problem is reported at once, at the file, line and column of the YAML node.
    """
    from trajectkit.commands import run_validate

    sys.exit(run_validate(paths, output_format, output, strict, config_path, profile))


@main.command()
@click.argument("rule_id", required=False)
@_config_options
def rules(rule_id: str | None, config_path: str | None, profile: str | None) -> None:
    """List every rule with its level, or show the documentation of one rule."""
    from trajectkit.commands import run_rules

    run_rules(rule_id, config_path, profile)



if __name__ == "__main__":  # pragma: no cover
    main()
