"""Schema checking: messages on the offending node, and a fast path that is never looser."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import fastjsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trajectkit.catalogue.kinds import KIND_SCHEMAS
from trajectkit.catalogue.loading import load_paths, parse_bytes
from trajectkit.catalogue.schema import check_document, fast_validator, validator

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
DOCUMENTS = load_paths([SAMPLES]).documents


def problems(text: str) -> list[tuple[int, int, str]]:
    (document,), _ = parse_bytes(text.encode(), "f.yaml")
    return [(f.location.line, f.location.column, f.message) for f in check_document(document)]


def test_unknown_key_is_reported_at_the_key_with_a_suggestion() -> None:
    text = "kind: Workplace\nid: WP-1\nname: X\nmentors:\n  - id: M-1\n    naam: Y\n"
    ((line, column, message),) = [found for found in problems(text) if "unknown key" in found[2]]
    assert (line, column) == (6, 5)
    assert "unknown key 'naam'" in message and "did you mean 'name'?" in message


def test_missing_key_is_reported_at_its_mapping() -> None:
    text = "kind: Workplace\nid: WP-1\nname: X\nmentors:\n  - id: M-1\n    name: Y\n    experience_years: 6\n"
    assert problems(text) == [(5, 5, "mentors[0]: missing required key 'birth_date'")]


def test_bad_dates_and_enumerations_name_the_value() -> None:
    text = (
        "kind: Learner\nid: L-1\nname: A\nbirth_date: 2009-02-30\ntrajectory: T\n"
        "start: 2026-09-01\nend: 2028-06\nlanguage: fr\n"
    )
    found = problems(text)
    assert (4, 1) in [(line, column) for line, column, _ in found]
    assert any(line == 7 and "write YYYY-MM-DD" in message for line, _, message in found)
    assert any(line == 8 and "'fr' is not allowed" in message for line, _, message in found)


def test_unknown_kind_suggests_the_closest() -> None:
    assert problems("kind: Learnr\nid: x\n") == [
        (1, 1, f"unknown kind 'Learnr' (did you mean 'Learner'?); one of {', '.join(KIND_SCHEMAS)}")
    ]


def test_x_keys_are_free() -> None:
    assert (
        problems("kind: Workplace\nid: WP-1\nname: X\nx-note: anything\nsite: {municipality: Gent, x-floor: 2}\n") == []
    )


def test_every_schema_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    validator.cache_clear()
    fast_validator.cache_clear()
    for document in DOCUMENTS * 3:
        check_document(document)
    assert fast_validator.cache_info().misses == len({d.data["kind"] for d in DOCUMENTS})


_MUTATIONS = st.sampled_from(["delete", "null", "number", "text", "list", "unknown", "bad-date", "negative"])


def _mutate(data, path: list, how: str):
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "delete" and isinstance(parent, dict):
        del parent[last]
    elif how == "unknown" and isinstance(parent, dict):
        parent["unknwn"] = 1
    else:
        parent[last] = {
            "null": None,
            "number": 7,
            "text": "zeven",
            "list": ["a"],
            "bad-date": "2025-02-30",
            "negative": -1,
            "delete": None,
            "unknown": {"a": 1},
        }[how]


def _paths(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield [*prefix, key]
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield [*prefix, index]
            yield from _paths(value, (*prefix, index))


@settings(
    max_examples=int(os.environ.get("TRAJECTKIT_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.data())
def test_fast_path_never_accepts_what_jsonschema_rejects(data) -> None:
    document = data.draw(st.sampled_from(DOCUMENTS))
    plain = copy.deepcopy(_plain(document.data))
    paths = list(_paths(plain))
    for _ in range(data.draw(st.integers(1, 3))):
        _mutate(plain, data.draw(st.sampled_from(paths)), data.draw(_MUTATIONS))
        paths = list(_paths(plain)) or [["kind"]]
    schema = KIND_SCHEMAS[document.data["kind"]]
    try:
        fast_validator(schema)(plain)
        fast_ok = True
    except fastjsonschema.JsonSchemaException:
        fast_ok = False
    if fast_ok:
        assert list(validator(schema).iter_errors(plain)) == []


def _plain(node):
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node
