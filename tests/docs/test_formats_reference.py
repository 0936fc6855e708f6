"""docs/formats.md is the user's format reference: checked against the schemas.

Every example on the page is accepted (read without findings, no schema error), every
kind has one, and every field of every schema appears in an example of its kind, so a
field added to a schema without a word in the reference fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from trajectkit.catalogue.kinds import KIND_SCHEMAS
from trajectkit.catalogue.loading import parse_bytes
from trajectkit.catalogue.schema import check_document, load_schema
from trajectkit.config import read_config

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "formats.md"
EXAMPLES = re.findall(r"```yaml\n(.*?)```", REFERENCE.read_text(encoding="utf-8"), flags=re.S)

Path_ = tuple[str, ...]


def _kind_of(text: str) -> str:
    match = re.search(r"^kind: (\w+)", text, re.M)
    return match.group(1) if match else "config"


def _data(text: str) -> Any:
    documents, findings = parse_bytes(text.encode(), "formats.md")
    assert findings == [], findings
    return documents[0].data


def _schema_paths(
    schema: dict[str, Any], node: dict[str, Any], path: Path_ = (), seen: tuple[str, ...] = ()
) -> Iterator[Path_]:
    """Every field path the schema allows: property names, ``[]`` for items, ``*`` for free keys."""
    ref = node.get("$ref")
    if ref is not None:
        if seen.count(ref) >= 2:  # a recursive definition (profile threshold groups): two levels
            return
        target: Any = schema
        for step in ref.removeprefix("#/").split("/"):
            target = target[step]
        yield from _schema_paths(schema, target, path, (*seen, ref))
    for key in ("anyOf", "oneOf", "allOf"):
        for option in node.get(key, []):
            yield from _schema_paths(schema, option, path, seen)
    for key in ("then", "else"):  # the two forms of a learner's school
        if isinstance(node.get(key), dict):
            yield from _schema_paths(schema, node[key], path, seen)
    for name, child in node.get("properties", {}).items():
        yield (*path, name)
        yield from _schema_paths(schema, child, (*path, name), seen)
    if isinstance(node.get("items"), dict):
        yield from _schema_paths(schema, node["items"], (*path, "[]"), seen)
    if isinstance(node.get("additionalProperties"), dict):
        yield from _schema_paths(schema, node["additionalProperties"], (*path, "*"), seen)


def _data_paths(data: Any, path: Path_ = ()) -> Iterator[Path_]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, str(key))
            yield from _data_paths(value, (*path, str(key)))
    elif isinstance(data, list):
        for item in data:
            yield from _data_paths(item, (*path, "[]"))


def _shown(field: Path_, examples: set[Path_]) -> bool:
    """Whether an example has ``field``; ``*`` stands for one or more free keys (groups nest)."""
    pattern = re.compile(
        "/".join(r"[^/]+(?:/[^/]+)*" if step == "*" else re.escape(step) for step in field) + "(?:/.*)?"
    )
    return any(pattern.fullmatch("/".join(seen)) for seen in examples)


def test_every_document_kind_has_an_example() -> None:
    assert {_kind_of(text) for text in EXAMPLES} == {*KIND_SCHEMAS, "config"}


@pytest.mark.parametrize("text", [text for text in EXAMPLES if "kind:" in text], ids=_kind_of)
def test_every_document_example_passes_its_schema(text: str) -> None:
    documents, findings = parse_bytes(text.encode(), "formats.md")
    assert findings == []
    for document in documents:
        assert check_document(document) == []


@pytest.mark.parametrize("kind", [*KIND_SCHEMAS, "config"])
def test_every_schema_field_appears_in_an_example(kind: str) -> None:
    schema = load_schema(KIND_SCHEMAS.get(kind, "config"))
    shown = {path for text in EXAMPLES if _kind_of(text) == kind for path in _data_paths(_data(text))}
    missing = sorted(".".join(field) for field in set(_schema_paths(schema, schema)) if not _shown(field, shown))
    assert missing == [], f"docs/formats.md shows no example of these {kind} fields"


def test_the_configuration_example_is_read(tmp_path: Path) -> None:
    (text,) = [text for text in EXAMPLES if _kind_of(text) == "config"]
    path = tmp_path / "trajectkit.yaml"
    path.write_text(text)
    config = read_config(path)
    assert config.profile.id == "flanders"
    assert str(config.levels["mentor-training-overdue"]) == "error"
    assert str(config.levels["learning-without-school-preparation"]) == "off"
    assert config.profile.value("mentor.min_age") == 23
