"""One translation mechanism: gettext catalogs (Babel) for every text trajectkit prints
besides the plan's words, complete in Dutch, and the language each document is in."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from trajectkit.translation import LANGUAGES, SOURCE_LANGUAGE, document_language, po_path, terminal_language

REPO = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def extracted() -> set[str]:
    """Every message of the code and the templates, as `scripts/messages.sh` extracts them."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    found: set[str] = set()
    for _, _, message, _, _ in extract_from_dir(str(REPO), method_map, options_map):
        found.add(message if isinstance(message, str) else message[0])
    return found


def catalog(language: str):
    with po_path(language).open("rb") as file:
        return read_po(file, locale=language)


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_message_has_a_translation(language: str) -> None:
    messages = extracted()
    assert len(messages) > 30  # the extraction found the templates and the code
    translated = {
        (entry.id if isinstance(entry.id, str) else entry.id[0]): entry
        for entry in catalog(language)
        if entry.id and not entry.fuzzy and all(entry.string if isinstance(entry.string, tuple) else [entry.string])
    }
    missing = sorted(messages - set(translated))
    assert not missing, f"no {language} translation (run scripts/messages.sh, then translate): {missing}"


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_translations_keep_their_placeholders(language: str) -> None:
    for entry in catalog(language):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        expected = set().union(*(PLACEHOLDER.findall(text) for text in ids))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) <= expected, (entry.id, text)
            assert text.count("%%") == ids[0].count("%%") or "%" not in ids[0], (entry.id, text)


def test_the_language_policy() -> None:
    nl_locale = {"LANG": "nl_BE.UTF-8"}
    assert document_language("en", "nl", ["nl"], nl_locale) == "en"  # --lang wins
    assert document_language(None, "nl", ["en"], {}) == "nl"  # then language:
    assert document_language(None, None, ["en", "en"], nl_locale) == "en"  # then the learners'
    assert document_language(None, None, ["en", "nl"], nl_locale) == "nl"  # then the locale
    assert document_language(None, None, [], {"LANG": "C.UTF-8"}) == "en"
    assert terminal_language(None, {"LC_ALL": "nl_NL.UTF-8", "LANG": "en_GB.UTF-8"}) == "nl"
    assert terminal_language(None, {"LANG": "fr_FR.UTF-8"}) == "en"
    assert terminal_language("nl", {"LANG": "C"}) == "nl"


def html_lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', html)
    assert found, html[:200]
    return found.group(1)


def test_coverage_map_in_dutch_and_english(cli, samples: Path) -> None:
    dutch = cli("coverage", samples, "--trajectory", "OT-00214", "--format", "html", "--lang", "nl")
    english = cli("coverage", samples, "--trajectory", "OT-00214", "--format", "html", "--lang", "en")
    assert dutch.exit_code == english.exit_code == 0, dutch.output + english.output
    assert html_lang(dutch.output) == "nl-BE" and html_lang(english.output) == "en-GB"
    assert "<h2>Leerplekken</h2>" in dutch.output and "Learning places" not in dutch.output
    assert "<h2>Learning places</h2>" in english.output and "Leerplekken" not in english.output


def test_the_configured_language_is_the_default(cli, samples: Path, tmp_path: Path) -> None:
    config = tmp_path / "trajectkit.yaml"
    config.write_text(yaml.safe_dump({"language": "en"}), encoding="utf-8")
    result = cli("coverage", samples, "--trajectory", "OT-00214", "--format", "html", "--config", config)
    assert result.exit_code == 0, result.output
    assert html_lang(result.output) == "en-GB"
    config.write_text(yaml.safe_dump({"language": "fr"}), encoding="utf-8")
    refused = cli("coverage", samples, "--trajectory", "OT-00214", "--format", "html", "--config", config)
    assert refused.exit_code == 2 and "language" in refused.output


def test_stats_dashboard_in_dutch_and_english(cli, samples: Path) -> None:
    dutch = cli("stats", samples, "--on", "2025-01-15", "--format", "html", "--lang", "nl")
    english = cli("stats", samples, "--on", "2025-01-15", "--format", "html", "--lang", "en")
    assert dutch.exit_code == english.exit_code == 0, dutch.output + english.output
    assert html_lang(dutch.output) == "nl-BE" and html_lang(english.output) == "en-GB"
    assert "Duaal aanbod" in dutch.output and "15 januari 2025" in dutch.output
    assert "1 standaardtraject, 3 werkplekken" in dutch.output  # the plural forms of the catalog
    assert "Dual-learning offer" in english.output and "Duaal aanbod" not in english.output


def test_attest_follows_lang_over_the_learners_language(cli, samples: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    texts = {}
    for language in ("nl", "en"):
        target = tmp_path / f"{language}.pdf"
        result = cli("attest", samples, "--learner", "L-2026-0001", "--format", "pdf", "--lang", language, "-o", target)
        assert result.exit_code == 0, result.output
        reader = PdfReader(target)
        texts[language] = "".join(page.extract_text() for page in reader.pages)
        assert reader.trailer["/Root"]["/Lang"] == {"nl": "nl-BE", "en": "en-GB"}[language]
    assert "Behaalde kwalificatiebewijzen" in texts["nl"] and "Certificates earned" not in texts["nl"]
    assert "Certificates earned" in texts["en"] and "Behaalde" not in texts["en"]


def test_dutch_hyphenation_in_the_heatmap(cli, samples: Path, tmp_path: Path) -> None:
    """With lang nl, WeasyPrint breaks the learning place 'opleidingscentrum' as Dutch does."""
    from pypdf import PdfReader

    target = tmp_path / "coverage.pdf"
    result = cli("coverage", samples, "--trajectory", "OT-00214", "--format", "pdf", "--lang", "nl", "-o", target)
    assert result.exit_code == 0, result.output
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "opleidings\u2010" in text or "opleidings-" in text, text[:2000]
    assert "opleiding\u2010\nscentrum" not in text and "opleiding-\nscentrum" not in text


def test_csv_takes_semicolons_for_a_dutch_reader(cli, samples: Path, tmp_path: Path) -> None:
    (tmp_path / "nl").mkdir()
    config = tmp_path / "nl" / "trajectkit.yaml"
    config.write_text("language: nl\n", encoding="utf-8")
    base = ("coverage", samples, "--trajectory", "OT-00214", "--format", "csv", "--config", config)
    dutch = cli(*base)
    assert dutch.exit_code == 0 and dutch.output.lstrip("\ufeff").split("\n")[0].count(";") > 3, dutch.output
    chosen = cli(*base, "--delimiter", ",")
    assert chosen.exit_code == 0 and ";" not in chosen.output.lstrip("\ufeff").split("\n")[0]
    english = cli("coverage", samples, "--trajectory", "OT-00214", "--format", "csv")  # learners are Dutch, LANG=C
    assert ";" not in english.output.lstrip("\ufeff").split("\n")[0]


def test_terminal_messages_follow_the_locale_and_the_config(cli, samples: Path, tmp_path: Path, monkeypatch) -> None:
    assert cli("validate", samples).output.strip().endswith("0 errors, 0 warnings in 16 files")  # LANG=C
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert cli("validate", samples).output.strip().endswith("0 fouten, 0 waarschuwingen in 16 bestanden")
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")  # LC_ALL wins over LANG, as gettext reads them
    assert cli("validate", samples).output.strip().endswith("0 errors, 0 warnings in 16 files")
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "trajectkit.yaml").write_text("language: nl\n", encoding="utf-8")
    configured = cli("validate", samples, "--config", tmp_path / "nl" / "trajectkit.yaml")
    assert configured.output.strip().endswith("0 fouten, 0 waarschuwingen in 16 bestanden")


def test_rule_ids_and_json_fields_stay_english(cli, samples: Path, tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "catalogue"
    shutil.copytree(samples, broken)
    learner = broken / "learners" / "L-2026-0001.yaml"
    learner.write_text(learner.read_text(encoding="utf-8") + "extra: 1\nextra: 2\n", encoding="utf-8")
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    text = cli("validate", broken)
    assert ": error [duplicate-key] " in text.output and "2 fouten, 0 waarschuwingen" in text.output
    report = json.dumps(json.loads(cli("validate", broken, "--format", "json").output))
    assert '"rule": "duplicate-key"' in report and '"level": "error"' in report


def test_the_readme_dutch_example_prints_what_it_shows(cli, samples: Path, tmp_path: Path, monkeypatch) -> None:
    from readme_snippets import section, snippets

    (block,) = [block for block in snippets(section("Language: Dutch and English")) if block.language == "console"]
    command, *shown = block.text.splitlines()
    setting, program, *args = command.removeprefix("$ ").split()
    assert program == "trajectkit" and setting.startswith("LANG=")
    shutil.copytree(samples, tmp_path / "samples")
    monkeypatch.setenv("LANG", setting.removeprefix("LANG="))
    assert cli(*args).output.splitlines() == shown


def test_plan_takes_the_configured_language_over_the_learners(cli, samples: Path, tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    config = tmp_path / "en" / "trajectkit.yaml"
    config.write_text("language: en\n", encoding="utf-8")
    result = cli(
        "plan", samples, "--learner", "L-2026-0001", "--format", "html", "--out", tmp_path / "plans", "--config", config
    )
    assert result.exit_code == 0, result.output
    assert html_lang((tmp_path / "plans" / "L-2026-0001.html").read_text(encoding="utf-8")) == "en-GB"
    assert cli("plan", samples, "--learner", "L-2026-0001", "--format", "html", "--out", tmp_path / "nl").exit_code == 0
    assert html_lang((tmp_path / "nl" / "L-2026-0001.html").read_text(encoding="utf-8")) == "nl-BE"  # the learner's


def test_findings_speak_the_runs_language(cli, samples: Path, tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "catalogue"
    shutil.copytree(samples, broken)
    learner = broken / "learners" / "L-2026-0001.yaml"
    text = learner.read_text(encoding="utf-8").replace("mentor: M-01 ", "mentor: M-99 ")
    learner.write_text(text + "x_note_typo: 1\nnotes: yes\n", encoding="utf-8")
    english = cli("validate", broken).output  # LANG=C: the messages as the rules write them
    assert "mentor of workplace WP-0001 'M-99' is not in the catalogue" in english
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    dutch = cli("validate", broken).output  # the same files, so a cached English report must not answer
    assert "mentor van werkplek WP-0001 'M-99' staat niet in de catalogus" in dutch
    assert "onbekende sleutel 'notes' in Learner" in dutch and "toegelaten: " in dutch
    assert "[unresolved-reference]" in dutch and "[schema]" in dutch  # ids stay English
    assert "is not in the catalogue" not in dutch and "unknown key" not in dutch
    monkeypatch.setenv("LANG", "C")
    (tmp_path / "trajectkit.yaml").write_text("language: nl\n", encoding="utf-8")
    configured = cli("validate", broken, "--config", tmp_path / "trajectkit.yaml").output
    assert "mentor van werkplek WP-0001 'M-99' staat niet in de catalogus" in configured
