"""Every rule's documented examples, run against the rule in the sample catalogue.

A rule's docstring shows an "Example that fails" and an "Example that passes" (the
corrected version). ``tests/data/rules/examples.yaml`` says, per rule, where they go;
each test copies ``samples/`` to a temporary folder, splices one example in and runs
``check_catalogue``. The failing example must give at least one finding of its rule
on a line of the spliced text; the passing example must give none of its rule
anywhere. Neither may give a finding of another load rule in a file it went into, so
a splice that breaks the file cannot pass for a rule that stayed silent.

Splicing works on the YAML text, so the lines of findings are lines of the file as
written:

- An example is cut into parts at lines ``---``; part *i* goes into the *i*-th name
  in ``file`` (paths under ``samples/``; a single name may be given as a string).
- A part that is a mapping replaces the document's top-level keys of the same name,
  each with every line under it, and is written where the first of them stood (at
  the end if the document has none of them). ``keep: {allocations: competence}``
  keeps the document's items of that list that the part does not name (by the value
  of ``competence``); they follow the part's own items.
- A part that is a list goes into the list at the key path ``into``: it replaces the
  items whose ``match`` key has a value the part names and is written where the
  first of them stood (after the last item if it names none), indented like them.
- Before splicing, ``edits`` change the copy as text (each ``replace`` must occur
  exactly once in its ``file``); ``config`` is written as ``trajectkit.yaml``.
- ``alone: true``: the examples are read on their own with ``parse_bytes`` instead,
  for the rules about YAML text that is not yet a catalogue document.

For example::

    school-not-assessing:
      file: trajectories/OT-00214-afwerking-bouw-duaal.yaml
      into: [allocations]
      match: competence
    mentor-training-overdue:
      file: workplaces/WP-0001-pleisterwerken-van-de-velde.yaml
      config: {today: 2027-01-01}
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from rule_docstrings import Outcome, example

from trajectkit.catalogue.documents import MarkedMap, MarkedSeq
from trajectkit.catalogue.loading import parse_bytes
from trajectkit.config import Config, read_config
from trajectkit.problems import Problem
from trajectkit.profile import DEFAULT_PROFILE, load_profile
from trajectkit.rules import LOAD_RULES, RULES
from trajectkit.validation.pipeline import check_catalogue
from trajectkit.validation.report import Report

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
SPEC = REPO / "tests" / "data" / "rules" / "examples.yaml"

_SPEC_KEYS = {"file", "into", "match", "keep", "edits", "config", "alone"}
_EDIT_KEYS = {"file", "replace", "with"}

#: A line of a written file, and whether it came from the example.
Line = tuple[str, bool]


@dataclass(frozen=True)
class Placement:
    """Where one rule's examples go in the sample catalogue."""

    rule: str
    files: tuple[str, ...] = ()
    into: tuple[str, ...] = ()
    match: str | None = None
    keep: dict[str, str] = field(default_factory=dict)
    edits: tuple[dict[str, str], ...] = ()
    config: dict[str, Any] | None = None
    alone: bool = False


def _placement(rule: str, raw: dict[str, Any]) -> Placement:
    unknown = set(raw) - _SPEC_KEYS
    assert not unknown, f"{rule}: unknown keys {sorted(unknown)} in {SPEC.name}"
    assert raw.get("alone") or raw.get("file"), f"{rule}: give `file` (or `alone: true`)"
    assert bool(raw.get("into")) == bool(raw.get("match")), f"{rule}: `into` and `match` go together"
    for edit in raw.get("edits") or ():
        assert set(edit) == _EDIT_KEYS, f"{rule}: an edit has exactly {sorted(_EDIT_KEYS)}"
    files = raw.get("file") or ()
    return Placement(
        rule=rule,
        files=(files,) if isinstance(files, str) else tuple(files),
        into=tuple(raw.get("into") or ()),
        match=raw.get("match"),
        keep=dict(raw.get("keep") or {}),
        edits=tuple(raw.get("edits") or ()),
        config=raw.get("config"),
        alone=bool(raw.get("alone")),
    )


def _read_spec() -> dict[str, Placement]:
    data = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return {rule: _placement(rule, raw) for rule, raw in data.items()}


PLACEMENTS = _read_spec()
ALONE = [rule for rule in RULES if rule in PLACEMENTS and PLACEMENTS[rule].alone]
SPLICED = [rule for rule in RULES if rule in PLACEMENTS and not PLACEMENTS[rule].alone]


# --------------------------------------------------------------------------- splicing


@dataclass(frozen=True)
class Spliced:
    """A file's new text and the lines (counted from 1) that came from the example."""

    text: str
    lines: frozenset[int]


def _document(text: str) -> MarkedMap:
    documents, findings = parse_bytes(text.encode("utf-8"), "spliced")
    assert not findings and len(documents) == 1, f"splicing needs one readable document: {findings}"
    assert isinstance(documents[0].data, MarkedMap)
    return documents[0].data


def _span(data: MarkedMap, path: list[str | int], total: int) -> tuple[int, int]:
    """The first line of the key or item at ``path`` and the line after its last one."""
    start, end = 1, total + 1
    node: Any = data
    for step in path:
        if isinstance(node, MarkedMap):
            marks, mark = list(node.key_marks.values()), node.key_marks[str(step)]
        else:
            assert isinstance(node, MarkedSeq) and isinstance(step, int)
            marks, mark = node.item_marks, node.item_marks[step]
        start = mark[0]
        end = min((line for line, _ in marks if start < line < end), default=end)
        node = node[step]
    return start, end


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _assemble(lines: list[str], removed: list[tuple[int, int]], at: int, body: list[Line]) -> Spliced:
    """``lines`` without the ``removed`` spans, with ``body`` written at line ``at``."""
    gone = {number for start, end in removed for number in range(start, end)}
    out: list[Line] = []
    for number, line in enumerate([*lines, ""], 1):
        if number == at:
            out.extend(body)
        if number not in gone and line:
            out.append((line, False))
    return Spliced("".join(line for line, _ in out), frozenset(n for n, (_, own) in enumerate(out, 1) if own))


def _kept_items(
    part: str, wanted: dict[str, Any], doc: MarkedMap, lines: list[str], keep: dict[str, str]
) -> list[Line]:
    """The part's lines, with the document's items of each ``keep`` list it does not name."""
    body: list[Line] = [(line, True) for line in part.splitlines(keepends=True)]
    part_doc = _document(part)
    assert set(keep) <= set(part_doc.key_marks), f"`keep` names {sorted(set(keep) - set(part_doc))}, not in the example"
    # From the last key up, so that the line numbers of the part still hold.
    for key in sorted(keep, key=lambda key: part_doc.key_marks[key], reverse=True):
        match = keep[key]
        named = {item.get(match) for item in wanted[key]}
        kept: list[Line] = []
        for index, item in enumerate(doc.get(key) or ()):
            if item.get(match) not in named:
                start, end = _span(doc, [key, index], len(lines))
                kept.extend((line, False) for line in lines[start - 1 : end - 1])
        first = _span(part_doc, [key, 0], len(body))[0]
        assert not kept or _indent(kept[0][0]) == _indent(body[first - 1][0]), f"{key}: items indented differently"
        end = _span(part_doc, [key], len(body))[1]
        body[end - 1 : end - 1] = kept
    return body


def _splice_mapping(text: str, part: str, keep: dict[str, str]) -> Spliced:
    lines = text.splitlines(keepends=True)
    doc = _document(text)
    wanted = yaml.safe_load(part)
    removed = sorted(_span(doc, [key], len(lines)) for key in wanted if key in doc.key_marks)
    at = removed[0][0] if removed else len(lines) + 1
    return _assemble(lines, removed, at, _kept_items(part, wanted, doc, lines, keep))


def _splice_list(text: str, part: str, into: tuple[str, ...], match: str) -> Spliced:
    lines = text.splitlines(keepends=True)
    doc = _document(text)
    items: Any = doc
    for key in into:
        items = items[key]
    assert isinstance(items, MarkedSeq) and items, f"{'.'.join(into)} is no list with items"
    named = {item.get(match) for item in yaml.safe_load(part)}
    spans = [_span(doc, [*into, i], len(lines)) for i, item in enumerate(items) if item.get(match) in named]
    at = spans[0][0] if spans else _span(doc, [*into, len(items) - 1], len(lines))[1]
    indent = " " * _indent(lines[items.item_marks[0][0] - 1])
    body = [((indent + line if line.strip() else line), True) for line in part.splitlines(keepends=True)]
    return _assemble(lines, spans, at, body)


def _splice(text: str, part: str, placement: Placement) -> Spliced:
    if isinstance(yaml.safe_load(part), list):
        assert placement.match, f"{placement.rule}: a list example needs `into` and `match`"
        spliced = _splice_list(text, part, placement.into, placement.match)
    else:
        spliced = _splice_mapping(text, part, placement.keep)
    # The lines said to come from the example are the example's, in order.
    written = spliced.text.splitlines()
    taken = [written[number - 1].strip() for number in sorted(spliced.lines)]
    assert taken == [line.strip() for line in part.splitlines()], f"{placement.rule}: splicing lost track of lines"
    return spliced


def _parts(text: str) -> list[str]:
    return re.split(r"^---[ \t]*\n", text, flags=re.M)


# --------------------------------------------------------------------------- running


def _config(placement: Placement, root: Path) -> Config:
    if placement.config is None:
        return Config(profile=load_profile(DEFAULT_PROFILE))
    path = root / "trajectkit.yaml"
    path.write_text(yaml.safe_dump(placement.config), encoding="utf-8")
    return read_config(path)


def _edit(catalogue: Path, edit: dict[str, str]) -> None:
    path = catalogue / edit["file"]
    text = path.read_text(encoding="utf-8")
    assert text.count(edit["replace"]) == 1, f"{edit['replace']!r} does not occur once in {edit['file']}"
    path.write_text(text.replace(edit["replace"], edit["with"]), encoding="utf-8")


@dataclass(frozen=True)
class Run:
    catalogue: Path
    report: Report
    spliced: dict[str, frozenset[int]]

    def where(self, problem: Problem) -> str:
        return Path(problem.path).relative_to(self.catalogue).as_posix()

    def of(self, rule: str) -> list[Problem]:
        return [problem for problem in self.report.problems if problem.rule == rule]

    def inside(self, problem: Problem) -> bool:
        return problem.line in self.spliced.get(self.where(problem), frozenset())

    def show(self) -> str:
        found = "\n".join(f"  {self.where(p)}:{p.line}:{p.column} [{p.rule}] {p.message}" for p in self.report.problems)
        lines = {name: f"{min(lines)}-{max(lines)}" for name, lines in self.spliced.items()}
        return f"spliced lines: {lines}\nall problems:\n{found or '  (none)'}"


def run_example(rule: str, outcome: Outcome, root: Path) -> Run:
    placement = PLACEMENTS[rule]
    catalogue = root / "catalogue"
    shutil.copytree(SAMPLES, catalogue)
    for edit in placement.edits:
        _edit(catalogue, edit)
    parts = _parts(example(RULES[rule], outcome))
    assert len(parts) == len(placement.files), f"{rule}: {len(parts)} parts for {len(placement.files)} files"
    spliced = {}
    for name, part in zip(placement.files, parts, strict=True):
        path = catalogue / name
        result = _splice(path.read_text(encoding="utf-8"), part, placement)
        path.write_text(result.text, encoding="utf-8")
        spliced[name] = result.lines
    _, report = check_catalogue([catalogue], _config(placement, root))
    return Run(catalogue, report, spliced)


def _broken(run: Run, rule: str) -> list[Problem]:
    """Load-rule findings other than ``rule``'s in the files the example went into."""
    return [p for p in run.report.problems if p.rule in LOAD_RULES - {rule} and run.where(p) in run.spliced]


# --------------------------------------------------------------------------- the tests


def test_every_rule_says_where_its_examples_go() -> None:
    assert list(PLACEMENTS) == list(RULES), f"{SPEC.name} lists the rules of trajectkit.rules.RULES, in that order"


def test_only_rules_about_yaml_text_are_read_alone() -> None:
    assert set(ALONE) <= LOAD_RULES


@pytest.mark.parametrize("rule", SPLICED)
def test_failing_example_is_reported_in_the_spliced_text(rule: str, tmp_path: Path) -> None:
    run = run_example(rule, "fails", tmp_path)
    inside = [problem for problem in run.of(rule) if run.inside(problem)]
    assert inside, f"{rule}: no finding of the rule in the spliced example\n{run.show()}"
    assert not _broken(run, rule), f"{rule}: the example breaks its file in another way\n{run.show()}"


@pytest.mark.parametrize("rule", SPLICED)
def test_passing_example_gives_no_finding_of_its_rule(rule: str, tmp_path: Path) -> None:
    run = run_example(rule, "passes", tmp_path)
    assert not run.of(rule), f"{rule}: the passing example is reported\n{run.show()}"
    assert not _broken(run, rule), f"{rule}: the passing example does not load cleanly\n{run.show()}"


@pytest.mark.parametrize("rule", ALONE)
def test_failing_yaml_text_is_refused_by_its_rule(rule: str) -> None:
    text = example(RULES[rule], "fails")
    _, findings = parse_bytes(text.encode("utf-8"), "example.yaml")
    lines = range(1, len(text.splitlines()) + 1)
    assert [f for f in findings if f.rule == rule and f.location.line in lines], findings


@pytest.mark.parametrize("rule", ALONE)
def test_passing_yaml_text_is_read(rule: str) -> None:
    documents, findings = parse_bytes(example(RULES[rule], "passes").encode("utf-8"), "example.yaml")
    assert findings == [] and len(documents) == 1
