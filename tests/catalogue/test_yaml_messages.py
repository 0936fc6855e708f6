"""PyYAML's syntax errors in the language of the run, with the rule id kept English."""

from __future__ import annotations

from pathlib import Path

import pytest

from trajectkit.catalogue.yaml_messages import KNOWN, in_run_language
from trajectkit.translation import SOURCE_LANGUAGE, set_language

#: A broken file, and the Dutch finding for it (line, column, message).
CASES = {
    "mapping-in-a-value.yaml": (
        "kind: Learner\nid: a: b\n",
        "2:6: error [yaml-syntax] een waarde van een mapping (sleutel: waarde) mag hier niet staan",
    ),
    "unclosed-list.yaml": (
        "kind: Learner\nlist: [1, 2\n",
        "2:7: error [yaml-syntax] bij het lezen van een lijst tussen [ ] begonnen op regel 2, kolom 7: "
        "',' of ']' verwacht, maar '<stream end>' gevonden voor het einde van het bestand; sluit het af",
    ),
    "key-after-a-list.yaml": (
        "kind: Learner\nitems:\n  - a\n bad: 1\n",
        "4:2: error [yaml-syntax] bij het lezen van een mapping begonnen op regel 1, kolom 1: "
        "<block end> verwacht, maar '<block mapping start>' gevonden",
    ),
    "at-sign.yaml": (
        "kind: Learner\nid: @x\n",
        "2:5: error [yaml-syntax] bij het zoeken naar het volgende element: teken '@' gevonden waarmee niets kan beginnen",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_syntax_error_in_dutch(cli, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text, expected = CASES[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    result = cli("validate", "--no-cache", name)
    assert result.exit_code == 1
    assert f"{name}:{expected}\n" in result.output, result.output


def test_english_stays_pyyaml_s_own_words(cli, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("kind: Learner\nid: a: b\n", encoding="utf-8")
    result = cli("validate", "--no-cache", "broken.yaml")
    # the reference parser's words (loading.REFERENCE_PARSER), whichever parser found the error
    assert "broken.yaml:2:6: error [yaml-syntax] mapping values are not allowed here\n" in result.output


def test_the_pure_python_parser_s_wording_too() -> None:
    set_language("nl")
    try:
        assert in_run_language("mapping values are not allowed here") == (
            "een waarde van een mapping (sleutel: waarde) mag hier niet staan"
        )
        assert in_run_language("could not find expected ':'") == "verwachte ':' niet gevonden"
        assert in_run_language("found character '@' that cannot start any token") == (
            "teken '@' gevonden waarmee niets kan beginnen"
        )
        assert in_run_language("expected <block end>, but found '<scalar>'") == (
            "<block end> verwacht, maar '<scalar>' gevonden"
        )
        assert in_run_language("something PyYAML may say one day") == "something PyYAML may say one day"
        assert all(in_run_language(words) != words for words in KNOWN)
    finally:
        set_language(SOURCE_LANGUAGE)
