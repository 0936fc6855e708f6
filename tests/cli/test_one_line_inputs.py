"""One line in one file of the sample catalogue, and every command ends in a message.

Each class of input below once crashed validate and the commands after it: a tag
whose text does not fit it, a huge whole number, NaN or infinity, a value with a
final line break, a date at the edge of the calendar, a configuration value of the
same kinds, and places that an editor does not show. Each is tried on several
members of its class, and the report says where, as file:line:column.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from plan_support import copy_samples, edit

from trajectkit.formats import json_text

LEARNER = "learners/L-2026-0001.yaml"
WORKPLACE = "workplaces/WP-0001-pleisterwerken-van-de-velde.yaml"
TRAJECTORY = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"


def appended(tmp_path: Path, line: str, file: str = LEARNER) -> Path:
    """The sample catalogue with ``line`` added at the end of ``file`` (its line 21 for the learner)."""
    catalogue = copy_samples(tmp_path)
    path = catalogue / file
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    return catalogue


def _one_error(output: str, where: str, rule: str) -> str:
    lines = [line for line in output.splitlines() if ": error [" in line]
    assert len(lines) == 1, output
    assert f"{where}: error [{rule}]" in lines[0], output
    return lines[0]


# --------------------------------------------------------------------------- item 6: tags


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("x-note: !!bool maybe", "cannot read 'maybe' as bool"),
        ('x-note: !!int ""', "cannot read '' as int"),
        ('x-note: !!float "_"', "cannot read '_' as float"),
        ("x-note: !!int 0x_", "cannot read '0x_' as int"),
        ('x-note: !!int "1\\n"', "cannot read '1\\n' as int"),
        ('x-note: !!float " 1.5"', "cannot read ' 1.5' as float"),
        ("x-note: !!null nothing", "cannot read 'nothing' as null"),
        ("x-note: !!timestamp soon", "cannot read 'soon' as timestamp"),
        ("x-note: !!binary aGVsbG8=", "unsupported tag !!binary"),
    ],
)
def test_a_tag_whose_text_does_not_fit_is_a_syntax_finding(cli, tmp_path: Path, line: str, says: str) -> None:
    catalogue = appended(tmp_path, line)
    result = cli("validate", catalogue, "--no-cache")
    assert result.exit_code == 1
    assert says in _one_error(result.output, f"{LEARNER}:21:9", "yaml-syntax")


@pytest.mark.parametrize("line", ["x-note: !!bool Yes", "x-note: !!float 1", "x-note: !!int 0x1F", "x-note: !!null ~"])
def test_a_tag_whose_text_fits_is_read(cli, tmp_path: Path, line: str) -> None:
    result = cli("validate", appended(tmp_path, line), "--no-cache")
    assert result.exit_code == 0, result.output


# --------------------------------------------------------------------------- item 7: huge numbers


@pytest.mark.parametrize(
    "number",
    [
        "9" * 5000,  # past Python's 4,300-digit limit for decimal text
        "0x" + "f" * 5000,  # hex and octal have no such limit, but print as decimal
        "0" + "7" * 5000,
        "0b" + "1" * 20_000,
        "1" + ":59" * 3000,  # sexagesimal
        "9223372036854775808",  # one past a signed 64-bit integer
        "-0x8000000000000001",
    ],
    ids=["decimal", "hex", "octal", "binary", "sexagesimal", "int64-plus-one", "negative-hex"],
)
def test_a_whole_number_too_large_is_a_finding(cli, tmp_path: Path, number: str) -> None:
    result = cli("validate", appended(tmp_path, f"x-note: {number}"), "--no-cache")
    assert result.exit_code == 1
    assert "is too large; trajectkit reads whole numbers up to 9,223,372,036,854,775,807" in _one_error(
        result.output, f"{LEARNER}:21:9", "yaml-syntax"
    )


def test_a_huge_capacity_stops_validate_and_the_commands_that_count(cli, tmp_path: Path) -> None:
    catalogue = copy_samples(tmp_path)
    edit(catalogue / WORKPLACE, "capacity: 2 ", "capacity: 0x" + "f" * 400 + " ")
    result = cli("validate", catalogue, "--no-cache")
    assert result.exit_code == 1
    assert f"{WORKPLACE}:12:15: error [yaml-syntax] the number '0xfff" in result.output
    for command in (["stats", "--on", "2026-10-01"], ["match", "--on", "2026-10-01"]):
        run = cli(command[0], catalogue, *command[1:])
        assert run.exit_code in (1, 2), run.output
        assert f"{WORKPLACE}:12:15" in run.output


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (TRAJECTORY, "weeks: 10", "weeks: 9223372036854775807"),
        (TRAJECTORY, "school_years: 2", "school_years: 9223372036854775807"),
        (WORKPLACE, "capacity: 2 ", "capacity: 9223372036854775807 "),
    ],
)
def test_the_largest_whole_number_read_does_not_overflow_a_command(
    cli, tmp_path: Path, file: str, old: str, new: str
) -> None:
    catalogue = copy_samples(tmp_path)
    edit(catalogue / file, old, new)
    for command in (
        ["plan", "--all", "--format", "html", "--out", "plans"],
        ["stats", "--on", "2026-10-01"],
        ["match", "--on", "2026-10-01"],
    ):
        result = cli(command[0], catalogue, *command[1:])
        assert result.exit_code in (0, 1), result.output


# --------------------------------------------------------------------------- item 8: NaN and infinity


@pytest.mark.parametrize("number", [".nan", ".NaN", ".inf", "-.Inf", "+.INF", "1.0e+999", "!!float 1e999"])
def test_nan_and_infinity_are_refused_wherever_they_stand(cli, tmp_path: Path, number: str) -> None:
    catalogue = copy_samples(tmp_path)
    edit(catalogue / TRAJECTORY, "  school: 12\n", f"  school: {number}\n")
    edit(catalogue / WORKPLACE, "coordinates: [51.0681, 3.7356]", f"coordinates: [{number}, 3.7356]")
    result = cli("validate", catalogue, "--no-cache")
    assert result.exit_code == 1
    assert f"{TRAJECTORY}:18:11: error [yaml-syntax]" in result.output
    assert f"{WORKPLACE}:7:84: error [yaml-syntax]" in result.output
    assert "is not a finite number" in result.output


def test_coverage_json_never_holds_a_bare_nan(cli, tmp_path: Path) -> None:
    catalogue = copy_samples(tmp_path)
    edit(catalogue / TRAJECTORY, "  school: 12\n", "  school: .nan\n")
    result = cli("coverage", catalogue, "--trajectory", "OT-00214", "--format", "json")
    assert not re.search(r"[:\[,]\s*-?(NaN|Infinity)\b", result.output), result.output
    if result.exit_code == 0:
        json.loads(result.output)
    else:
        assert f"{TRAJECTORY}:18:11" in result.output


def test_json_outputs_write_a_non_finite_number_as_null() -> None:
    # The loader refuses NaN; arithmetic on extreme finite values can still make one.
    text = json_text({"share": float("nan"), "rows": [(1.5, float("inf"))], "total": -float("inf")})
    assert json.loads(text, parse_constant=lambda constant: pytest.fail(f"bare {constant}")) == {
        "share": None,
        "rows": [[1.5, None]],
        "total": None,
        "tool": json.loads(text)["tool"],
    }


# --------------------------------------------------------------------------- item 9: final line breaks


@pytest.mark.parametrize(
    ("old", "new", "where", "says"),
    [
        ("start: 2026-09-01", 'start: "2026-09-01\\n"', (8, 1), "start: '2026-09-01\n' is not a date"),
        (
            "birth_date: 2010-03-12",
            "birth_date: '2010-03-12\n\n  '",
            (5, 1),
            "birth_date: '2010-03-12\n' is not a date",
        ),
        ("id: L-2026-0001", 'id: "L-2026-0001\\n"', (3, 1), "id: 'L-2026-0001\n' may hold only letters"),
        ("workplace: WP-0001", 'workplace: "WP-0001\\r"', (12, 1), "workplace: 'WP-0001\r' may hold only letters"),
        ("id: L-2026-0001", "id: ..", (3, 1), "id: '..' starts with '.'"),
        ("id: L-2026-0001", "id: .", (3, 1), "id: '.' starts with '.'"),
        ("id: L-2026-0001", "id: .hidden", (3, 1), "id: '.hidden' starts with '.'"),
    ],
)
def test_a_value_with_a_final_line_break_or_a_dot_id_is_a_schema_finding(
    cli, tmp_path: Path, old: str, new: str, where: tuple[int, int], says: str
) -> None:
    catalogue = copy_samples(tmp_path)
    edit(catalogue / LEARNER, old, new)
    result = cli("validate", catalogue, "--no-cache", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert [(p["path"].endswith(LEARNER), (p["line"], p["column"]), p["rule"]) for p in problems] == [
        (True, where, "schema")
    ]
    assert problems[0]["message"].startswith(says)


def test_plan_writes_no_hidden_file_for_a_dot_id(cli, tmp_path: Path) -> None:
    catalogue = copy_samples(tmp_path, learners=("L-2026-0001",))
    edit(catalogue / LEARNER, "id: L-2026-0001", "id: ..")
    result = cli("plan", catalogue, "--all", "--format", "html", "--out", tmp_path / "plans")
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "plans").exists() or not list((tmp_path / "plans").iterdir())
    assert f"{LEARNER}:3:1: id: '..' starts with '.'" in result.output


# --------------------------------------------------------------------------- item 10: calendar edges


@pytest.mark.parametrize(
    ("file", "old", "new", "where"),
    [
        (LEARNER, "end: 2028-06-30", "end: 9999-12-31", "9:1"),
        (LEARNER, "start: 2026-09-01", "start: 0001-01-01", "8:1"),
        (LEARNER, "birth_date: 2010-03-12", "birth_date: 1899-12-31", "5:1"),
        (WORKPLACE, "valid_from: 2024-09-01", "valid_from: 9999-12-31", "10:5"),
        (WORKPLACE, "valid_until: 2029-08-31", "valid_until: 3000-01-01", "11:5"),
    ],
)
def test_a_date_at_the_edge_of_the_calendar_is_a_schema_finding(
    cli, tmp_path: Path, file: str, old: str, new: str, where: str
) -> None:
    catalogue = copy_samples(tmp_path)
    edit(catalogue / file, old, new)
    result = cli("validate", catalogue, "--no-cache")
    assert result.exit_code == 1
    line = _one_error(result.output, f"{file}:{where}", "schema")
    assert "is outside the dates trajectkit supports (1900-01-01 to 2999-12-31)" in line
    for command in (["stats", "--on", "2026-10-01"], ["match", "--on", "2026-10-01"]):
        run = cli(command[0], catalogue, *command[1:])
        assert run.exit_code == 1 and f"{file}:{where}" in run.output, run.output
    run = cli("plan", catalogue, "--all", "--format", "html", "--out", "plans")
    assert run.exit_code == 1 and "L-2026-0001: refused" in run.output, run.output


@pytest.mark.parametrize("day", ["9999-07-01", "9999-12-31", "0001-01-01", "3000-01-01"])
@pytest.mark.parametrize("command", ["stats", "match", "scenario"])
def test_a_reference_date_at_the_edge_of_the_calendar_is_a_usage_error(cli, command: str, day: str) -> None:
    result = cli(command, Path(__file__).resolve().parents[2] / "samples", "--on", day)
    assert result.exit_code == 2
    assert f"'{day}' is outside the dates trajectkit supports (1900-01-01 to 2999-12-31)" in result.output


@pytest.mark.parametrize(
    ("epoch", "says"),
    [
        ("²", "SOURCE_DATE_EPOCH='²' is not a number of seconds"),
        ("253402300800", "SOURCE_DATE_EPOCH='253402300800' is not a number of seconds"),
        ("253402300799", "the day of SOURCE_DATE_EPOCH 9999-12-31 is outside the dates trajectkit supports"),
    ],
)
def test_source_date_epoch_at_the_edge_is_a_usage_error(cli, monkeypatch, epoch: str, says: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = cli("stats", Path(__file__).resolve().parents[2] / "samples")
    assert result.exit_code == 2 and says in result.output, result.output


# --------------------------------------------------------------------------- item 13: configuration


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ("today: !!bool maybe", "trajectkit.yaml:1:8: cannot read 'maybe' as bool"),
        ('today: "2026-09-01\\n"', "trajectkit.yaml:1:1: today: '2026-09-01\n' is not a date"),
        ("today: 9999-12-31", "today: '9999-12-31' is outside the dates trajectkit supports"),
        ("today: .nan", "trajectkit.yaml:1:8: '.nan' is not a finite number"),
        ("limits: {max_file_bytes: 1" + "0" * 40 + "}", "trajectkit.yaml:1:26: the number '1000"),
        ("limits: {max_nodes: 0x" + "f" * 5000 + "}", "trajectkit.yaml:1:21: the number '0xfff"),
    ],
)
def test_a_configuration_value_that_cannot_be_read_exits_2(cli, tmp_path: Path, setting: str, says: str) -> None:
    catalogue = copy_samples(tmp_path)
    (tmp_path / "trajectkit.yaml").write_text(setting + "\n", encoding="utf-8")
    for command in (["validate", "--no-cache"], ["stats"]):
        result = cli(command[0], catalogue, *command[1:])
        assert result.exit_code == 2, result.output
        assert says in result.output


def test_the_largest_limits_are_limits_not_a_buffer(cli, tmp_path: Path) -> None:
    catalogue = copy_samples(tmp_path)
    schema = json.loads((Path(__file__).parents[2] / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    largest = {name: rule["maximum"] for name, rule in schema["properties"]["limits"]["properties"].items()}
    limits = ", ".join(f"{name}: {value}" for name, value in largest.items())
    (tmp_path / "trajectkit.yaml").write_text(f"limits: {{{limits}}}\n", encoding="utf-8")
    result = cli("validate", catalogue, "--no-cache")
    assert result.exit_code == 0, result.output
    (tmp_path / "trajectkit.yaml").write_text(f"limits: {{max_file_bytes: {2**63 - 1}}}\n", encoding="utf-8")
    result = cli("validate", catalogue, "--no-cache")
    assert result.exit_code == 2 and "is more than the maximum of 1,073,741,824" in result.output, result.output


# --------------------------------------------------------------------------- item 18: places


@pytest.mark.parametrize(
    ("tail", "where"),
    [
        ("x-note: [1, 2", "21:9"),
        ("x-note: {a: 1", "21:9"),
        ('x-note: "open', "21:9"),
        ("x-note: [", "21:10"),
        ("x-note: {a: [", "21:14"),
        ("x-note: a: b", "21:10"),
    ],
)
def test_a_syntax_error_at_the_end_of_a_file_without_a_final_line_break_is_on_a_line_that_exists(
    cli, tmp_path: Path, tail: str, where: str
) -> None:
    catalogue = copy_samples(tmp_path)
    path = catalogue / LEARNER
    path.write_text(path.read_text(encoding="utf-8") + tail, encoding="utf-8")  # no final line break
    result = cli("validate", catalogue, "--no-cache")
    assert result.exit_code == 1
    _one_error(result.output, f"{LEARNER}:{where}", "yaml-syntax")
    line, column = map(int, where.split(":"))
    lines = path.read_text(encoding="utf-8").split("\n")
    assert line <= len(lines) and column <= len(lines[line - 1]) + 1


@pytest.mark.parametrize("odd", ["\x85", "\u2028", "\u2029", "\u2028\u2029\x85\u2028"])
def test_nel_and_unicode_separators_inside_a_value_shift_no_line(cli, tmp_path: Path, odd: str) -> None:
    catalogue = copy_samples(tmp_path)
    edit(catalogue / LEARNER, "name: Yusuf Demir", f'name: "Yusuf{odd}Demir"')
    edit(catalogue / LEARNER, "language: nl", "language: xx")
    edit(
        catalogue / LEARNER,
        "  - competence: bkc0051279\n    date: 2026-11-13",
        "  - competence: bkc0051279\n    date: !!int x",
    )
    result = cli("validate", catalogue, "--no-cache")
    assert result.exit_code == 1
    _one_error(result.output, f"{LEARNER}:20:11", "yaml-syntax")  # where an editor shows `!!int x`
    edit(catalogue / LEARNER, "date: !!int x", "date: 2026-11-13")
    result = cli("validate", catalogue, "--no-cache")
    assert f"{LEARNER}:6:1: error [schema] language: 'xx' is not allowed" in result.output, result.output
