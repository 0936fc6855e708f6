"""Every scalar field of every kind in the samples × every edge value: never a traceback.

Each case writes one value of the sample catalogue as one edge value (NaN, infinity,
huge whole numbers in every base, final line breaks, calendar edges, wrong tags,
control characters, bidirectional and zero-width characters, NEL/LS/PS, empty and
very long text) and runs ``validate`` in-process, with its JSON and text reports. A
run that ends in an exception (or JSON with a bare NaN) fails, naming the field and
the value. When validate accepts the edit (exit 0), one of the commands that build
on it (plan, coverage, attest, stats, match, scenario, diff) runs on it too, and
fails the same way when it ends in anything but exit code 0, 1 or 2; it is chosen
by a seeded generator so that every run tries the same ones.

One test per field, about a hundred edge values each: over 10,000 cases in all.
``TRAJECTKIT_FUZZ_MATRIX=all`` tries every occurrence of every field instead of the
first, and every command on every accepted edit (a long run).
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from trajectkit.catalogue.kinds import KIND_SCHEMAS
from trajectkit.cli import main
from trajectkit.config import Config
from trajectkit.profile import DEFAULT_PROFILE, load_profile
from trajectkit.reporters import get_reporter
from trajectkit.validation.pipeline import validate

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LONG_RUN = os.environ.get("TRAJECTKIT_FUZZ_MATRIX") == "all"
SEED = 20


def _huge(digits: int) -> str:
    return "9" * digits


#: (name, YAML text written in place of a value). The text is written as it stands,
#: so raw NEL, LS and PS characters sit inside quotes; escapes are YAML's own.
EDGE_VALUES: list[tuple[str, str]] = [
    # NaN and infinity
    *[(f"float {text}", text) for text in (".nan", ".NaN", ".NAN", ".inf", "-.inf", "+.Inf", ".INF")],
    ("float overflow", "1.0e+999"),
    ("float -overflow", "-1.0e+999"),
    ("tagged 1e999", "!!float 1e999"),
    ("tagged .nan", "!!float .nan"),
    ("tagged nan word", "!!float nan"),
    ("text NaN", '"NaN"'),
    ("text Infinity", "Infinity"),
    ("largest float", "1.7976931348623157e+308"),
    ("smallest float", "5e-324"),
    ("negative zero", "-0.0"),
    # whole numbers
    ("decimal 4301 digits", _huge(4301)),
    ("decimal 400 digits", "1" + "0" * 400),
    ("hex 5000 digits", "0x" + "f" * 5000),
    ("octal 5000 digits", "0" + "7" * 5000),
    ("binary 20000 digits", "0b" + "1" * 20_000),
    ("sexagesimal 3000 parts", "1" + ":59" * 3000),
    ("int64 max", "9223372036854775807"),
    ("int64 max + 1", "9223372036854775808"),
    ("int64 min", "-9223372036854775807"),
    ("int64 min - 2", "-9223372036854775809"),
    ("underscored", "1_000_000"),
    ("hex", "0x7fffffffffffffff"),
    ("int32 + 1", "2147483648"),
    ("zero", "0"),
    ("minus one", "-1"),
    ("huge year count", "99999999"),
    ("tagged huge hex", "!!int 0x" + "f" * 100),
    # final line breaks and surrounding space
    ("date + newline", '"2026-09-01\\n"'),
    ("id + newline", '"L-2026-0001\\n"'),
    ("id + CR", '"L-2026-0001\\r"'),
    ("newline only", '"\\n"'),
    ("language + newline", '"nl\\n"'),
    ("agreement + newline", '"OAO\\n"'),
    ("date + space", '"2026-09-01 "'),
    ("space + id", '" WP-0001"'),
    ("folded date", ">-\n  2026-09-01\n"),
    # calendar edges
    *[(f"date {day}", day) for day in ("0001-01-01", "9999-12-31", "1899-12-31", "1900-01-01", "2999-12-31")],
    *[(f"date {day}", day) for day in ("3000-01-01", "2026-02-29", "2028-02-29", "2026-13-01", "0000-00-00")],
    ("quoted 9999-12-31", '"9999-12-31"'),
    ("datetime", "2026-09-01T10:00:00Z"),
    ("short date", "2026-9-1"),
    ("tagged date", "!!timestamp 2026-09-01"),
    # tags whose text does not fit, and tags that are not read
    ("!!bool maybe", "!!bool maybe"),
    ("!!int empty", '!!int ""'),
    ("!!float _", '!!float "_"'),
    ("!!int 0x_", "!!int 0x_"),
    ("!!null text", "!!null x"),
    ("!!timestamp text", "!!timestamp soon"),
    ("!!str number", "!!str 42"),
    ("!!bool yes", "!!bool yes"),
    ("!!binary", "!!binary aGVsbG8="),
    ("!!set", "!!set {a}"),
    ("!!omap", "!!omap [a: 1]"),
    ("python tag", '!!python/object/apply:os.system ["true"]'),
    ("local tag", "!custom x"),
    ("verbatim tag", "!<tag:yaml.org,2002:int> 7"),
    ("non-specific tag", "! 12"),
    # control characters
    ("terminal escape", '"\\e[1A\\e[2K\\r\\e[32m0 errors"'),
    ("bell", '"\\a"'),
    ("NUL escape", '"L-1\\0"'),
    ("tab inside", '"a\\tb"'),
    ("DEL", '"\\x7f"'),
    ("OSC link", '"\\e]8;;http://x\\a click \\e]8;;\\a"'),
    ("lone surrogate", '"\\ud800"'),
    # bidirectional and zero-width characters
    ("RTL override", '"\u202eL-2026-0001"'),
    ("zero-width space", '"L\u200b-2026-0001"'),
    ("BOM inside", '"\ufeffWP-0001"'),
    ("isolates", '"\u2066x\u2069"'),
    ("zero-width joiner only", '"\u200d"'),
    # NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR, raw and escaped
    ("raw NEL", '"a\x85b"'),
    ("raw LS", '"a\u2028b"'),
    ("raw PS", '"a\u2029b"'),
    ("escaped NEL", '"a\\Nb"'),
    ("escaped LS", '"a\\Lb"'),
    ("escaped PS", '"a\\Pb"'),
    ("raw LS plain", "a\u2028b"),
    # empty
    ("empty quoted", '""'),
    ("empty single", "''"),
    ("tilde", "~"),
    ("null word", "null"),
    ("nothing", ""),
    ("space", '" "'),
    ("empty list", "[]"),
    ("empty mapping", "{}"),
    # very long
    ("long text", '"' + "x" * 100_000 + '"'),
    ("long id", "L-" + "1" * 10_000),
    ("long word list", "[" + ", ".join(["a"] * 5000) + "]"),
    # other types in place of a scalar
    ("true", "true"),
    ("yes", "yes"),
    ("off", "off"),
    ("list", "[1, 2]"),
    ("mapping", "{a: 1}"),
    ("unknown alias", "*nowhere"),
    ("anchor", "&a x"),
    ("emoji", '"\U0001f600"'),
    ("combining", '"e\u0301"'),
]


@dataclass(frozen=True)
class Field:
    """One scalar value of a sample file: where its text starts and ends."""

    file: str
    kind: str
    path: str
    start: int
    end: int


def _fields() -> list[Field]:
    found: list[Field] = []
    seen: set[tuple[str, str]] = set()
    for file in sorted(SAMPLES.rglob("*.yaml")):
        name = file.relative_to(SAMPLES).as_posix()
        for document in yaml.compose_all(file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader):
            kind = next((value.value for key, value in document.value if key.value == "kind"), "?")
            for path, node in _scalars(document, ""):
                if (kind, path) in seen and not LONG_RUN:
                    continue
                seen.add((kind, path))
                found.append(Field(name, kind, path, node.start_mark.index, node.end_mark.index))
    return found


def _scalars(node: yaml.Node, path: str) -> Iterator[tuple[str, yaml.ScalarNode]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(value, f"{path}.{key.value}" if path else key.value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item, f"{path}[]")
    elif isinstance(node, yaml.ScalarNode) and path != "kind":
        yield path, node


FIELDS = _fields()

#: Commands run on an edit validate accepts: arguments after the catalogue folder.
COMMANDS: dict[str, list[str]] = {
    "plan": ["--learner", "L-2026-0001", "--format", "html", "--out", "plans", "--force", "--jobs", "1"],
    "coverage": ["--trajectory", "OT-00214", "--format", "json"],
    "attest": ["--learner", "L-2026-0001", "--format", "json"],
    "stats": ["--on", "2026-10-01", "--format", "json"],
    "match": ["--on", "2026-10-01", "--format", "json"],
    "scenario": ["--on", "2026-10-01", "--without", "WP-0001", "--format", "json"],
    "diff": [],
}


#: What validate runs with: the default profile, read once (the CLI reads it per run).
CONFIG = Config(profile=load_profile(DEFAULT_PROFILE))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the samples, edited one value at a time and restored after each case."""
    folder = tmp_path_factory.mktemp("matrix")
    shutil.copytree(SAMPLES, folder / "catalogue")
    (folder / "catalogue" / "README.md").unlink()
    return folder


def test_the_matrix_has_over_ten_thousand_cases() -> None:
    kinds = {field.kind for field in FIELDS}
    assert kinds == set(KIND_SCHEMAS) - {"Profile"}  # every kind a catalogue holds
    assert len(FIELDS) * len(EDGE_VALUES) >= 10_000


def _invoke(workspace: Path, *arguments: str) -> Result:
    cwd = os.getcwd()
    os.chdir(workspace)
    try:
        return CliRunner().invoke(main, list(arguments), catch_exceptions=True)
    finally:
        os.chdir(cwd)


def _crashed(result: Result) -> bool:
    exception = result.exception
    return result.exit_code not in (0, 1, 2) or (exception is not None and not isinstance(exception, SystemExit))


def _refuse(constant: str) -> None:
    raise ValueError(f"bare {constant} is not JSON")


def _bad_json(result: Result) -> str | None:
    """Why the JSON a command printed is not JSON (NaN, Infinity), or None."""
    if result.exit_code == 2 or not result.output.lstrip().startswith(("{", "[")):
        return None
    try:
        json.loads(result.output, parse_constant=_refuse)
    except ValueError as error:
        return str(error)
    return None


def _describe(case: str, command: str, result: Result) -> str:
    exception = result.exception
    return f"{case}: `{command}` ended in {type(exception).__name__}: {str(exception)[:200]} (exit {result.exit_code})"


@pytest.mark.parametrize("field", FIELDS, ids=[f"{field.kind}.{field.path}" for field in FIELDS])
def test_an_edge_value_in_any_field_ends_in_a_report(workspace: Path, field: Field) -> None:
    path = workspace / "catalogue" / field.file
    original = (SAMPLES / field.file).read_text(encoding="utf-8")
    generator = random.Random(f"{SEED}:{field.kind}.{field.path}")
    failures: list[str] = []
    try:
        for name, value in EDGE_VALUES:
            case = f"{field.file} {field.path} = {name}"
            path.write_text(original[: field.start] + value + original[field.end :], encoding="utf-8")
            try:
                report = validate([workspace / "catalogue"], CONFIG)
                output = io.StringIO()
                get_reporter("json").write(report, output)
                get_reporter("text").write(report, io.StringIO())
                json.loads(output.getvalue(), parse_constant=_refuse)
            except Exception as error:  # any exception is what this test looks for
                failures.append(f"{case}: validate ended in {type(error).__name__}: {str(error)[:200]}")
                continue
            if report.exit_code != 0:
                continue
            chosen = list(COMMANDS) if LONG_RUN else [generator.choice(sorted(COMMANDS))]
            for command in chosen:
                arguments = [str(SAMPLES), "catalogue"] if command == "diff" else ["catalogue", *COMMANDS[command]]
                run = _invoke(workspace, command, *arguments)
                if _crashed(run) or _bad_json(run):
                    failures.append(_describe(case, command, run) + f" {_bad_json(run) or ''}")
    finally:
        path.write_text(original, encoding="utf-8")
    assert not failures, "\n".join(failures)
