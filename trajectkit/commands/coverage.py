"""``trajectkit coverage``: where each competence of a trajectory is learned and assessed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from trajectkit.commands.common import (
    check_destination,
    destination,
    emit,
    inputs_of,
    language_of,
    render,
    trajectory_of,
)
from trajectkit.translation import _


@dataclass(frozen=True)
class CoverageOptions:
    paths: tuple[str, ...]
    trajectory_id: str
    output_format: str = "text"
    out: str | None = None
    force: bool = False
    delimiter: str | None = None
    gap: int = 25  # percentage points
    templates: str | None = None
    config_path: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()
    language: str | None = None


def run(options: CoverageOptions) -> int:
    from trajectkit.analysis.coverage import build_coverage
    from trajectkit.config import load_config
    from trajectkit.formats.coverage import FORMATS, coverage_csv, coverage_html, coverage_pdf
    from trajectkit.sheets.cells import csv_delimiter
    from trajectkit.translation import reader_language
    from trajectkit.validation import refusal

    check_destination(options.output_format, options.out)
    csv_delimiter(options.delimiter, options.output_format)  # a usage error before any work
    reads = inputs_of(options.paths, options.config_path, options.profile, folders=[options.templates])
    out = destination(options.out, reads, options.force)
    config = load_config(options.config_path, options.profile, options.paths, exclude=options.exclude)
    reader = reader_language(options.language, config.language)
    delimiter = csv_delimiter(options.delimiter, options.output_format, reader)
    catalogue = refusal.load_catalogue_for(
        options.paths,
        config,
        _("the coverage of %(trajectory)s") % {"trajectory": options.trajectory_id},
        lambda found: refusal.for_coverage(found, options.trajectory_id),
    )
    trajectory = trajectory_of(catalogue, options.trajectory_id)
    if options.output_format in FORMATS:
        folder = Path(options.templates) if options.templates else None
        following = [learner for learner in catalogue.learners.values() if learner.trajectory == trajectory.id]
        language = language_of(options.language, config, following)
        formats: dict[str, Callable[[Any], str | bytes]] = {
            **FORMATS,
            "csv": partial(coverage_csv, delimiter=delimiter),
            "html": partial(coverage_html, templates=folder, language=language),
            "pdf": partial(coverage_pdf, templates=folder, language=language),
        }
        content = render(formats, options.output_format, build_coverage(catalogue, trajectory, options.gap / 100))
    else:
        from trajectkit.catalogue.graph import build_graph
        from trajectkit.formats.graph import FORMATS as GRAPH_FORMATS
        from trajectkit.formats.graph import trajectory_subgraph

        subgraph = trajectory_subgraph(build_graph(catalogue), catalogue, trajectory)
        content = GRAPH_FORMATS[options.output_format](subgraph)
    emit(content, out)
    return 0
