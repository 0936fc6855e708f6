"""The file format specification is a contract: each of its examples must be accepted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trajectkit.config import read_config
from trajectkit.loading import parse_bytes
from trajectkit.schema_check import KIND_SCHEMAS, check_document

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "formats.md"
pytestmark = pytest.mark.skipif(not SPEC.is_file(), reason="the specification is kept beside the repository")


def examples() -> list[str]:
    if not SPEC.is_file():
        return []
    return re.findall(r"```yaml\n(.*?)```", SPEC.read_text(encoding="utf-8"), flags=re.S)


def test_the_specification_has_examples_for_every_document_kind() -> None:
    kinds = {re.search(r"^kind: (\w+)", text, re.M).group(1) for text in examples() if "kind:" in text}
    assert kinds == set(KIND_SCHEMAS) - {"Profile"}


@pytest.mark.parametrize("text", [text for text in examples() if "kind:" in text], ids=lambda t: t.split()[1])
def test_every_document_example_passes_its_schema(text: str) -> None:
    documents, findings = parse_bytes(text.encode(), "formats.md")
    assert findings == []
    for document in documents:
        assert check_document(document) == []


def test_the_configuration_example_is_read(tmp_path: Path) -> None:
    (text,) = [text for text in examples() if text.startswith("profile:")]
    path = tmp_path / "trajectkit.yaml"
    path.write_text(text)
    config = read_config(path)
    assert config.profile.id == "flanders"
    assert str(config.levels["mentor-training-overdue"]) == "error"
    assert str(config.levels["learning-without-school-preparation"]) == "off"
