"""``trajectkit progress``: how far the learners have come on a date, against their plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from trajectkit.commands.common import check_destination, destination, emit, inputs_of, language_of, render, unknown
from trajectkit.errors import UsageError
from trajectkit.terminal import shows_progress, status
from trajectkit.translation import _


@dataclass(frozen=True)
class ProgressOptions:
    paths: tuple[str, ...]
    learner: str | None = None
    coach: str | None = None
    provider: str | None = None
    on: dt.date | None = None
    output_format: str = "text"
    out: str | None = None
    force: bool = False
    delimiter: str | None = None
    templates: str | None = None
    config_path: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()
    language: str | None = None


def run(options: ProgressOptions) -> int:
    """Write the progress; 1 when a learner is behind schedule or an evaluation is overdue."""
    from trajectkit.analysis.progress import Selection, cohort_progress
    from trajectkit.config import load_config
    from trajectkit.dates import reference_date
    from trajectkit.formats.progress import FORMATS, progress_csv, progress_html, progress_pdf
    from trajectkit.sheets.cells import csv_delimiter
    from trajectkit.translation import reader_language
    from trajectkit.validation import refusal

    given = [name for name in ("learner", "coach", "provider") if getattr(options, name) is not None]
    if len(given) > 1:
        raise UsageError(
            _("give one of --learner, --coach and --provider, not %(given)s")
            % {"given": " and ".join(f"--{name}" for name in given)}
        )
    check_destination(options.output_format, options.out)
    csv_delimiter(options.delimiter, options.output_format)  # a usage error before any work
    reads = inputs_of(options.paths, options.config_path, options.profile, folders=[options.templates])
    out = destination(options.out, reads, options.force)
    config = load_config(
        options.config_path, options.profile, options.paths, exclude=options.exclude, language=options.language
    )
    reader = reader_language(options.language, config.language)
    delimiter = csv_delimiter(options.delimiter, options.output_format, reader)
    day = reference_date(options.on, config)
    selection = Selection(options.learner, options.coach, options.provider)
    catalogue = refusal.load_catalogue_for(
        options.paths,
        config,
        _("the progress"),
        partial(refusal.for_progress, learner_id=options.learner),
    )
    if options.learner is not None and options.learner not in catalogue.learners:
        raise unknown("learner", options.learner, list(catalogue.learners))
    with status(_("Following the learners"), shows_progress(len(catalogue.learners))):
        progress = cohort_progress(catalogue, selection, day)
    folder = Path(options.templates) if options.templates else None
    language = language_of(options.language, config, catalogue.learners.values())
    formats: dict[str, Callable[[Any], str | bytes]] = {
        **FORMATS,
        "csv": partial(progress_csv, delimiter=delimiter),
        "html": partial(progress_html, templates=folder, language=language),
        "pdf": partial(progress_pdf, templates=folder, language=language),
    }
    emit(render(formats, options.output_format, progress), out)
    return 1 if progress.attention else 0
