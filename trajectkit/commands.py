"""The work behind each CLI command, callable without click."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

import click

from trajectkit.errors import UsageError
from trajectkit.loading import InputPathError
from trajectkit.output import atomic_output

if TYPE_CHECKING:
    from trajectkit.config import Config
    from trajectkit.report import Report


def configure(config_path: str | None, profile: str | None) -> Config:
    # Imported here: the configuration loads jsonschema, which a cached validate never needs.
    from trajectkit.config import load_config

    return load_config(config_path, profile)


def run_validate(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    strict: bool,
    config_path: str | None,
    profile: str | None,
    cache_dir: str | None = None,
    use_cache: bool = True,
) -> int:
    """Validate ``paths`` and write the report; returns the exit code.

    An unchanged catalogue gets its stored report back from the cache (see
    ``trajectkit.cache``); the output is the same bytes either way. Under GitHub
    Actions a run that prints its report also appends it, as Markdown, to the job
    summary, because GitHub shows only the first 10 annotations of each type.
    """
    from dataclasses import replace

    from trajectkit.cache import ValidationCache, cache_folder, cached_report
    from trajectkit.reporters import get_reporter

    def check() -> Report:
        from trajectkit.validation import validate

        config = configure(config_path, profile)
        try:
            return validate(paths, config)
        except InputPathError as error:
            raise UsageError(str(error)) from error

    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    cache = ValidationCache(cache_folder(cache_dir)) if use_cache else None
    report = cached_report(cache, paths, config_path, profile, check)
    if strict:
        report = replace(report, strict=True)
    if output is None:
        reporter = get_reporter(output_format, color=_wants_colour(sys.stdout))
        reporter.write(report, sys.stdout)
        _append_step_summary(report)
    else:
        try:
            with atomic_output(output) as stream:
                get_reporter(output_format).write(report, stream)
        except OSError as error:
            raise UsageError(f"{output}: cannot write the report: {error.strerror}") from error
    return report.exit_code


def _append_step_summary(report: Report) -> None:
    """Append to ``$GITHUB_STEP_SUMMARY`` when GitHub Actions sets it; a failure only warns."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    from trajectkit.reporters.markdown import append_step_summary

    try:
        append_step_summary(report, path)
    except OSError as error:
        click.echo(f"trajectkit: cannot write the step summary {path}: {error.strerror}", err=True)


def run_rules(rule_id: str | None, config_path: str | None, profile: str | None, output_format: str = "text") -> None:
    """Print the rule list, or one rule's documentation; ``markdown``: the whole reference."""
    from trajectkit.problems import Level
    from trajectkit.rules import LOAD_RULES, RULES, documentation, summary

    if output_format == "markdown":
        from trajectkit.rules.reference import markdown_reference

        click.echo(markdown_reference([rule_id] if rule_id else list(RULES)), nl=False)
        return
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
