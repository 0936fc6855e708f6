"""CSV for a Belgian Excel: --delimiter on every command that writes CSV, the BOM kept."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

ON = ("--on", "2026-09-01")


@pytest.mark.parametrize(
    "args",
    [
        ("stats", *ON),
        ("match", *ON),
        ("coverage", "--trajectory", "OT-00214"),
    ],
    ids=["stats", "match", "coverage"],
)
@pytest.mark.parametrize(("name", "separator"), [(";", ";"), ("tab", "\t")])
def test_delimiter_separates_the_same_cells(
    cli, samples: Path, args: tuple[str, ...], name: str, separator: str
) -> None:
    command, *rest = args
    plain = cli(command, samples, *rest, "--format", "csv")
    other = cli(command, samples, *rest, "--format", "csv", "--delimiter", name)
    assert other.exit_code == plain.exit_code, other.output
    assert list(csv.reader(io.StringIO(other.stdout), delimiter=separator)) == list(
        csv.reader(io.StringIO(plain.stdout))
    )
    assert separator in other.stdout.splitlines()[0]


def test_exported_matrix_keeps_its_bom_and_reads_back(cli, samples: Path, tmp_path: Path) -> None:
    result = cli("export", samples, "-o", "matrix.csv", "--delimiter", ";")
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "matrix.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfCompetence;Title;")
    assert b"\r\n" in raw
    back = cli("import", "matrix.csv", samples, "-o", "trajectory.yaml")
    assert back.exit_code == 0, back.output


@pytest.mark.parametrize(
    "args",
    [("stats", *ON), ("export", "--format", "case"), ("coverage", "--trajectory", "OT-00214", "--format", "json")],
)
def test_delimiter_without_csv_is_a_usage_error(cli, samples: Path, args: tuple[str, ...]) -> None:
    command, *rest = args
    result = cli(command, samples, *rest, "--delimiter", ";")
    assert result.exit_code == 2
    assert "--delimiter is for CSV" in result.stderr
