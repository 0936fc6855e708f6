"""``trajectkit export``: a trajectory's allocation matrix as a spreadsheet (.xlsx or .csv)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from trajectkit.commands.common import load_trajectory


@dataclass(frozen=True)
class ExportOptions:
    paths: tuple[str, ...]
    out: str
    trajectory_id: str | None = None
    file_format: str | None = None
    config_path: str | None = None
    profile: str | None = None


def run(options: ExportOptions) -> int:
    """Write the matrix (``sheets.matrix``) in the chosen file format (``sheets.workbook``)."""
    from trajectkit.config import load_config
    from trajectkit.sheets.matrix import build_matrix
    from trajectkit.sheets.workbook import format_for, write_matrix

    chosen = format_for(options.out, options.file_format)
    config = load_config(options.config_path, options.profile)
    catalogue, trajectory = load_trajectory(options.paths, config, options.trajectory_id, "the export")
    matrix = build_matrix(catalogue, trajectory)
    write_matrix(matrix, options.out, chosen)
    click.echo(f"wrote {Path(options.out).as_posix()}: {len(matrix.rows)} competences of {trajectory.id} ({chosen})")
    return 0
