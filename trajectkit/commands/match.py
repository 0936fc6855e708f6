"""``trajectkit match``: propose a workplace for every learner without one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from trajectkit.commands.common import destination, emit, inputs_of
from trajectkit.errors import UsageError
from trajectkit.terminal import shows_progress, status
from trajectkit.translation import _


@dataclass(frozen=True)
class MatchOptions:
    paths: tuple[str, ...]
    on: dt.date | None = None
    output_format: str = "text"
    out: str | None = None
    force: bool = False
    delimiter: str | None = None
    max_distance_km: float | None = None
    patch: str | None = None
    candidate_places: int = 16
    jobs: int | None = None
    config_path: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()
    language: str | None = None


def run(options: MatchOptions) -> int:
    """Match, write the report (and the patch); 0 when every learner was placed, else 1."""
    from trajectkit.analysis.match import match
    from trajectkit.atomic import check_output, write_atomic
    from trajectkit.config import load_config
    from trajectkit.dates import reference_date
    from trajectkit.formats.match import FORMATS, match_csv, match_patch
    from trajectkit.sheets.cells import csv_delimiter
    from trajectkit.translation import reader_language
    from trajectkit.validation import refusal

    csv_delimiter(options.delimiter, options.output_format)  # a usage error before any work
    reads = inputs_of(options.paths, options.config_path, options.profile)
    out = destination(options.out, reads, options.force)
    patch = None if options.patch is None else check_output(options.patch, reads, options.force, "--patch")
    if out is not None and patch is not None and _same(out, patch):
        raise UsageError(_("%(file)s: --out and --patch name the same file; give each its own") % {"file": patch})
    config = load_config(
        options.config_path, options.profile, options.paths, exclude=options.exclude, language=options.language
    )
    day = reference_date(options.on, config)
    delimiter = csv_delimiter(
        options.delimiter, options.output_format, reader_language(options.language, config.language)
    )
    catalogue = refusal.load_catalogue_for(options.paths, config, _("the matching"), refusal.for_match)
    with status(_("Matching the learners"), shows_progress(len(catalogue.learners))):
        result = match(
            catalogue, config.profile, day, options.max_distance_km, options.candidate_places or None, options.jobs
        )
    if patch is not None:
        try:
            write_atomic(patch, match_patch(result))
        except OSError as error:
            raise UsageError(
                _("%(file)s: cannot write the patch: %(reason)s") % {"file": patch, "reason": error.strerror}
            ) from error
    emit(
        match_csv(result, delimiter) if options.output_format == "csv" else FORMATS[options.output_format](result), out
    )
    return 1 if result.unmatched else 0


def _same(first: Path, second: Path) -> bool:
    return first.absolute() == second.absolute() or (first.exists() and second.exists() and first.samefile(second))
