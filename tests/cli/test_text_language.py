"""The text output of every analysing command speaks the run's language: ``--lang``, else
the configuration's ``language:``, else the locale; English stays as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

#: Per command: its arguments after the catalogue, words its Dutch text must hold, and
#: English headers it must no longer hold.
COMMANDS = {
    "coverage": (
        ["--trajectory", "OT-00214"],
        ["Dekking van OT-00214", "leerplek", "competenties", "kloof", "Cellen: L daar geleerd"],
        ["Coverage of", "learning place", "Cells:", "professional competences"],
    ),
    "attest": (
        ["--learner", "L-2026-0001"],
        ["heeft 2 competentie(s): 2 bereikt, 0 vrijgesteld", "Hoogste bewijs:", "Behaald:", "Volgende trede:"],
        ["Highest certificate", "Earned:", "Next rung", "attained"],
    ),
    "stats": (
        ["--on", "2026-12-03"],
        ["Aanbod duaal leren op 2026-12-03", "Per niveau en sector", "Leerlingen per traject", "totaal"],
        ["Dual-learning offer", "Per level", "Learners per trajectory", "Mentors without training"],
    ),
    "match": (
        ["--on", "2026-12-03"],
        [
            "Koppeling op 2026-12-03: 1 van 1 leerling zonder werkplek geplaatst",
            "Geplaatst (1)",
            "niet in dezelfde provincie (geteld als 100 km); erkend voor OT-00214 van 2025-09-01 tot 2030-08-31",
        ],
        ["Matching on", "Placed (", "km in total", "recognised for", "counted as"],
    ),
    "scenario": (
        ["--on", "2026-12-03", "--without", "WP-0001"],
        [
            "Scenario: zonder werkplek WP-0001, op 2026-12-03",
            "verliest WP-0001",
            "(Kortrijk, West-Vlaanderen, elders): 1 van 2 vrij",
            "geen vrije plaats (1 van 1 bezet)",
            "Zonder plaats",
            "gingen in deze run allemaal naar andere leerlingen",
        ],
        ["Scenario: without", " loses ", "free\n", "Left without a place", "elsewhere", "no free place"],
    ),
    "progress": (
        ["--on", "2026-12-03"],
        ["Voortgang op 2026-12-03", "leerling", "bereikt", "heeft achterstand op"],
        ["Progress on", "attained", "is behind on"],
    ),
}


@pytest.fixture
def catalogue(tmp_path: Path, samples: Path) -> Path:
    shutil.copytree(samples, tmp_path / "catalogue")
    return tmp_path / "catalogue"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_lang_nl_gives_dutch_text(cli, catalogue: Path, command: str) -> None:
    arguments, dutch, english = COMMANDS[command]
    result = cli(command, catalogue, *arguments, "--lang", "nl")
    assert result.exit_code in (0, 1), result.output
    for words in dutch:
        assert words in result.stdout, (words, result.stdout)
    for words in english:
        assert words not in result.stdout, (words, result.stdout)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_lang_en_is_the_default_text(cli, catalogue: Path, command: str) -> None:
    arguments, _, english = COMMANDS[command]
    plain = cli(command, catalogue, *arguments)
    explicit = cli(command, catalogue, *arguments, "--lang", "en")
    assert explicit.stdout == plain.stdout
    assert english[0] in plain.stdout


def test_the_configured_language_is_the_default_and_lang_wins(cli, catalogue: Path) -> None:
    (catalogue / "trajectkit.yaml").write_text("language: nl\n", encoding="utf-8")
    dutch = cli("coverage", catalogue, "--trajectory", "OT-00214")
    assert dutch.stdout.startswith("Dekking van OT-00214 Afwerking bouw duaal\n")
    english = cli("coverage", catalogue, "--trajectory", "OT-00214", "--lang", "en")
    assert english.stdout.startswith("Coverage of OT-00214 Afwerking bouw duaal\n")


def test_diff_speaks_dutch(cli, catalogue: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer"
    shutil.copytree(catalogue, newer)
    trajectory = next((newer / "trajectories").glob("*.yaml"))
    text = trajectory.read_text(encoding="utf-8")
    trajectory.write_text(text.replace("  werkplek: 22", "  werkplek: 20", 1), encoding="utf-8")
    result = cli("diff", catalogue, newer, "--lang", "nl")
    assert "Leerlingen die een gewijzigd traject volgen:" in result.stdout, result.stdout
    assert "1 wijziging(en) in 1 van 11 document(en); 6 leerling(en) getroffen" in result.stdout
    assert "1 wijziging(en) bereiken deze leerling" in result.stdout
    assert "change(s) in" not in result.stdout and "reach this learner" not in result.stdout
    unchanged = cli("diff", catalogue, catalogue, "--lang", "nl")
    assert unchanged.stdout == "Geen wijzigingen.\n0 wijziging(en) in 0 van 11 document(en); geen leerling getroffen\n"
