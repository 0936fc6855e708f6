"""Every value in a catalogue has a bound in its schema, and a value past it is a finding.

Huge but otherwise valid values (a capacity of 10^400, a 20,000-character name) used to
pass ``validate`` and then crash ``match``, ``stats`` and ``diff`` or keep ``plan``
rendering for minutes. The walk below fails as soon as a schema gains a number without
a ``maximum`` or a string without a ``maxLength``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from plan_support import TRAJECTORY, copy_samples, edit

from trajectkit.cli import main
from trajectkit.resources import schemas_dir

SCHEMAS = sorted(schemas_dir().glob("*.schema.json"))
FORMATS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("type", [])
    return {kind} if isinstance(kind, str) else set(kind)


def unbounded(node: Any, path: str = "", key_names: bool = False) -> Iterator[str]:
    """The JSON pointers of numbers without both bounds and strings (keys included) without a length."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from unbounded(item, f"{path}/{index}")
        return
    if not isinstance(node, dict):
        return
    fixed = "enum" in node or "const" in node
    if not fixed and _types(node) & {"integer", "number"} and not {"minimum", "maximum"} <= node.keys():
        yield f"{path}: a number without minimum and maximum"
    if not fixed and ("string" in _types(node) or key_names) and "maxLength" not in node:
        yield f"{path}: a string without maxLength"
    for key, child in node.items():
        yield from unbounded(child, f"{path}/{key}", key_names=key == "propertyNames")


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda path: path.name)
def test_every_number_and_string_of_every_schema_is_bounded(schema: Path) -> None:
    assert list(unbounded(json.loads(schema.read_text(encoding="utf-8")))) == []


def test_the_walk_finds_what_is_unbounded() -> None:
    found = list(unbounded({"properties": {"a": {"type": "integer", "minimum": 1}, "b": {"type": "string"}}}))
    assert found == [
        "/properties/a: a number without minimum and maximum",
        "/properties/b: a string without maxLength",
    ]
    assert list(unbounded({"propertyNames": {"pattern": "^x$"}})) == ["/propertyNames: a string without maxLength"]


def test_the_format_reference_states_every_bound_of_the_catalogue_kinds() -> None:
    page = FORMATS.read_text(encoding="utf-8")
    bounds: set[int] = set()
    for schema in SCHEMAS:
        if schema.name.startswith(("config", "profile")):
            continue
        for match in re.finditer(r'"(?:maxLength|maximum)": (\d+)', schema.read_text(encoding="utf-8")):
            bounds.add(int(match.group(1)))
    missing = sorted(value for value in bounds if f"{value:,}" not in page and f"10^{len(str(value))}" not in page)
    assert missing == []


# --------------------------------------------------------------------------- through the commands

# Past every schema maximum, but a whole number the loader reads (longer ones are refused
# while reading, before any schema check: tests/cli/test_one_line_inputs.py).
HUGE = "1" + "0" * 18
LONG_NAME = "Yusuf" + "x" * 20_000
EDITS = {
    "capacity": ("workplaces/WP-0001-pleisterwerken-van-de-velde.yaml", "capacity: 2 ", f"capacity: {HUGE} "),
    "school_years": (TRAJECTORY, "school_years: 2", f"school_years: {HUGE}"),
    "weeks": (TRAJECTORY, "weeks: 10", f"weeks: {HUGE}"),
    "hours_per_week": (TRAJECTORY, "  school: 12", f"  school: {HUGE}"),
    "name": ("learners/L-2026-0001.yaml", "name: Yusuf Demir", f"name: {LONG_NAME}"),
    "evidence": ("learners/L-2026-0003.yaml", "evidence: VCA-basisattest", "evidence: " + "VCA " * 5_000),
}
MESSAGES = {
    "capacity": "capacity: 1,000,000,000,000,000,000 is more than the maximum of 10,000",
    "school_years": "school_years: 1,000,000,000,000,000,000 is more than the maximum of 12",
    "weeks": "weeks: 1,000,000,000,000,000,000 is more than the maximum of 520",
    "hours_per_week": "hours_per_week.school: 1,000,000,000,000,000,000 is more than the maximum of 168",
    "name": "name: 20,005 characters, more than the 500 allowed; shorten it",
    "evidence": "prior_learning[0].evidence: 20,031 characters, more than the 10,000 allowed; shorten it",
}


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tmp_path


@pytest.mark.parametrize("field", sorted(EDITS))
def test_a_value_past_its_bound_is_a_finding_and_no_command_answers_from_it(isolated: Path, field: str) -> None:
    folder = copy_samples(isolated)
    path, old, new = EDITS[field]
    edit(folder / path, old, new)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(folder), "--no-cache"])
    assert result.exit_code == 1, result.output
    assert f"{path.split('/')[-1]}:" in result.output and MESSAGES[field] in result.output
    out = isolated / "out"
    for args in (
        ["match", str(folder), "--on", "2026-10-01"],
        ["stats", str(folder), "--on", "2026-10-01"],
        ["plan", str(folder), "--all", "--format", "html", "--out", str(out)],
    ):
        ran = runner.invoke(main, args)
        assert ran.exit_code == 1, (args, ran.output)
        assert ran.exception is None or isinstance(ran.exception, SystemExit), (args, ran.exception)
        assert ("refused" if args[0] == "plan" else MESSAGES[field].split(":")[0]) in ran.output
    assert not any("x" * 600 in page.read_text(encoding="utf-8") for page in out.glob("*.html"))
