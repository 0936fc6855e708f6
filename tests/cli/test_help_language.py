"""``--help`` and click's own words in the language of the run: TRAJECTKIT_LANG, else the
configured ``language:``, else the locale; English stays as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from trajectkit.cli import main
from trajectkit.cli.click_words import WORDS, plurals
from trajectkit.cli.language import help_texts
from trajectkit.translation import po_path

REPO = Path(__file__).resolve().parents[2]


def trajectkit(*args: str, cwd: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("LC_ALL", "LC_MESSAGES", "TRAJECTKIT_LANG")}
    env.update(environment)
    return subprocess.run(
        [str(Path(sys.executable).parent / "trajectkit"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_validate_help_in_a_flemish_locale(tmp_path: Path) -> None:
    result = trajectkit("validate", "--help", cwd=tmp_path, LANG="nl_BE.UTF-8")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("Gebruik: trajectkit validate [OPTIONS] PATHS...\n")
    assert "Controleer catalogusbestanden en -mappen" in text  # the command's help
    assert "\nOpties:\n" in text
    assert "Faal (afsluitcode 1) ook bij waarschuwingen." in text  # an option's help
    assert "Toon deze hulp en stop." in text  # click's own help option
    assert "[standaard: auto]" in text
    for english in ("Usage:", "Options:", "Show this message and exit.", "Fail (exit 1)", "default:"):
        assert english not in text


def test_validate_help_in_english_is_unchanged(tmp_path: Path) -> None:
    result = trajectkit("validate", "--help", cwd=tmp_path, LANG="C.UTF-8")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: trajectkit validate [OPTIONS] PATHS...\n")
    assert "\nOptions:\n" in result.stdout
    assert "Fail (exit 1) on warnings too." in result.stdout
    assert "Show this message and exit." in result.stdout
    assert "[default: auto]" in result.stdout


def test_a_usage_error_in_dutch(tmp_path: Path) -> None:
    result = trajectkit("validate", "--bogus", ".", cwd=tmp_path, LANG="C.UTF-8", TRAJECTKIT_LANG="nl")
    assert result.returncode == 2
    assert "Probeer 'trajectkit validate --help' voor hulp." in result.stderr
    assert "Fout: Onbekende optie '--bogus'." in result.stderr
    assert "No such option" not in result.stderr


def test_the_configured_language_speaks_in_help(cli, tmp_path: Path) -> None:
    (tmp_path / "trajectkit.yaml").write_text("language: nl\n", encoding="utf-8")
    dutch = cli("--help")
    assert dutch.stdout.startswith("Gebruik: main [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nOpdrachten:\n" in dutch.stdout
    assert "Controleer catalogusbestanden en -mappen" in dutch.stdout  # validate's short help
    assert "Ontbrekend argument 'PATHS...'" in cli("coverage").stderr


def test_trajectkit_lang_wins_over_the_configuration(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "trajectkit.yaml").write_text("language: nl\n", encoding="utf-8")
    monkeypatch.setenv("TRAJECTKIT_LANG", "en")
    assert cli("stats", "--help").stdout.startswith("Usage: main stats")


def test_one_process_switches_back_and_forth(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Click keeps each command's help option once made: its help is translated when
    shown, so a Dutch run leaves no Dutch behind for the next English one."""
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert "Toon deze hulp en stop." in cli("scenario", "--help").stdout
    monkeypatch.setenv("LANG", "C.UTF-8")
    english = cli("scenario", "--help").stdout
    assert "Show this message and exit." in english
    assert "Toon" not in english


def test_version_is_quick_in_any_language(tmp_path: Path) -> None:
    """`--version` reads no catalog: Babel is not even imported."""
    code = (
        "import sys\nfrom trajectkit.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('babel' in sys.modules, 'trajectkit.config' in sys.modules)"
    )
    env = {**os.environ, "LANG": "nl_BE.UTF-8"}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "False False", result.stdout + result.stderr


def _dutch_catalog() -> dict[str, object]:
    with po_path("nl").open("rb") as file:
        catalog = read_po(file, locale="nl")
    return {
        (entry.id if isinstance(entry.id, str) else entry.id[0]): entry.string
        for entry in catalog
        if entry.id and not entry.fuzzy
    }


def test_every_help_text_has_a_dutch_translation() -> None:
    translated = {key for key, value in _dutch_catalog().items() if value}
    texts = set(help_texts(main))
    assert len(texts) > 50
    missing = sorted(texts - translated)
    assert not missing, f"run scripts/messages.sh and translate: {missing}"


def test_click_words_are_spelled_as_click_spells_them() -> None:
    folder = Path(click.__file__).parent
    spoken: set[str] = set()
    for path in folder.glob("*.py"):
        for _, message, _, _ in extract_from_file("python", str(path), keywords={"_": None, "ngettext": (1, 2)}):
            spoken.add(message if isinstance(message, str) else message[0])
    marked = {*WORDS, *plurals()}
    assert marked <= spoken, sorted(marked - spoken)
