"""The shape of validate's cost, checked by counting, never by timing.

``benchmarks/run.py`` measures how fast validate is; these tests guard what keeps it
fast on any machine, however busy: every file is parsed once, every schema
validator is built once per process, the "did you mean" search runs only for the
references that do not resolve, and no step of validate does more work than the
catalogue grows. (That ``--help`` and a cache hit import none of the heavy
libraries is tested in test_cli.py and test_cache.py.)
"""

from __future__ import annotations

import difflib
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema
import generate
import pytest
import yaml

from trajectkit.catalogue import loading
from trajectkit.catalogue import schema as schema_check
from trajectkit.catalogue.catalogue import build_catalogue
from trajectkit.catalogue.graph import build_graph
from trajectkit.config import Config
from trajectkit.profile import DEFAULT_PROFILE, load_profile
from trajectkit.rules import LOAD_RULES, RULES
from trajectkit.rules.context import RuleContext

REPO = Path(__file__).resolve().parents[2]

#: A small catalogue: 19 files (workplaces and learners 100 to a file), 424 documents.
SMALL = generate.Sizes(qualifications=4, trajectories=5, workplaces=150, learners=260)


def make_catalogue(folder: Path, sizes: generate.Sizes = SMALL, seed: int = 5) -> Path:
    generate.generate(folder, sizes, seed=seed)
    return folder


def yaml_files(folder: Path) -> list[str]:
    return sorted(path.as_posix() for path in folder.rglob("*.yaml"))


@pytest.fixture
def catalogue(tmp_path: Path, cli) -> Path:
    """A generated catalogue as ``catalogue/`` in the working directory of ``cli``."""
    return make_catalogue(tmp_path / "catalogue")


def validate_json(cli, *args: str) -> dict[str, Any]:
    result = cli("validate", *args, "--no-cache", "--format", "json")
    return {"exit_code": result.exit_code, **json.loads(result.output)}


def documents_in(files: list[str]) -> int:
    return sum(sum(1 for _ in yaml.load_all(Path(file).read_bytes(), Loader=yaml.CSafeLoader)) for file in files)


# --------------------------------------------------------------------------- parsing


def test_validating_n_files_parses_each_file_once(cli, catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = yaml_files(Path("catalogue"))
    assert len(files) == 20 and documents_in(files) == 425  # multi-document files among them
    parsed: Counter[str] = Counter()
    real_parse = loading.parse_bytes

    def counting_parse(raw: bytes, path: str, *args: Any, **kwargs: Any) -> Any:
        parsed[path] += 1
        return real_parse(raw, path, *args, **kwargs)

    parsers: list[str] = []

    class CountingParser(loading.EventParser):  # type: ignore[misc,valid-type]
        def __init__(self, stream: Any) -> None:
            parsers.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(loading, "parse_bytes", counting_parse)
    monkeypatch.setattr(loading, "EventParser", CountingParser)
    report = validate_json(cli, "catalogue")
    assert report["exit_code"] == 0 and report["summary"]["errors"] == 0
    assert dict(parsed) == dict.fromkeys(files, 1)
    # The YAML parser itself: once per catalogue file, and once for the profile.
    texts = {Path(file).read_text(encoding="utf-8"): file for file in files}
    runs = Counter(texts.get(text, "(not a catalogue file)") for text in parsers)
    assert runs == {**dict.fromkeys(files, 1), "(not a catalogue file)": 1}


# --------------------------------------------------------------------------- schemas


def test_each_schema_validator_is_built_once_for_many_documents(
    cli, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three invalid learners and two invalid workplaces: the explaining validators are needed too.
    learners = sorted(Path("catalogue/learners").glob("*.yaml"))
    text = learners[0].read_text(encoding="utf-8")
    assert text.count("language: nl\n") >= 3
    learners[0].write_text(text.replace("language: nl\n", "language: fr\n", 3), encoding="utf-8")
    workplaces = sorted(Path("catalogue/workplaces").glob("*.yaml"))
    text = workplaces[0].read_text(encoding="utf-8")
    workplaces[0].write_text(text.replace("enterprise_number:", "enterprise_nummer:", 2), encoding="utf-8")

    schema_check.fast_validator.cache_clear()
    schema_check.validator.cache_clear()
    compiled: Counter[str] = Counter()
    real_compile = fastjsonschema.compile

    def counting_compile(definition: dict[str, Any], *args: Any, **kwargs: Any) -> Callable[[Any], Any]:
        compiled[definition.get("$id", "?")] += 1
        return real_compile(definition, *args, **kwargs)

    monkeypatch.setattr(fastjsonschema, "compile", counting_compile)
    checked: list[str] = []
    real_check = schema_check.check_data

    def counting_check(data: Any, schema: str, *args: Any, **kwargs: Any) -> Any:
        checked.append(schema)
        return real_check(data, schema, *args, **kwargs)

    monkeypatch.setattr(schema_check, "check_data", counting_check)
    report = validate_json(cli, "catalogue")

    assert report["exit_code"] == 1
    problems = Counter((problem["rule"], Path(problem["path"]).parent.name) for problem in report["problems"])
    assert problems == {("schema", "learners"): 3, ("schema", "workplaces"): 2}
    kinds = Counter(checked)
    assert sum(kinds.values()) >= 424  # every document went through its schema
    assert kinds["learner"] >= 260 and kinds["workplace"] >= 150
    fast = schema_check.fast_validator.cache_info()
    explaining = schema_check.validator.cache_info()
    # Built once for each of the 6 kinds and reused for every other document of that
    # kind; one more for the profile's schema, checked when the configuration is read.
    assert len(kinds) == 6
    assert fast.hits == sum(kinds.values()) - len(kinds) and fast.misses == len(kinds) + 1
    # learner and workplace: 5 invalid documents, explained and then cut down to their
    # valid part, each time with the validator built once
    assert explaining.misses == 2 and explaining.hits == 3 + 5
    assert all(count == 1 for count in compiled.values()) and len(compiled) <= len(kinds) + 1


# --------------------------------------------------------------------------- suggestions


UNRESOLVED = """\
kind: Learner
id: L-TYPO-0001
name: Test Leerling
birth_date: 2010-03-01
language: nl
trajectory: OT-0001
start: 2026-09-01
end: 2028-06-30
school: {name: VTI Gent, coach: An De Smet, coach_email: an.desmet@example.org}
---
kind: Workplace
id: WP-TYPO-0001
name: Typo BV
enterprise_number: "0123.456.749"
site: {street: Dorpsstraat 1, postcode: "9000", municipality: Gent}
recognitions: []
cannot_offer: [bkc9999999]
mentors:
  - {id: M-TYPO-1, name: Jan Peeters, birth_date: 1975-01-01, experience_years: 15, training_completed: 2020-01-01}
"""


def test_did_you_mean_is_searched_only_for_unresolved_references(
    cli, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (catalogue / "typos.yaml").write_text(UNRESOLVED, encoding="utf-8")
    searched: list[str] = []
    real_search = difflib.get_close_matches

    def counting_search(word: str, possibilities: Any, *args: Any, **kwargs: Any) -> list[str]:
        searched.append(word)
        return real_search(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting_search)
    report = validate_json(cli, "catalogue")

    unresolved = sorted(
        (problem["line"], problem["message"])
        for problem in report["problems"]
        if problem["rule"] == "unresolved-reference"
    )
    assert [line for line, _ in unresolved] == [6, 17]
    assert "did you mean 'OT-00001'?" in unresolved[0][1]
    # Thousands of references resolve (every allocation, recognition, learner's
    # trajectory and workplace): a search for each would be quadratic in the catalogue.
    assert sorted(searched) == ["OT-0001", "bkc9999999"]


# --------------------------------------------------------------------------- growth


def work(function: Callable[[], Any]) -> int:
    """Python lines and calls executed by ``function()``: a cost that no load can disturb.

    Work done inside C (a ``list.__contains__`` scan, say) is not seen; a Python loop
    over the catalogue, with or without calls in it, is.
    """
    count = 0

    def trace(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1  # "call", then one "line" per line run, "return", "exception"
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        function()
    finally:
        sys.settrace(previous)
    return count


def steps(folder: Path, config: Config) -> dict[str, int]:
    """The work of each step of validate on the catalogue in ``folder``, rule by rule."""
    counted: dict[str, int] = {}
    loaded: list[Any] = []
    counted["load"] = work(lambda: loaded.append(loading.load_paths([folder])))
    documents = loaded[0].documents
    counted["schema"] = work(lambda: [schema_check.check_document(document) for document in documents])
    built: list[Any] = []
    counted["catalogue"] = work(lambda: built.append(build_catalogue(documents, set())))
    counted["graph"] = work(lambda: built.append(build_graph(built[0])))
    context = RuleContext(built[0], built[1], config.profile, config.today)
    for rule_id, module in RULES.items():
        if rule_id not in LOAD_RULES:
            counted[rule_id] = work(lambda module=module: list(module.check(context)))
    return counted


def test_no_step_of_validate_grows_faster_than_the_catalogue(tmp_path: Path) -> None:
    config = Config(profile=load_profile(DEFAULT_PROFILE))
    small = make_catalogue(tmp_path / "small", generate.Sizes(3, 4, 60, 120), seed=11)
    large = make_catalogue(tmp_path / "large", generate.Sizes(12, 16, 240, 480), seed=11)
    growth = sum(Path(f).stat().st_size for f in yaml_files(large)) / sum(
        Path(f).stat().st_size for f in yaml_files(small)
    )
    assert 3.5 < growth < 4.5  # four times the catalogue, give or take the random sizes
    steps(small, config)  # once to import and compile what is done once per process
    before, after = steps(small, config), steps(large, config)
    # Linear growth makes four times the work, quadratic sixteen. Twice the byte growth
    # leaves room for the random shares (a rule that looks only at learners placed at a
    # workplace that cannot offer something grows 1.2-1.5 times the bytes, by seed).
    grown = {step: round(after[step] / before[step] / growth, 2) for step in before}
    too_fast = {step: ratio for step, ratio in grown.items() if ratio > 2.0}
    assert not too_fast, f"work grows faster than the catalogue (ratio / byte growth {growth:.2f}): {too_fast}"
    assert set(grown) >= {"load", "schema", "catalogue", "graph", "unresolved-reference"}
