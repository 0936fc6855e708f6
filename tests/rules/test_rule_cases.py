"""Data-driven rule tests, as sqlfluff does them: one YAML case file per rule.

Each case copies the valid base catalogue in ``tests/data/rules/base/`` to a
temporary folder, applies text edits (every ``replace`` must occur exactly once),
adds extra files, writes ``trajectkit.yaml`` when the case has a ``config``, runs
``check_catalogue`` and compares the problems of the case's rule -- file, line and
column -- with ``expect``, exactly; a problem a ``# trajectkit: disable…`` comment
silences is not counted. Other rules may fire as well; they have their own case files.

A case with ``xfail: <reason>`` documents behaviour believed wrong: it is run
as a strict xfail, so the suite turns red once the rule is fixed and the mark
can go.

Case file layout (``tests/data/rules/cases/<rule-id>.yaml``)::

    rule: school-not-assessing
    cases:
      - name: assessed only at the workplace
        edits:
          - {file: trajectory.yaml, replace: "assessed_by: [school]  # t-a2-by", with: "assessed_by: [werkplek]"}
        config: {today: 2027-01-01}          # optional
        files: {extra.yaml: "kind: ..."}     # optional; or {text: ..., encoding: latin-1, repeat: 3}
        expect:                              # [] for a case that must pass
          - {file: trajectory.yaml, line: 44, column: 5, message_contains: [werkplek]}
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from trajectkit.config import Config, read_config
from trajectkit.errors import UsageError
from trajectkit.problems import Level, Problem
from trajectkit.profile import load_profile
from trajectkit.rules import LOAD_RULES, RULES
from trajectkit.validation.pipeline import check_catalogue, validate
from trajectkit.validation.report import Report

DATA = Path(__file__).resolve().parents[1] / "data" / "rules"
BASE = DATA / "base"
CASES = DATA / "cases"

_CASE_KEYS = {"name", "edits", "config", "files", "expect", "xfail"}
_EDIT_KEYS = {"file", "replace", "with"}
_EXPECT_KEYS = {"file", "line", "column", "message_contains"}
_FILE_KEYS = {"text", "encoding", "repeat"}


@dataclass(frozen=True)
class Expected:
    file: str
    line: int
    column: int
    message_contains: tuple[str, ...] = ()

    @property
    def place(self) -> tuple[str, int, int]:
        return (self.file, self.line, self.column)


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    edits: tuple[dict[str, str], ...] = ()
    config: dict[str, Any] | None = None
    files: dict[str, Any] = field(default_factory=dict)
    expect: tuple[Expected, ...] = ()
    xfail: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.name}"

    @property
    def fails(self) -> bool:
        return bool(self.expect)


def _read_case_file(path: Path) -> tuple[str, list[Case]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) == {"rule", "cases"}, f"{path.name}: needs exactly `rule` and `cases`"
    rule = data["rule"]
    cases = []
    for raw in data["cases"]:
        unknown = set(raw) - _CASE_KEYS
        assert not unknown, f"{path.name}: case {raw.get('name')!r} has unknown keys {sorted(unknown)}"
        assert "name" in raw and "expect" in raw, f"{path.name}: every case needs `name` and `expect`"
        for edit in raw.get("edits") or ():
            assert set(edit) == _EDIT_KEYS, f"{path.name}: {raw['name']}: an edit has exactly {sorted(_EDIT_KEYS)}"
        for spec in (raw.get("files") or {}).values():
            if isinstance(spec, dict):
                assert set(spec) <= _FILE_KEYS and "text" in spec, f"{path.name}: {raw['name']}: bad file spec"
        expected = []
        for item in raw["expect"] or ():
            assert set(item) <= _EXPECT_KEYS and {"file", "line", "column"} <= set(item), (
                f"{path.name}: {raw['name']}: an expected problem has file, line, column (and message_contains)"
            )
            expected.append(
                Expected(
                    item["file"],
                    item["line"],
                    item["column"],
                    tuple(str(part) for part in item.get("message_contains") or ()),
                )
            )
        cases.append(
            Case(
                rule=rule,
                name=raw["name"],
                edits=tuple(raw.get("edits") or ()),
                config=raw.get("config"),
                files=dict(raw.get("files") or {}),
                expect=tuple(expected),
                xfail=raw.get("xfail"),
            )
        )
    return rule, cases


def _all_case_files() -> dict[str, list[Case]]:
    return dict(_read_case_file(path) for path in sorted(CASES.glob("*.yaml")))


def _all_cases() -> Iterator[Case]:
    for cases in _all_case_files().values():
        yield from cases


ALL_CASES = list(_all_cases())


# --------------------------------------------------------------------------- running a case


def build_catalogue_dir(case: Case, target: Path, extra_rules: dict[str, Any] | None = None) -> Config:
    """Write the case's catalogue (and config) under ``target``; return the config to run with."""
    shutil.copytree(BASE, target, dirs_exist_ok=True)
    for edit in case.edits:
        path = target / edit["file"]
        text = path.read_text(encoding="utf-8")
        count = text.count(edit["replace"])
        assert count == 1, f"{case.id}: {edit['replace']!r} occurs {count} times in {edit['file']}, not once"
        path.write_text(text.replace(edit["replace"], edit["with"]), encoding="utf-8")
    for name, spec in case.files.items():
        if isinstance(spec, dict):
            text = spec["text"] * int(spec.get("repeat", 1))
            data = text.encode(spec.get("encoding", "utf-8"))
        else:
            data = str(spec).encode("utf-8")
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(data)
    config = dict(case.config or {})
    if extra_rules:
        config["rules"] = {**config.get("rules", {}), **extra_rules}
    if not config:
        return Config(profile=load_profile("flanders"))
    config_path = target / "trajectkit.yaml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return read_config(config_path)


def relative(problem: Problem, root: Path) -> str:
    return Path(problem.path).relative_to(root).as_posix()


def run_case(case: Case, root: Path, extra_rules: dict[str, Any] | None = None) -> Report:
    config = build_catalogue_dir(case, root, extra_rules)
    _, report = check_catalogue([root], config)
    return report


def _show(problems: list[Problem], root: Path) -> str:
    return (
        "\n".join(f"  {relative(p, root)}:{p.line}:{p.column} [{p.rule}] {p.message}" for p in problems) or "  (none)"
    )


def _param(case: Case) -> Any:
    # A case marked `xfail: <reason>` records a behaviour we believe is wrong; it
    # must keep failing (strict) until the rule is fixed and the mark removed.
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in ALL_CASES])
def test_rule_case(case: Case, tmp_path: Path) -> None:
    report = run_case(case, tmp_path)
    mine = sorted(
        (p for p in report.shown if p.rule == case.rule), key=lambda p: (relative(p, tmp_path), p.line, p.column)
    )
    found = [(relative(p, tmp_path), p.line, p.column) for p in mine]
    wanted = sorted(expected.place for expected in case.expect)
    assert found == wanted, (
        f"{case.id}: expected {wanted}, found {found}\nall problems:\n{_show(list(report.problems), tmp_path)}"
    )
    for problem in mine:
        assert problem.message.strip(), f"{case.id}: empty message at {problem.line}:{problem.column}"
        assert problem.level is not Level.OFF
    # Each expected problem claims one found problem at its place whose message
    # holds all of its `message_contains` parts.
    unused = list(mine)
    for expected in sorted(case.expect, key=lambda e: e.place):
        candidates = [
            p
            for p in unused
            if (relative(p, tmp_path), p.line, p.column) == expected.place
            and all(part in p.message for part in expected.message_contains)
        ]
        assert candidates, (
            f"{case.id}: no message at {expected.place} contains {list(expected.message_contains)}:\n"
            f"{_show(mine, tmp_path)}"
        )
        unused.remove(candidates[0])


# --------------------------------------------------------------------------- the suite itself


def test_base_catalogue_is_valid(tmp_path: Path) -> None:
    report = run_case(Case(rule="none", name="base"), tmp_path)
    assert report.problems == (), _show(list(report.problems), tmp_path)
    assert len(report.files) == 4


def test_base_catalogue_is_valid_with_default_config() -> None:
    report = validate([BASE], Config(profile=load_profile("flanders")))
    assert report.problems == ()
    assert report.exit_code == 0


def test_every_rule_has_failing_and_passing_cases() -> None:
    files = _all_case_files()
    for path in CASES.glob("*.yaml"):
        rule, _ = _read_case_file(path)
        assert path.stem == rule, f"{path.name} describes rule {rule}; name the file {rule}.yaml"
    assert not set(files) - set(RULES), f"case files for unknown rules: {sorted(set(files) - set(RULES))}"
    for rule in RULES:
        assert rule in files, f"rule {rule} has no case file tests/data/rules/cases/{rule}.yaml"
        cases = [case for case in files[rule] if not case.xfail]
        assert any(case.fails for case in cases), f"{rule}: no case that triggers the rule"
        assert any(not case.fails for case in cases), f"{rule}: no case that passes"
        names = [case.name for case in files[rule]]
        assert len(names) == len(set(names)), f"{rule}: case names are not unique"


def _first_failing(rule: str) -> Case:
    return next(case for case in ALL_CASES if case.rule == rule and case.fails and not case.xfail)


@pytest.mark.parametrize("rule", sorted(set(RULES) - LOAD_RULES))
@pytest.mark.parametrize("setting", [{"level": "off"}, "off", False])
def test_rule_can_be_switched_off(rule: str, setting: Any, tmp_path: Path) -> None:
    case = _first_failing(rule)
    report = run_case(case, tmp_path, extra_rules={rule: setting})
    assert [p for p in report.problems if p.rule == rule] == []
    assert rule not in {info.id for info in report.rules}


@pytest.mark.parametrize("rule", sorted(LOAD_RULES))
@pytest.mark.parametrize("setting", [{"level": "off"}, "warning", False])
def test_load_rules_cannot_be_lowered(rule: str, setting: Any, tmp_path: Path) -> None:
    path = tmp_path / "trajectkit.yaml"
    path.write_text(yaml.safe_dump({"rules": {rule: setting}}), encoding="utf-8")
    with pytest.raises(UsageError, match=rule):
        read_config(path)


@pytest.mark.parametrize("rule", sorted(LOAD_RULES))
def test_load_rules_may_be_named_as_error(rule: str, tmp_path: Path) -> None:
    path = tmp_path / "trajectkit.yaml"
    path.write_text(yaml.safe_dump({"rules": {rule: {"level": "error"}}}), encoding="utf-8")
    assert read_config(path).level(rule, Level.ERROR) is Level.ERROR


def test_lowering_an_error_rule_to_warning(tmp_path: Path) -> None:
    case = _first_failing("school-not-assessing")
    assert RULES["school-not-assessing"].DEFAULT_LEVEL is Level.ERROR

    as_error = validate([tmp_path / "error"], build_catalogue_dir(case, tmp_path / "error"))
    assert {p.level for p in as_error.problems if p.rule == "school-not-assessing"} == {Level.ERROR}
    assert as_error.exit_code == 1

    config = build_catalogue_dir(case, tmp_path / "warning", extra_rules={"school-not-assessing": "warning"})
    as_warning = validate([tmp_path / "warning"], config)
    mine = [p for p in as_warning.problems if p.rule == "school-not-assessing"]
    assert mine and {p.level for p in mine} == {Level.WARNING}
    assert as_warning.errors == 0
    assert as_warning.exit_code == 0
    assert validate([tmp_path / "warning"], config, strict=True).exit_code == 1


def test_raising_a_warning_rule_to_error(tmp_path: Path) -> None:
    case = _first_failing("cluster-overlap")
    assert RULES["cluster-overlap"].DEFAULT_LEVEL is Level.WARNING
    config = build_catalogue_dir(case, tmp_path, extra_rules={"cluster-overlap": {"level": "error"}})
    report = validate([tmp_path], config)
    assert {p.level for p in report.problems if p.rule == "cluster-overlap"} == {Level.ERROR}
    assert report.exit_code == 1


def test_off_written_plainly_in_trajectkit_yaml(tmp_path: Path) -> None:
    # YAML 1.1 reads a bare `off` as false; both spellings switch a rule off.
    path = tmp_path / "trajectkit.yaml"
    path.write_text("rules:\n  cluster-overlap: off\n  weekly-hours: {level: off}\n", encoding="utf-8")
    config = read_config(path)
    assert config.level("cluster-overlap", Level.WARNING) is Level.OFF
    assert config.level("weekly-hours", Level.ERROR) is Level.OFF


def test_unknown_rule_in_config_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "trajectkit.yaml"
    path.write_text("rules:\n  school-not-assesing: off\n", encoding="utf-8")
    with pytest.raises(UsageError, match="school-not-assesing"):
        read_config(path)
