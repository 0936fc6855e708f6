"""Allocation matrix to xlsx/csv and back; competences from CSV; bad cells by sheet, row, column."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from trajectkit.config import load_config
from trajectkit.validation.pipeline import check_catalogue

TRAJECTORY = "catalogue/trajectories/OT-00214-afwerking-bouw-duaal.yaml"
PLACES = ("school", "opleidingscentrum", "werkplek")
HEADERS = [
    "Competence",
    "Title",
    "Qualification",
    "Cluster",
    "Phase",
    "school (school)",
    "opleidingscentrum (training-centre)",
    "werkplek (workplace)",
    "Requires",
]


@pytest.fixture
def catalogue(tmp_path: Path, samples: Path, cli) -> Path:
    shutil.copytree(samples, tmp_path / "catalogue")
    return tmp_path / "catalogue"


def trajectory_data(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def trajectory_model(folder: Path, replace_with: Path | None = None):
    """The trajectory as validate models it, optionally from ``replace_with`` instead of the file."""
    if replace_with is not None:
        shutil.copy(replace_with, folder / "trajectories" / "OT-00214-afwerking-bouw-duaal.yaml")
    catalogue, report = check_catalogue([folder], load_config())
    return catalogue.trajectories["OT-00214"], report


def expected_mark(allocation: dict, place: str) -> str:
    return ("L" if place in allocation["at"] else "") + ("A" if place in allocation["assessed_by"] else "")


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


# --- export ----------------------------------------------------------------------


def test_export_csv_has_one_row_per_allocation_with_the_marks(cli, catalogue: Path, tmp_path: Path) -> None:
    result = cli("export", "catalogue", "--trajectory", "OT-00214", "--out", "m.csv")
    assert result.exit_code == 0, result.output
    rows = read_csv(tmp_path / "m.csv")
    assert rows[0] == HEADERS
    data = trajectory_data(tmp_path / TRAJECTORY)
    allocations = data["allocations"]
    assert [row[0] for row in rows[1:]] == [item["competence"] for item in allocations]
    clusters = {c: cluster["id"] for cluster in data["clusters"] for c in cluster["competences"]}
    for row, allocation in zip(rows[1:], allocations, strict=True):
        assert row[3] == clusters[allocation["competence"]]
        assert row[4] == allocation.get("phase", "")
        assert row[5:8] == [expected_mark(allocation, place) for place in PLACES]
        assert row[8] == ", ".join(allocation.get("requires", []))
    # Titles and qualifications come from the qualification files.
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["bkc0051279"][1:3] == ["Werkt in teamverband", "BK-0130-5"]
    assert by_id["ET-NL-01"][2] == "OK-afwerking-bouw-duaal"
    assert (tmp_path / "m.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8


def test_export_xlsx_layout_validation_and_same_bytes(cli, catalogue: Path, tmp_path: Path) -> None:
    assert cli("export", "catalogue", "--out", "m.xlsx").exit_code == 0  # the only trajectory
    assert cli("export", "catalogue", "--out", "again.xlsx").exit_code == 0
    assert (tmp_path / "m.xlsx").read_bytes() == (tmp_path / "again.xlsx").read_bytes()
    workbook = openpyxl.load_workbook(tmp_path / "m.xlsx")
    assert workbook.sheetnames == ["Allocations", "Legend"]
    sheet = workbook["Allocations"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "C2"
    assert all(cell.font.b for cell in sheet[1])
    rows = sheet.max_row
    assert rows == 1 + len(trajectory_data(tmp_path / TRAJECTORY)["allocations"])
    validations = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    for letter in "FGH":  # the three learning places
        rule = validations[f"{letter}2:{letter}{rows + 200}"]
        assert rule.type == "list" and rule.formula1 == '"L,A,LA"' and rule.errorStyle == "stop"
    phase_rule = validations[f"E2:E{rows + 200}"]
    legend = workbook["Legend"]
    first, last = phase_rule.formula1.split("!")[1].replace("$A$", "").split(":")
    assert [legend[f"A{n}"].value for n in range(int(first), int(last) + 1)] == ["instap", "verdieping", "afronding"]
    assert validations[f"D2:D{rows + 200}"].errorStyle == "warning"  # several clusters allowed
    with pytest.raises(KeyError):
        validations["B2"]


def test_export_without_a_known_trajectory_is_a_usage_error(cli, catalogue: Path) -> None:
    unknown = cli("export", "catalogue", "--trajectory", "OT-99999", "--out", "m.xlsx")
    assert unknown.exit_code == 2 and "no trajectory 'OT-99999'" in unknown.output and "OT-00214" in unknown.output
    assert cli("export", "catalogue", "--out", "m.ods").exit_code == 2
    assert cli("export", "catalogue", "--out", "catalogue/trajectories").exit_code == 2  # a folder


def test_export_refuses_a_structurally_broken_trajectory(cli, catalogue: Path, tmp_path: Path) -> None:
    path = tmp_path / TRAJECTORY
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    assessed_by: [school]\n", "    assessed_by: [school, kantoor]\n", 1
        ),
        encoding="utf-8",
    )
    result = cli("export", "catalogue", "--out", "m.xlsx")
    assert result.exit_code == 1
    assert "unknown-learning-place" in result.output and not (tmp_path / "m.xlsx").exists()


# --- round trips -----------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_round_trip_gives_the_same_trajectory_and_file(cli, catalogue: Path, tmp_path: Path, suffix: str) -> None:
    original = (tmp_path / TRAJECTORY).read_bytes()
    before, _ = trajectory_model(catalogue)
    assert cli("export", "catalogue", "--out", f"m.{suffix}").exit_code == 0
    result = cli("import", f"m.{suffix}", "catalogue", "--trajectory", "OT-00214", "--out", "new.yaml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new.yaml").read_bytes() == original
    after, report = trajectory_model(catalogue, tmp_path / "new.yaml")
    assert after == before and report.problems == ()


def _edit_workbook(path: Path, edits: dict[tuple[str, str], str | None]) -> None:
    """Set cells by (competence id, header); a competence not in the sheet gets a new row."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Allocations"]
    headers = [cell.value for cell in sheet[1]]
    rows = {sheet.cell(row=n, column=1).value: n for n in range(2, sheet.max_row + 1)}
    for (competence, header), value in edits.items():
        if competence not in rows:
            rows[competence] = sheet.max_row + 1
            sheet.cell(row=rows[competence], column=1, value=competence)
        sheet.cell(row=rows[competence], column=headers.index(header) + 1, value=value)
    workbook.save(path)


def test_edits_in_the_workbook_become_the_new_allocations(cli, catalogue: Path, tmp_path: Path) -> None:
    assert cli("export", "catalogue", "--out", "m.xlsx").exit_code == 0
    _edit_workbook(
        tmp_path / "m.xlsx",
        {
            ("bkc0051279", "werkplek (workplace)"): "L",  # no longer assessed at the workplace
            ("bkc0051282", "Phase"): "instap",  # moved one phase earlier
            ("bkc0051282", "opleidingscentrum (training-centre)"): "la",  # lower case is fine
            ("bkc0051290", "Requires"): "bkc0051288",  # one prerequisite less
            ("bkc0051300", "Cluster"): "CL3, CL2",  # also in CL2
        },
    )
    result = cli("import", "m.xlsx", "catalogue", "--out", "new.yaml")
    assert result.exit_code == 0, result.output
    before, _ = trajectory_model(catalogue)
    after, report = trajectory_model(catalogue, tmp_path / "new.yaml")
    changed = {"bkc0051279", "bkc0051282", "bkc0051290"}
    old = {item.competence: item for item in before.allocations}
    new = {item.competence: item for item in after.allocations}
    assert [item.competence for item in after.allocations] == [item.competence for item in before.allocations]
    assert all(new[c] == old[c] for c in old if c not in changed)
    assert new["bkc0051279"].at == ("school", "werkplek") and new["bkc0051279"].assessed_by == ("school",)
    assert new["bkc0051282"].phase == "instap"
    assert new["bkc0051282"].at == ("school", "opleidingscentrum", "werkplek")
    assert new["bkc0051282"].assessed_by == ("school", "opleidingscentrum", "werkplek")
    assert new["bkc0051290"].requires == ("bkc0051288",)
    clusters = {cluster.id: cluster.competences for cluster in after.clusters}
    assert clusters["CL2"] == (*{c.id: c for c in before.clusters}["CL2"].competences, "bkc0051300")
    assert clusters["CL3"] == {c.id: c for c in before.clusters}["CL3"].competences
    # bkc0051300 in two clusters, and CL2 (part of the certificate of BK-0130-5-DBK-01)
    # now holds a competence outside that partial qualification
    assert {problem.rule for problem in report.problems} == {"cluster-overlap", "certificate-cluster-mismatch"}
    text = (tmp_path / "new.yaml").read_text(encoding="utf-8")
    # Unchanged items keep their comments; a changed one keeps the comment after its first line.
    assert "  - competence: bkc0051280    # Veiligheid, milieu, kwaliteit en welzijn\n" in text
    assert "  - competence: bkc0051290    # Natte bepleistering\n    at: [school, werkplek]\n" in text
    assert "  # --- Phase afronding ---\n" in text
    assert text.count("\n") == (tmp_path / TRAJECTORY).read_text(encoding="utf-8").count("\n")


def test_a_required_competence_without_allocation_gets_a_row_to_fill_in(cli, catalogue: Path, tmp_path: Path) -> None:
    path = tmp_path / TRAJECTORY
    text = path.read_text(encoding="utf-8")
    removed = "  - competence: ET-MAV-01\n    at: [school]\n    assessed_by: [school]\n    phase: verdieping\n"
    path.write_text(text.replace(removed, ""), encoding="utf-8")
    assert cli("validate", "catalogue").exit_code == 1  # uncovered-competence
    assert cli("export", "catalogue", "--out", "m.csv").exit_code == 0
    rows = read_csv(tmp_path / "m.csv")
    (row,) = [row for row in rows if row[0] == "ET-MAV-01"]
    assert row[3:9] == ["CL6", "", "", "", "", ""]  # still in its cluster, no marks yet
    row[4:8] = ["verdieping", "LA", "", ""]
    write_csv(tmp_path / "m.csv", rows, delimiter=";")  # as Excel writes it in Belgium
    assert cli("import", "m.csv", "catalogue", "--out", "new.yaml").exit_code == 0
    after, report = trajectory_model(catalogue, tmp_path / "new.yaml")
    assert report.problems == ()
    assert after.allocations[-1].competence == "ET-MAV-01" and after.allocations[-1].phase == "verdieping"
    assert "  - competence: ET-MAV-01\n    at: [school]\n    assessed_by: [school]\n    phase: verdieping\n" in (
        tmp_path / "new.yaml"
    ).read_text(encoding="utf-8")


def test_other_documents_of_the_file_stay_as_they_were(cli, catalogue: Path, tmp_path: Path) -> None:
    learner = catalogue / "learners" / "L-2026-0005.yaml"
    extra = learner.read_text(encoding="utf-8")
    learner.unlink()
    path = tmp_path / TRAJECTORY
    path.write_text(path.read_text(encoding="utf-8") + "---\n" + extra, encoding="utf-8")
    assert cli("export", "catalogue", "--out", "m.csv").exit_code == 0
    rows = read_csv(tmp_path / "m.csv")
    rows[1][7] = ""  # bkc0051279 no longer at the workplace
    write_csv(tmp_path / "m.csv", rows)
    assert cli("import", "m.csv", "catalogue", "--out", "new.yaml").exit_code == 0
    new = (tmp_path / "new.yaml").read_text(encoding="utf-8")
    assert new.endswith("---\n" + extra)
    assert "  - competence: bkc0051279    # Werkt in teamverband\n    at: [school]\n    assessed_by: [school]\n" in new


# --- bad cells -------------------------------------------------------------------


def test_bad_cells_are_reported_by_sheet_row_and_column(cli, catalogue: Path, tmp_path: Path) -> None:
    assert cli("export", "catalogue", "--out", "m.xlsx").exit_code == 0
    workbook = openpyxl.load_workbook(tmp_path / "m.xlsx")
    sheet = workbook["Allocations"]
    sheet["H1"] = "werkplaats"  # unknown learning place (was werkplek)
    sheet["F3"] = "X"  # unknown mark, row of bkc0051280
    sheet["A5"] = "bkc0051279"  # duplicate of row 2
    sheet["A7"] = None  # missing id; the row still has marks
    sheet["E8"] = "later"  # unknown phase
    sheet["D9"] = "CL9"  # unknown cluster
    workbook.save(tmp_path / "m.xlsx")
    result = cli("import", "m.xlsx", "catalogue", "--out", "new.yaml")
    assert result.exit_code == 1
    assert not (tmp_path / "new.yaml").exists()
    lines = [line.strip() for line in result.output.splitlines() if line.startswith("  m.xlsx:")]
    where = [line.split(": ", 2)[1] for line in lines]
    assert where == [
        "sheet 'Allocations', row 1, column H (werkplaats)",
        "sheet 'Allocations', row 1, column J",  # no column left for the place werkplek
        "sheet 'Allocations', row 3, column F (school (school))",
        "sheet 'Allocations', row 5, column A (Competence)",
        "sheet 'Allocations', row 7, column A (Competence)",
        "sheet 'Allocations', row 8, column E (Phase)",
        "sheet 'Allocations', row 9, column D (Cluster)",
    ]
    text = "\n".join(lines)
    assert "unknown learning place 'werkplaats'; did you mean 'werkplek'?" in text
    assert "no column for learning place 'werkplek'" in text
    assert "unknown mark 'X'" in text
    assert "duplicate competence row: bkc0051279 is already on row 2" in text
    assert "missing competence id" in text
    assert "unknown phase 'later'" in text and "unknown cluster 'CL9'" in text


def test_bad_rows_in_csv(cli, catalogue: Path, tmp_path: Path) -> None:
    assert cli("export", "catalogue", "--out", "m.csv").exit_code == 0
    rows = read_csv(tmp_path / "m.csv")
    rows[1][5:8] = ["", "", "A"]  # assessed, learned nowhere (and the school does not assess)
    rows[2][0] = "bkc 0051280"  # not an id
    rows[3][0] = "bkc0059999"  # not in the catalogue
    rows[4][8] = "bkc0051280, nope"  # unknown prerequisite
    rows.append(["", "", "", "", "", "", "", "", "", "stray"])  # a value beyond the headers, no id
    write_csv(tmp_path / "m.csv", rows)
    result = cli("import", "m.csv", "catalogue", "--out", "new.yaml")
    assert result.exit_code == 1
    lines = [line.strip() for line in result.output.splitlines() if line.startswith("  m.csv:")]
    assert [line.split(": ", 2)[1] for line in lines] == [
        "row 2, column F (school (school))",
        "row 3, column A (Competence)",
        "row 4, column A (Competence)",
        "row 5, column I (Requires)",
        "row 34, column A (Competence)",
        "row 34, column J",
    ]
    assert "bkc0051279 is learned nowhere" in lines[0]
    assert "unknown competence 'nope'" in lines[3]


def test_a_cluster_left_empty_is_reported(cli, catalogue: Path, tmp_path: Path) -> None:
    assert cli("export", "catalogue", "--out", "m.csv").exit_code == 0
    rows = read_csv(tmp_path / "m.csv")
    for row in rows[1:]:
        if row[3] == "CL5":
            row[3] = "CL4"
    write_csv(tmp_path / "m.csv", rows)
    result = cli("import", "m.csv", "catalogue", "--out", "new.yaml")
    assert (
        result.exit_code == 1
        and "row 1, column D (Cluster): cluster CL5 (Wandtegels plaatsen) has no competence left" in result.output
    )


def test_import_never_writes_over_its_inputs(cli, catalogue: Path, tmp_path: Path) -> None:
    assert cli("export", "catalogue", "--out", "m.csv").exit_code == 0
    original = (tmp_path / TRAJECTORY).read_bytes()
    for target in (TRAJECTORY, f"./catalogue/../{TRAJECTORY}"):
        result = cli("import", "m.csv", "catalogue", "--out", target, "--force")
        assert result.exit_code == 2 and "that is the trajectory's own file" in result.output
    assert (tmp_path / TRAJECTORY).read_bytes() == original
    assert cli("import", "m.csv", "catalogue", "--out", "m.csv", "--force").exit_code == 2
    (tmp_path / "taken.yaml").write_text("mine\n", encoding="utf-8")
    refused = cli("import", "m.csv", "catalogue", "--out", "taken.yaml")
    assert refused.exit_code == 2 and "--force" in refused.output
    assert cli("import", "m.csv", "catalogue", "--out", "taken.yaml", "--force").exit_code == 0
    assert (tmp_path / "taken.yaml").read_bytes() == original


def test_unreadable_sheets_are_usage_errors(cli, catalogue: Path, tmp_path: Path) -> None:
    (tmp_path / "fake.xlsx").write_bytes(b"not a zip file")
    result = cli("import", "fake.xlsx", "catalogue", "--out", "new.yaml")
    assert result.exit_code == 2 and "not an .xlsx workbook" in result.output
    (tmp_path / "latin.csv").write_bytes("Competence;Title\nbkc0051279;Werkt in \xe9quipe\n".encode("latin-1"))
    result = cli("import", "latin.csv", "catalogue", "--out", "new.yaml")
    assert result.exit_code == 2 and "CSV UTF-8" in result.output
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    assert cli("import", "empty.csv", "catalogue", "--out", "new.yaml").exit_code == 1


# --- competences from CSV --------------------------------------------------------


def test_import_competences_writes_a_valid_qualification(cli, tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text(
        "id,title,knowledge,skills\n"
        "bkc1,Werkt veilig,PBM; Pictogrammen ;,Risico's melden\n"
        'bkc2,"Plaatst tegels: recht, visgraat",,\n'
        "0130,yes,,\n",
        encoding="utf-8",
    )
    result = cli(
        "import-competences",
        "c.csv",
        "--qualification",
        "BK-9999-1",
        "--title",
        "Tegelzetter",
        "--level",
        "3",
        "--out",
        "bk.yaml",
    )
    assert result.exit_code == 0, result.output
    assert cli("validate", "bk.yaml").exit_code == 0
    catalogue, _ = check_catalogue([tmp_path / "bk.yaml"], load_config())
    (qualification,) = catalogue.professional_qualifications.values()
    assert (qualification.id, qualification.title, qualification.level) == ("BK-9999-1", "Tegelzetter", 3)
    assert [(c.id, c.title, c.knowledge, c.skills) for c in qualification.competences] == [
        ("bkc1", "Werkt veilig", ("PBM", "Pictogrammen"), ("Risico's melden",)),
        ("bkc2", "Plaatst tegels: recht, visgraat", (), ()),
        ("0130", "yes", (), ()),  # quoted in the file, so they stay text
    ]
    assert (
        cli(
            "import-competences",
            "c.csv",
            "--qualification",
            "BK-9999-1",
            "--title",
            "T",
            "--level",
            "3",
            "--out",
            "bk.yaml",
        ).exit_code
        == 2
    )


def test_import_competences_reports_bad_cells(cli, tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text(
        "id;titel;kennis\nbkc1;Werkt veilig;\n;Zonder id;\nbkc1;Tweede;\nbkc3;;\n", encoding="utf-8"
    )
    result = cli(
        "import-competences", "c.csv", "--qualification", "BK-1", "--title", "T", "--level", "3", "--out", "bk.yaml"
    )
    assert result.exit_code == 1 and not (tmp_path / "bk.yaml").exists()
    lines = [line.strip().split(": ", 1)[1] for line in result.output.splitlines() if line.startswith("  c.csv:")]
    assert lines == [
        "row 3, column A (id): missing competence id",
        "row 4, column A (id): duplicate competence id bkc1, already on row 2",
        "row 5, column B (titel): missing title for bkc3",
    ]
    (tmp_path / "d.csv").write_text("code,name\nbkc1,Werkt\n", encoding="utf-8")
    unknown = cli(
        "import-competences", "d.csv", "--qualification", "BK-1", "--title", "T", "--level", "3", "--out", "bk.yaml"
    )
    assert unknown.exit_code == 1
    assert "row 1, column B (name): unknown column 'name'" in unknown.output and "no 'title' column" in unknown.output


def test_a_trajectory_written_as_json_is_rewritten_from_its_data(cli, catalogue: Path, tmp_path: Path) -> None:
    import json

    path = tmp_path / TRAJECTORY
    path.write_text(json.dumps(trajectory_data(path), indent=2, default=str), encoding="utf-8")
    before, report = trajectory_model(catalogue)
    assert report.problems == ()
    assert cli("export", "catalogue", "--out", "m.csv").exit_code == 0
    rows = read_csv(tmp_path / "m.csv")
    rows[1][7] = "L"  # bkc0051279 no longer assessed at the workplace
    write_csv(tmp_path / "m.csv", rows)
    assert cli("import", "m.csv", "catalogue", "--out", "new.yaml").exit_code == 0
    after, report = trajectory_model(catalogue, tmp_path / "new.yaml")
    assert report.problems == ()
    assert after.allocations[0].assessed_by == ("school",)
    assert after.allocations[1:] == before.allocations[1:] and after.clusters == before.clusters
    assert (after.hours_per_week, after.phases, after.certificates) == (
        before.hours_per_week,
        before.phases,
        before.certificates,
    )


def test_windows_line_ends_are_kept(cli, catalogue: Path, tmp_path: Path) -> None:
    path = tmp_path / TRAJECTORY
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert cli("export", "catalogue", "--out", "m.csv").exit_code == 0
    assert cli("import", "m.csv", "catalogue", "--out", "same.yaml").exit_code == 0
    assert (tmp_path / "same.yaml").read_bytes() == path.read_bytes()
    rows = read_csv(tmp_path / "m.csv")
    rows[1][7] = "L"
    write_csv(tmp_path / "m.csv", rows)
    assert cli("import", "m.csv", "catalogue", "--out", "new.yaml").exit_code == 0
    data = (tmp_path / "new.yaml").read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") == path.read_bytes().count(b"\r\n")
    assert b"    assessed_by: [school]\r\n" in data


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_a_dutch_sheet_reads_back_the_same(
    cli, catalogue: Path, tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a Dutch locale the headers, sheet names and legend are Dutch and a CSV is
    separated by `;` (Belgian Excel); import reads either language back."""
    original = (tmp_path / TRAJECTORY).read_bytes()
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert cli("export", "catalogue", "--out", f"m.{suffix}").exit_code == 0
    if suffix == "csv":
        first = (tmp_path / "m.csv").read_text(encoding="utf-8-sig").splitlines()[0]
        assert first.startswith("Competentie;Titel;Kwalificatie;Cluster;Fase;school (school);")
    else:
        workbook = openpyxl.load_workbook(tmp_path / "m.xlsx")
        assert workbook.sheetnames == ["Toewijzingen", "Legende"]
        assert [cell.value for cell in workbook["Toewijzingen"][1]][:5] == [
            "Competentie",
            "Titel",
            "Kwalificatie",
            "Cluster",
            "Fase",
        ]
        assert workbook["Legende"]["A3"].value == "Teken"
    monkeypatch.setenv("LANG", "C.UTF-8")
    result = cli("import", f"m.{suffix}", "catalogue", "--trajectory", "OT-00214", "--out", "new.yaml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new.yaml").read_bytes() == original


def test_lang_and_delimiter_win_over_the_locale(cli, catalogue: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert cli("export", "catalogue", "--out", "m.csv", "--lang", "en", "--delimiter", ",").exit_code == 0
    assert read_csv(tmp_path / "m.csv")[0] == HEADERS
    refused = cli("export", "catalogue", "--format", "case", "--lang", "nl")
    assert refused.exit_code == 2 and "--lang is voor xlsx en csv" in refused.output  # the locale speaks Dutch
