"""``trajectkit coverage``: where each competence of a trajectory is learned and assessed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trajectkit.commands.common import (
    check_destination,
    destination,
    emit,
    inputs_of,
    language_of,
    render,
    trajectory_of,
    unknown,
)
from trajectkit.errors import UsageError
from trajectkit.translation import _

if TYPE_CHECKING:
    from trajectkit.catalogue.catalogue import Catalogue
    from trajectkit.catalogue.model import Learner


@dataclass(frozen=True)
class CoverageOptions:
    paths: tuple[str, ...]
    trajectory_id: str | None = None
    learner_id: str | None = None
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
    from trajectkit.analysis.coverage import build_coverage, build_learner_coverage
    from trajectkit.config import load_config
    from trajectkit.formats.coverage import FORMATS, coverage_csv, coverage_html, coverage_pdf
    from trajectkit.sheets.cells import csv_delimiter
    from trajectkit.translation import reader_language
    from trajectkit.validation import refusal

    if options.trajectory_id is None and options.learner_id is None:
        raise UsageError(_("say which map: --trajectory ID, or --learner ID for one learner's"))
    check_destination(options.output_format, options.out)
    csv_delimiter(options.delimiter, options.output_format)  # a usage error before any work
    reads = inputs_of(options.paths, options.config_path, options.profile, folders=[options.templates])
    out = destination(options.out, reads, options.force)
    config = load_config(
        options.config_path, options.profile, options.paths, exclude=options.exclude, language=options.language
    )
    reader = reader_language(options.language, config.language)
    delimiter = csv_delimiter(options.delimiter, options.output_format, reader)
    catalogue = refusal.load_catalogue_for(
        options.paths,
        config,
        _("the coverage of %(trajectory)s") % {"trajectory": options.learner_id or options.trajectory_id},
        lambda found: refusal.for_coverage(found, options.trajectory_id, options.learner_id),
    )
    learner = _learner_of(catalogue, options)
    trajectory = trajectory_of(catalogue, learner.trajectory if learner else str(options.trajectory_id))
    if options.output_format in FORMATS:
        folder = Path(options.templates) if options.templates else None
        following = (
            [learner] if learner else [item for item in catalogue.learners.values() if item.trajectory == trajectory.id]
        )
        language = language_of(options.language, config, following)
        formats: dict[str, Callable[[Any], str | bytes]] = {
            **FORMATS,
            "csv": partial(coverage_csv, delimiter=delimiter),
            "html": partial(coverage_html, templates=folder, language=language),
            "pdf": partial(coverage_pdf, templates=folder, language=language),
        }
        matrix = (
            build_learner_coverage(catalogue, learner, trajectory, gap_flag=options.gap / 100)
            if learner
            else build_coverage(catalogue, trajectory, options.gap / 100)
        )
        content = render(formats, options.output_format, matrix)
    else:
        from trajectkit.catalogue.graph import build_graph
        from trajectkit.formats.graph import FORMATS as GRAPH_FORMATS
        from trajectkit.formats.graph import trajectory_subgraph

        subgraph = trajectory_subgraph(build_graph(catalogue), catalogue, trajectory)
        content = GRAPH_FORMATS[options.output_format](subgraph)
    emit(content, out)
    return 0


def _learner_of(catalogue: Catalogue, options: CoverageOptions) -> Learner | None:
    """The learner of ``--learner``, whose trajectory must be ``--trajectory`` when both are given."""
    if options.learner_id is None:
        return None
    learner = catalogue.learners.get(options.learner_id)
    if learner is None:
        raise unknown("learner", options.learner_id, list(catalogue.learners))
    if options.trajectory_id is not None and options.trajectory_id != learner.trajectory:
        raise UsageError(
            _("learner %(learner)s follows %(trajectory)s, not %(asked)s; leave out --trajectory")
            % {"learner": learner.id, "trajectory": learner.trajectory, "asked": options.trajectory_id}
        )
    return learner
