"""``trajectkit export`` and ``trajectkit import``: a trajectory's allocations to a
spreadsheet and back.

Export writes the allocation matrix (``allocation_matrix``) as .xlsx or CSV
(``spreadsheets``). Import reads an edited sheet, checks every cell against the
trajectory and the catalogue, and writes the trajectory's file anew with the sheet's
``allocations`` and ``clusters`` (``trajectory_writer``) to ``--out``: never over
the trajectory's own file, so the change can be reviewed and validated first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click

from trajectkit.allocation_matrix import build_matrix, read_matrix
from trajectkit.catalogue import Catalogue
from trajectkit.config import Config
from trajectkit.errors import CatalogueErrors, UsageError
from trajectkit.model import StandardTrajectory
from trajectkit.problems import Level
from trajectkit.sheet_cells import CellProblem

#: Problems in the trajectory's file that leave the matrix wrong or the file unreadable;
#: the others (an uncovered competence, a place that does not assess) are what a
#: designer fixes in the sheet, so they do not stop an export or an import.
STRUCTURAL_RULES = frozenset({"yaml-syntax", "yaml-limits", "duplicate-key", "schema", "duplicate-id", "unknown-learning-place"})


class SheetProblems(click.ClickException):
    """The sheet has cells that cannot be read back (exit 1); nothing was written."""

    exit_code = 1

    def __init__(self, path: str, problems: Iterable[CellProblem]) -> None:
        listed = list(problems)
        shown = "\n".join(f"  {path}: {problem}" for problem in listed)
        super().__init__(f"{path}: {len(listed)} problem(s) in the sheet; nothing was written:\n{shown}")
        self.problems = listed


@dataclass(frozen=True)
class ExportResult:
    path: Path
    file_format: str
    rows: int
    trajectory: str


@dataclass(frozen=True)
class ImportResult:
    path: Path
    trajectory: str
    source: str
    allocations: int
    clusters: int


def load_trajectory(paths: Iterable[str | os.PathLike[str]], config: Config, trajectory_id: str | None, what: str) -> tuple[Catalogue, StandardTrajectory]:
    """The catalogue and the trajectory ``trajectory_id`` (or the only one), structurally sound."""
    from trajectkit.loading import InputPathError
    from trajectkit.validation import check_catalogue

    try:
        catalogue, report = check_catalogue(paths, config)
    except InputPathError as error:
        raise UsageError(str(error)) from error
    if trajectory_id is None:
        if len(catalogue.trajectories) != 1:
            known = ", ".join(sorted(catalogue.trajectories)) or "none"
            raise UsageError(f"say which trajectory with --trajectory ID (in the catalogue: {known})")
        trajectory_id = next(iter(catalogue.trajectories))
    trajectory = catalogue.trajectories.get(trajectory_id)
    if trajectory is None:
        if catalogue.knows("StandardTrajectory", trajectory_id):
            broken = [p for p in report.problems if p.level is Level.ERROR and p.rule in STRUCTURAL_RULES]
            raise CatalogueErrors(broken, what)
        known = ", ".join(sorted(catalogue.trajectories)) or "none"
        raise UsageError(f"no trajectory '{trajectory_id}' in the catalogue (trajectories: {known})")
    path = trajectory.source.document.path
    blocking = [
        problem
        for problem in report.problems
        if problem.level is Level.ERROR and problem.path == path and problem.rule in STRUCTURAL_RULES
    ]
    if blocking:
        raise CatalogueErrors(blocking, what)
    return catalogue, trajectory


def export_matrix(
    paths: Iterable[str | os.PathLike[str]],
    config: Config,
    trajectory_id: str | None,
    out: str | Path,
    file_format: str | None = None,
) -> ExportResult:
    """Write the allocation matrix of a trajectory to ``out`` (.xlsx or .csv)."""
    from trajectkit.spreadsheets import format_for, write_matrix

    chosen = format_for(out, file_format)
    catalogue, trajectory = load_trajectory(paths, config, trajectory_id, "the export")
    matrix = build_matrix(catalogue, trajectory)
    write_matrix(matrix, out, chosen)
    return ExportResult(Path(out), chosen, len(matrix.rows), trajectory.id)


def import_matrix(
    sheet_path: str | Path,
    paths: Iterable[str | os.PathLike[str]],
    config: Config,
    trajectory_id: str | None,
    out: str | Path,
    force: bool = False,
) -> ImportResult:
    """Read an edited matrix and write the trajectory's file, with its new allocations, to ``out``."""
    from trajectkit.loading import decode
    from trajectkit.output import write_atomic
    from trajectkit.spreadsheets import read_table
    from trajectkit.trajectory_writer import RewriteError, rewrite_trajectory

    table = read_table(sheet_path)
    catalogue, trajectory = load_trajectory(paths, config, trajectory_id, "the import")
    source = trajectory.source.document.path
    target = Path(out)
    _check_target(target, Path(source), Path(sheet_path), force)
    imported = read_matrix(table.rows, trajectory, catalogue, table.sheet)
    if not imported.ok:
        raise SheetProblems(Path(sheet_path).as_posix(), imported.problems)
    try:
        # Read as validate read it (BOM, UTF-16); it passed, so it decodes.
        text = decode(Path(source).read_bytes())
        new_text = rewrite_trajectory(text, source, trajectory, imported.allocations, imported.clusters)
    except OSError as error:
        raise UsageError(f"{source}: cannot read the trajectory file again: {error.strerror}") from error
    except RewriteError as error:
        raise UsageError(str(error)) from error
    try:
        write_atomic(target, new_text)
    except OSError as error:
        raise UsageError(f"{target}: cannot write: {error.strerror}") from error
    return ImportResult(target, trajectory.id, source, len(imported.allocations), len(imported.clusters))


def _check_target(target: Path, source: Path, sheet: Path, force: bool) -> None:
    """Never write over the trajectory's file or the sheet; other files only with ``--force``."""
    for protected, what in ((source, "the trajectory's own file"), (sheet, "the sheet being read")):
        if _same_file(target, protected):
            raise UsageError(
                f"{target}: that is {what}; write to a new file, check it with `trajectkit validate`, "
                "then replace the old one"
            )
    if target.exists() and not force:
        raise UsageError(f"{target}: already exists; choose another --out or add --force to replace it")


def _same_file(first: Path, second: Path) -> bool:
    try:
        if first.exists() and second.exists():
            return os.path.samefile(first, second)
    except OSError:
        pass
    return first.resolve() == second.resolve()
