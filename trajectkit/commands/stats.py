"""``trajectkit stats``: the dual-learning offer on a date, in numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from trajectkit.commands.common import check_destination, destination, emit, inputs_of, language_of, render
from trajectkit.terminal import shows_progress, status
from trajectkit.translation import _


@dataclass(frozen=True)
class StatsOptions:
    paths: tuple[str, ...]
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


def run(options: StatsOptions) -> int:
    """Compute and write the statistics; 0 unless the catalogue is in the way."""
    from trajectkit.analysis.stats import offer_stats
    from trajectkit.config import load_config
    from trajectkit.dates import reference_date
    from trajectkit.formats.stats import FORMATS, stats_csv, stats_html, stats_pdf
    from trajectkit.sheets.cells import csv_delimiter
    from trajectkit.translation import reader_language
    from trajectkit.validation import refusal

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
    catalogue = refusal.load_catalogue_for(options.paths, config, _("the statistics"), refusal.for_stats)
    folder = Path(options.templates) if options.templates else None
    language = language_of(options.language, config, catalogue.learners.values())
    formats: dict[str, Callable[[Any], str | bytes]] = {
        **FORMATS,
        "csv": partial(stats_csv, delimiter=delimiter),
        "html": partial(stats_html, templates=folder, language=language),
        "pdf": partial(stats_pdf, templates=folder, language=language),
    }
    with status(_("Counting the offer"), shows_progress(len(catalogue.learners))):
        stats = offer_stats(catalogue, day)
    emit(render(formats, options.output_format, stats), out)
    return 0
