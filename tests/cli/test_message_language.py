"""Usage errors and the change lines of ``diff`` speak the terminal's language
(``TRAJECTKIT_LANG``, or ``--lang`` where it names the run's language); English stays
byte for byte what it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def catalogue(tmp_path: Path, samples: Path) -> Path:
    shutil.copytree(samples, tmp_path / "catalogue")
    return tmp_path / "catalogue"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def newer(catalogue: Path, tmp_path: Path) -> Path:
    """The catalogue with one change in a trajectory, a qualification and a learner."""
    folder = tmp_path / "newer"
    shutil.copytree(catalogue, folder)
    _edit(folder / "trajectories" / "OT-00214-afwerking-bouw-duaal.yaml", "  werkplek: 22", "  werkplek: 20")
    _edit(
        folder / "qualifications" / "BK-0130-5-stukadoor.yaml",
        "    title: Werkt in teamverband",
        "    title: Werkt in een team",
    )
    _edit(folder / "learners" / "L-2026-0001.yaml", "mentor: M-01 ", "mentor: M-02 ")
    return folder


CHANGE_LINES = {
    "nl": [
        "[hours] uren per week op werkplek gewijzigd van 22 naar 20",
        "[retitled] titel van competentie bkc0051279 gewijzigd van 'Werkt in teamverband' naar 'Werkt in een team'",
        "[placement-changed] plaatsing op WP-0001 gewijzigd: mentor M-01 → M-02",
    ],
    "en": [
        "[hours] hours per week at werkplek changed from 22 to 20",
        "[retitled] competence bkc0051279 retitled from 'Werkt in teamverband' to 'Werkt in een team'",
        "[placement-changed] placement at WP-0001 changed: mentor M-01 → M-02",
    ],
}


@pytest.mark.parametrize("language", sorted(CHANGE_LINES))
def test_diff_change_lines_speak_the_language(cli, catalogue: Path, newer: Path, language: str) -> None:
    result = cli("diff", catalogue, newer, "--lang", language)
    assert result.exit_code == 1, result.output
    for line in CHANGE_LINES[language]:
        assert line in result.stdout, (line, result.stdout)
    other = CHANGE_LINES["en" if language == "nl" else "nl"]
    assert not any(line in result.stdout for line in other)


def test_diff_json_keeps_the_change_kinds_as_identifiers(cli, catalogue: Path, newer: Path) -> None:
    dutch = cli("diff", catalogue, newer, "--lang", "nl", "--format", "json")
    english = cli("diff", catalogue, newer, "--lang", "en", "--format", "json")
    for kind in ('"hours"', '"retitled"', '"placement-changed"'):
        assert kind in dutch.stdout and kind in english.stdout
    assert "plaatsing op WP-0001 gewijzigd" in dutch.stdout
    assert "placement at WP-0001 changed" in english.stdout


#: Per case: the arguments after the catalogue, and the error in Dutch and in English.
USAGE_ERRORS = {
    "plan without learners": (
        ["plan", "{catalogue}", "-o", "plans"],
        "Fout: kies de leerlingen: --learner ID (herhaalbaar) of --all\n",
        "Error: choose the learners: --learner ID (repeatable) or --all\n",
    ),
    "plan with an unknown learner": (
        ["plan", "{catalogue}", "-o", "plans", "--learner", "L-9999-0001"],
        "onbekende leerling-id L-9999-0001; de catalogus bevat: L-2026-0001, ",
        "unknown learner id L-9999-0001; the catalogue has: L-2026-0001, ",
    ),
    "export to a name without a format": (
        ["export", "{catalogue}", "-o", "matrix.txt"],
        "Fout: matrix.txt: het formaat valt niet af te leiden uit de naam; gebruik --format xlsx of --format csv\n",
        "Error: matrix.txt: cannot tell the format from the name; use --format xlsx or --format csv\n",
    ),
    "import-competences with an empty title": (
        ["import-competences", "{list}", "--qualification", "BK-1", "--title", " ", "--level", "3", "-o", "q.yaml"],
        "Fout: --title mag niet leeg zijn\n",
        "Error: --title must not be empty\n",
    ),
    "import-competences without its options": (
        ["import-competences", "{list}", "-o", "q.yaml"],
        "Fout: een CSV-lijst heeft --qualification ID, --title TEKST en --level 1-8 nodig",
        "Error: a CSV list needs --qualification ID, --title TEXT and --level 1-8",
    ),
    "validate a path that is not there": (
        ["validate", "nothing-here"],
        "Fout: nothing-here: bestand of map bestaat niet\n",
        "Error: nothing-here: no such file or directory\n",
    ),
}


def _arguments(template: list[str], catalogue: Path, tmp_path: Path) -> list[str]:
    listing = tmp_path / "competences.csv"
    listing.write_text("id,title\nbkc1,Werkt veilig\n", encoding="utf-8")
    return [part.format(catalogue=catalogue, list=listing) for part in template]


@pytest.mark.parametrize("case", sorted(USAGE_ERRORS))
def test_usage_errors_speak_dutch(
    cli, catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    template, dutch, english = USAGE_ERRORS[case]
    arguments = _arguments(template, catalogue, tmp_path)
    plain = cli(*arguments)
    assert plain.exit_code == 2, plain.output
    assert english in plain.output
    monkeypatch.setenv("TRAJECTKIT_LANG", "nl")
    result = cli(*arguments)
    assert result.exit_code == 2, result.output
    assert dutch in result.output, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "q.yaml").exists() and not list((tmp_path / "plans").glob("*"))


def test_diff_with_nothing_to_compare_says_so_in_dutch(cli, tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    result = cli("diff", old, new, "--lang", "nl")
    assert result.exit_code == 2, result.output
    assert f"niets te vergelijken: noch {old} noch {new} bevat een standaardtraject of kwalificatie" in result.output


def test_a_yaml_finding_speaks_the_language_of_each_run(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The validation cache keeps no finding in the language of an earlier run."""
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "learner.yaml").write_text("kind: Learner\nid: L-1\nhours: !!int abc\n", encoding="utf-8")
    dutch = "learner.yaml:3:8: error [yaml-syntax] kan 'abc' niet lezen als int; schrijf een geheel getal, of verwijder de tag"
    english = "learner.yaml:3:8: error [yaml-syntax] cannot read 'abc' as int; write a whole number, or remove the tag"
    monkeypatch.setenv("TRAJECTKIT_LANG", "nl")
    first = cli("validate", folder)
    assert first.exit_code == 1 and dutch in first.stdout, first.output
    monkeypatch.delenv("TRAJECTKIT_LANG")
    second = cli("validate", folder)
    assert second.exit_code == 1 and english in second.stdout, second.output


def test_a_refused_file_says_why_in_dutch(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that is no YAML text, or too big, is refused in the run's language."""
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "binary.yaml").write_bytes(b"kind: Learner\n\x00\x01")
    (folder / "latin.yaml").write_bytes("kind: Learner\nname: Zo\xeb\n".encode("latin-1"))
    (folder / "trajectkit.yaml").write_text("limits: {max_file_bytes: 1024}\n", encoding="utf-8")
    (folder / "big.yaml").write_text("kind: Learner\n" + "# padding\n" * 200, encoding="utf-8")
    monkeypatch.setenv("TRAJECTKIT_LANG", "nl")
    result = cli("validate", folder)
    assert result.exit_code == 1, result.output
    assert "[yaml-syntax] binair bestand (NUL-byte); een cataloogbestand moet YAML-tekst zijn" in result.stdout
    assert "geen geldige UTF-8-tekst (byte 0xeb); bewaar het bestand als UTF-8" in result.stdout
    assert "bestand is 2,014 bytes, boven de grens van 1,024; splits het in kleinere bestanden" in result.stdout
