"""``trajectkit validate``: check the catalogue and write the report in one of the CI formats."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from trajectkit.errors import UsageError
from trajectkit.terminal import is_quiet, say, wants_colour
from trajectkit.translation import _

if TYPE_CHECKING:
    from trajectkit.validation.report import Report


@dataclass(frozen=True)
class ValidateOptions:
    paths: tuple[str, ...]
    output_format: str = "auto"
    out: str | None = None
    force: bool = False
    strict: bool = False
    no_cache: bool = False
    cache_dir: str | None = None
    config_path: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()


def run(options: ValidateOptions) -> int:
    """Validate and write the report; returns the exit code.

    An unchanged catalogue gets its stored report back from the cache (see
    ``trajectkit.validation.cache``); the output is the same bytes either way. Under
    GitHub Actions a run that prints its report also appends it, as Markdown, to the
    job summary, because GitHub shows only the first 10 annotations of each type.
    """
    from trajectkit.atomic import atomic_output
    from trajectkit.commands.common import destination, inputs_of
    from trajectkit.reporters import get_reporter
    from trajectkit.validation.cache import ValidationCache, cache_folder, cached_report

    def check() -> Report:
        from trajectkit.catalogue.files import InputPathError
        from trajectkit.config import load_config
        from trajectkit.validation.pipeline import validate

        config = load_config(options.config_path, options.profile, options.paths, warn=False, exclude=options.exclude)
        files = None
        if cache is not None:
            from trajectkit.validation.file_cache import file_cache_for

            files = file_cache_for(cache, options.paths, options.config_path, options.profile, options.exclude)
        try:
            return validate(options.paths, config, files=files)
        except InputPathError as error:
            raise UsageError(str(error)) from error

    from trajectkit.config import choose_config, warn_unused

    warn_unused(choose_config(options.config_path, options.paths))
    out = destination(options.out, inputs_of(options.paths, options.config_path, options.profile), options.force)
    output_format = options.output_format
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    cache = None if options.no_cache else ValidationCache(cache_folder(options.cache_dir))
    report = cached_report(cache, options.paths, options.config_path, options.profile, check, options.exclude)
    if cache is not None:
        from trajectkit.config import use_configured_language

        use_configured_language(options.config_path, options.paths)  # a stored report skipped load_config
    if options.strict:
        report = replace(report, strict=True)
    if out is None:
        get_reporter(output_format, color=wants_colour(sys.stdout), quiet=is_quiet()).write(report, sys.stdout)
        _append_step_summary(report)
    else:
        try:
            with atomic_output(out) as stream:
                get_reporter(output_format, quiet=is_quiet()).write(report, stream)
        except OSError as error:
            raise UsageError(
                _("%(file)s: cannot write the report: %(reason)s") % {"file": out, "reason": error.strerror}
            ) from error
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
        say(
            _("trajectkit: cannot write the step summary %(file)s: %(reason)s")
            % {"file": path, "reason": error.strerror},
            err=True,
        )
