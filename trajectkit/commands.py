"""The work behind each CLI command, callable without click."""

from __future__ import annotations

import os
import sys
from typing import TextIO

import click

from trajectkit.config import Config, load_config
from trajectkit.errors import UsageError
from trajectkit.loading import InputPathError
from trajectkit.output import atomic_output


def configure(config_path: str | None, profile: str | None) -> Config:
    return load_config(config_path, profile)


def run_validate(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    strict: bool,
    config_path: str | None,
    profile: str | None,
) -> int:
    """Validate ``paths`` and write the report; returns the exit code."""
    from trajectkit.reporters import get_reporter
    from trajectkit.validation import validate

    config = configure(config_path, profile)
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    try:
        report = validate(paths, config, strict=strict)
    except InputPathError as error:
        raise UsageError(str(error)) from error
    if output is None:
        reporter = get_reporter(output_format, color=_wants_colour(sys.stdout))
        reporter.write(report, click.get_text_stream("stdout"))
    else:
        try:
            with atomic_output(output) as stream:
                get_reporter(output_format).write(report, stream)
        except OSError as error:
            raise UsageError(f"{output}: cannot write the report: {error.strerror}") from error
    return report.exit_code


def run_rules(rule_id: str | None, config_path: str | None, profile: str | None) -> None:
    """Print the rule list, or one rule's documentation."""
    from trajectkit.problems import Level
    from trajectkit.rules import LOAD_RULES, RULES, documentation, summary

    config = configure(config_path, profile)
    if rule_id is not None:
        module = RULES.get(rule_id)
        if module is None:
            raise UsageError(f"unknown rule '{rule_id}'; `trajectkit rules` lists them")
        level = config.level(rule_id, module.DEFAULT_LEVEL)
        click.echo(f"{rule_id} (level: {level}, default: {module.DEFAULT_LEVEL})\n")
        click.echo(documentation(module))
        return
    width = max(len(name) for name in RULES)
    for name, module in RULES.items():
        level = Level.ERROR if name in LOAD_RULES else config.level(name, module.DEFAULT_LEVEL)
        click.echo(f"{name:<{width}}  {str(level):<7}  {summary(module)}")


def _wants_colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ
