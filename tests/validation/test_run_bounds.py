"""What one file and one run may cost: values per file across `---`, documents and
values per run, and a report that lists a bounded number of problems."""

from __future__ import annotations

from pathlib import Path

from plan_support import copy_samples, load

from trajectkit.catalogue.files import Limits
from trajectkit.catalogue.loading import load_paths, parse_bytes
from trajectkit.problems import DocumentRef, Level, Problem
from trajectkit.validation import refusal
from trajectkit.validation.refusal import refusals
from trajectkit.validation.report import BoundedProblems, Report


def _documents(count: int, items: int = 3, first: int = 0) -> str:
    return "".join(
        f"---\nkind: Learner\nid: L-{index}\nx-items: [{', '.join(['1'] * items)}]\n"
        for index in range(first, first + count)
    )


def test_values_count_for_the_whole_file_not_per_document() -> None:
    # The mapping, its 3 values and the list's 3 items: 7 values per document.
    limits = Limits(max_nodes=20)
    documents, findings = parse_bytes(_documents(3).encode(), "f.yaml", limits)
    assert documents == []  # refused as a whole: many such files cannot add up in memory
    [finding] = findings
    assert finding.rule == "yaml-limits" and finding.location.line == 10  # the third document
    assert finding.message.startswith("file expands to more than 20 values (all its documents together)")


def test_documents_count_for_the_whole_run(tmp_path: Path) -> None:
    for name, first in (("a.yaml", 0), ("b.yaml", 2), ("c.yaml", 4)):
        (tmp_path / name).write_text(_documents(2, first=first), encoding="utf-8")
    loaded = load_paths([tmp_path], Limits(max_documents=3))
    assert [document.data["id"] for document in loaded.documents] == ["L-0", "L-1", "L-2"]
    assert [(Path(f.location.path).name, f.location.line) for f in loaded.findings] == [("b.yaml", 5), ("c.yaml", 1)]
    assert all("hold 3 documents, the most one run reads" in f.message for f in loaded.findings)
    # Ids of a file whose reading stopped are known (for hints); files not read at all are not.
    assert loaded.unread == {"L-2": (tmp_path / "b.yaml").as_posix(), "L-3": (tmp_path / "b.yaml").as_posix()}


def test_values_count_for_the_whole_run(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (tmp_path / name).write_text(_documents(1, items=10), encoding="utf-8")
    # 15 values per file: the first file fits, the second passes the run's 25.
    loaded = load_paths([tmp_path], Limits(max_total_nodes=25))
    assert len(loaded.documents) == 1
    messages = [(Path(f.location.path).name, f.message.split(";")[0]) for f in loaded.findings]
    assert messages == [
        ("b.yaml", "the files read so far hold 25 values, the most one run reads"),
        ("c.yaml", "the files read so far hold 25 values, the most one run reads"),
    ]


def _problem(line: int, level: Level = Level.ERROR, ident: str = "L-1", rule: str = "learner-age") -> Problem:
    return Problem("f.yaml", line, 1, rule, level, "m", DocumentRef("Learner", ident))


def test_the_first_problems_in_report_order_are_listed_and_the_rest_counted() -> None:
    found = BoundedProblems(limit=3)
    lines = [9, 4, 7, 1, 8, 2, 6, 3, 5, 10]
    for line in lines:
        found.add(_problem(line, Level.WARNING if line % 2 else Level.ERROR, ident=f"L-{line}"))
    problems, left_out = found.result()
    assert [problem.line for problem in problems] == [1, 2, 3]
    assert (left_out.errors, left_out.warnings) == (4, 3)  # 4, 6, 8, 10 and 5, 7, 9
    assert [document.id for document, _, _ in left_out.documents] == ["L-10", "L-4", "L-6", "L-8"]
    report = Report(problems=problems, files=("f.yaml",), left_out=left_out)
    assert report.errors == 5 and report.warnings == 5
    assert report.summary() == "5 errors, 5 warnings in 1 file (7 not listed)"


def test_why_reading_stopped_is_listed_past_the_bound() -> None:
    found = BoundedProblems(limit=2)
    for line in range(1, 6):
        found.add(_problem(line))
    found.add(_problem(99, rule="yaml-limits"))
    problems, left_out = found.result()
    assert [(problem.line, problem.rule) for problem in problems] == [
        (1, "learner-age"),
        (2, "learner-age"),
        (99, "yaml-limits"),
    ]
    assert left_out.errors == 3


def test_an_error_that_is_not_listed_still_refuses_the_plan(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path, learners=("L-2026-0001", "L-2026-0002"))
    catalogue, report = load(folder)
    found = BoundedProblems(limit=1)
    found.add(Problem("a.yaml", 1, 1, "learner-age", Level.ERROR, "first", DocumentRef("Learner", "L-2026-0001")))
    found.add(Problem("z.yaml", 1, 1, "mentor-requirements", Level.ERROR, "x", DocumentRef("Learner", "L-2026-0002")))
    problems, left_out = found.result()
    bounded = Report(problems=problems, files=report.files, left_out=left_out)
    [blocking] = refusals(bounded, refusal.for_plan(catalogue, "L-2026-0002"))
    assert (blocking.path, blocking.rule) == ("z.yaml", "mentor-requirements")
    assert "not listed" in blocking.message


def test_the_json_report_says_how_many_problems_it_leaves_out() -> None:
    import io
    import json

    from trajectkit.reporters.json_report import JsonReporter

    found = BoundedProblems(limit=2)
    for line in range(1, 6):
        found.add(_problem(line))
    problems, left_out = found.result()
    stream = io.StringIO()
    JsonReporter().write(Report(problems=problems, files=("f.yaml",), left_out=left_out), stream)
    summary = json.loads(stream.getvalue())["summary"]
    assert (summary["errors"], summary["not_listed"], len(json.loads(stream.getvalue())["problems"])) == (5, 3, 2)
    stream = io.StringIO()
    JsonReporter().write(Report(problems=problems, files=("f.yaml",)), stream)
    assert "not_listed" not in json.loads(stream.getvalue())["summary"]
