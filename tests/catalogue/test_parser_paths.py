"""The fast path and the reference read every file alike: libyaml's C parser (PyYAML's
``CSafeLoader``, what trajectkit reads with where PyYAML was built with it) against
PyYAML's pure-Python parser, the reference implementation.

Both must give the same documents, with the same line and column for every key and
item, and the same findings, worded alike, on the samples, every test catalogue, the
hostile corpus and fuzzed edits of the samples; and ``validate`` the same report.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml_mutations import mutate, mutation

from trajectkit.catalogue import loading
from trajectkit.catalogue.documents import MarkedMap, MarkedSeq
from trajectkit.catalogue.files import Tally
from trajectkit.config import Config
from trajectkit.profile import load_profile
from trajectkit.validation.pipeline import validate

REPO = Path(__file__).resolve().parents[2]
CORPUS = sorted(
    path
    for folder in (REPO / "samples", REPO / "tests" / "data")
    for path in folder.rglob("*")
    if path.suffix in (".yaml", ".yml")
)
SAMPLES = sorted((REPO / "samples").rglob("*.yaml"))
PARSERS = {"c": yaml.CSafeLoader, "reference": yaml.SafeLoader}


def test_the_fast_parser_is_there() -> None:
    # The comparison means something only where PyYAML was built with libyaml, as its wheels are.
    assert loading.EventParser is yaml.CSafeLoader


def _shape(value: Any) -> Any:
    """A value with every mark it carries, comparable with ==."""
    if isinstance(value, MarkedMap):
        return (
            "map",
            value.mark,
            [(key, value.key_marks[key], _shape(item)) for key, item in value.items()],
            sorted(value.key_marks.items()),
        )
    if isinstance(value, MarkedSeq):
        return ("seq", value.mark, [_shape(item) for item in value], list(value.item_marks))
    return (type(value).__name__, value)


def _read(raw: bytes, parser: type, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as patch:
        patch.setattr(loading, "EventParser", parser)
        tally = Tally()
        documents, findings = loading.parse_bytes(raw, "file.yaml", tally=tally)
    return (
        [(document.index, document.mark, _shape(document.data)) for document in documents],
        [finding.as_dict() if hasattr(finding, "as_dict") else repr(finding) for finding in findings],
        (tally.documents, tally.nodes),
    )


def _both(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    return _read(raw, PARSERS["c"], monkeypatch), _read(raw, PARSERS["reference"], monkeypatch)


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.relative_to(REPO).as_posix())
def test_every_test_file_is_read_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, reference = _both(path.read_bytes(), monkeypatch)
    assert fast == reference


#: Corners where YAML parsers are known to part: escapes, tabs, directives, tags,
#: anchors, complex keys, odd line breaks, control characters and broken ends.
SNIPPETS = [
    'a: "\\/"\n',
    'a: "\\x01"\n',
    'a: "\\ud800\\udc00"\n',
    'a: "\\U0001F600"\n',
    'a: "\\N\\_\\L\\P\\e\\0\\a\\b\\v\\f"\n',
    'a: "\\q"\n',
    'a: "\\xZZ"\n',
    'a: "x\\\n  y"\n',
    "a: 'it''s'\n",
    "a: |\n  x\n b: 1\n",
    "a: >-\n  x\n\n  y\n",
    "? a\n: b\n",
    "- - - x\n",
    "{a: 1, b}\n",
    "[a, b]: 1\n",
    "a: !!binary aGVsbG8=\n",
    "a: &x 1\nb: *x\n",
    "&a a: b\n",
    "%YAML 1.1\n---\na: 1\n",
    "%YAML 1.3\n---\na: 1\n",
    "%TAG ! tag:x,2000:\n---\na: !foo 1\n",
    "a: b\n...\n---\nc: d\n",
    "a:\n  - b\n  -c\n",
    "a: 0o17\nb: 1_000\nc: 1:20\nd: .inf\ne: 2026-02-30\nf: 2026-01-01T10:00:00Z\n",
    'a: "unterminated\n',
    "a: {b: 1\n",
    "a: b: c\n",
    "- a\nb: 1\n",
    "a:\tb\n",
    "a: b\t\n",
    "a: b\t# c\nd: [e,\tf]\n",
    "\ta: b\n",
    "i\td: x\na: b\tc\n",
    "site: {website: https://example.org/?page=1}\nlist: [a?b, a ?b, ?c]\n",
    "{a?: 1, a?: 2}\n",
    "id: P?-1\nx: {b: P?-1}\n",
    "a:\n\t- b\n",
    'a: "\\t"\n',
    "a: \ufeffb\n",
    "\ufeffa: b\n",
    "a: b\r\nc: d\r\n",
    "a: b\rc: d\n",
    "a: @b\n",
    "a: `b\n",
    "a: b\x7f\n",
    'a: "\\u0000"\n',
    "a: x\u2028y\nb: 1\n",
    "a: " + "x" * 1100 + ": 1\n",
    "--- !!str\nfoo\n",
    "a: !<tag:yaml.org,2002:str> 1\n",
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_corners_are_read_alike(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, reference = _both(text.encode("utf-8"), monkeypatch)
    assert fast == reference


@settings(
    max_examples=int(os.environ.get("TRAJECTKIT_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=os.environ.get("TRAJECTKIT_FUZZ_EXAMPLES") is None,
)
@given(file=st.sampled_from(SAMPLES), edits=st.lists(mutation, min_size=1, max_size=4))
def test_fuzzed_samples_are_read_alike(file: Path, edits: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    raw = file.read_bytes()
    for edit in edits:
        raw = mutate(raw, edit)
    fast, reference = _both(raw, monkeypatch)
    assert fast == reference


def _reports(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    config = Config(profile=load_profile("flanders"))
    for parser in PARSERS.values():
        with monkeypatch.context() as patch:
            patch.setattr(loading, "EventParser", parser)
            report = validate([folder], config)
        yield json.dumps([problem.as_dict() for problem in report.problems], sort_keys=True)


@pytest.mark.parametrize("folder", ["samples", "tests/data"])
def test_validate_reports_alike(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, reference = _reports(REPO / folder, monkeypatch)
    assert fast == reference
    if folder == "tests/data":  # findings of every kind: the comparison is not of two empty lists
        assert len(json.loads(fast)) > 50
