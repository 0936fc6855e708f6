"""The refusal policy: which validation errors stop which command, as a filter over findings.

Every finding carries the document it stands in (kind and id, or unreadable), so
refusing needs no file read again: these tests build reports by hand and from real
catalogues on disk.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_support import copy_samples, edit, load

from trajectkit.problems import UNREADABLE, DocumentRef, Level, Problem
from trajectkit.validation import refusal
from trajectkit.validation.refusal import Needs, refusals
from trajectkit.validation.report import Report


def problem(rule: str, document: DocumentRef | None, level: Level = Level.ERROR, path: str = "f.yaml") -> Problem:
    return Problem(path, 1, 1, rule, level, f"{rule} here", document)


def report_of(*problems: Problem) -> Report:
    return Report(problems=problems, files=("f.yaml",))


LEARNER = DocumentRef("Learner", "L-1")
OTHER = DocumentRef("Learner", "L-2")
TRAJECTORY = DocumentRef("StandardTrajectory", "OT-1")


def test_only_errors_in_the_documents_needed_count() -> None:
    needs = Needs(documents=frozenset({("Learner", "L-1")}))
    found = refusals(
        report_of(
            problem("unresolved-reference", LEARNER),
            problem("unresolved-reference", OTHER),
            problem("unresolved-reference", LEARNER, Level.WARNING),
            problem("schema", LEARNER),
        ),
        needs,
    )
    assert [(p.rule, p.document) for p in found] == [("unresolved-reference", LEARNER), ("schema", LEARNER)]


def test_a_rule_counts_when_it_reads_files_or_the_command_names_it() -> None:
    needs = Needs(documents=frozenset({("Learner", "L-1")}), rules=frozenset({"certificate-incomplete"}))
    rules = ["yaml-syntax", "duplicate-key", "schema", "duplicate-id", "certificate-incomplete", "learner-age"]
    found = refusals(report_of(*(problem(rule, LEARNER) for rule in rules)), needs)
    assert [p.rule for p in found] == rules[:-1]


def test_every_rule_but_the_ignored_ones_when_rules_is_none() -> None:
    needs = Needs(documents=frozenset({("Learner", "L-1")}), rules=None, ignored=frozenset({"workplace-cannot-offer"}))
    found = refusals(report_of(problem("learner-age", LEARNER), problem("workplace-cannot-offer", LEARNER)), needs)
    assert [p.rule for p in found] == ["learner-age"]


def test_a_whole_kind_counts_for_commands_that_count_every_document() -> None:
    needs = Needs(kinds=frozenset({"Learner"}))
    found = refusals(report_of(problem("schema", OTHER), problem("schema", TRAJECTORY)), needs)
    assert [p.document for p in found] == [OTHER]


@pytest.mark.parametrize(
    ("needs", "blocked"),
    [
        (Needs(documents=frozenset({("Learner", "L-1")})), False),  # everything needed was read
        (Needs(kinds=frozenset({"Learner"})), True),  # an unreadable file may hold a learner
        (Needs(missing=frozenset({("Learner", "L-1")})), True),  # ... or the one that is missing
    ],
)
def test_an_unreadable_file_blocks_only_what_could_be_in_it(needs: Needs, blocked: bool) -> None:
    assert bool(refusals(report_of(problem("yaml-syntax", UNREADABLE)), needs)) is blocked


def test_a_file_without_documents_blocks_nothing() -> None:
    needs = Needs(kinds=frozenset({"Learner"}), missing=frozenset({("Learner", "L-1")}))
    assert refusals(report_of(problem("schema", None)), needs) == []


def test_a_broken_document_without_kind_or_id_is_named_when_a_document_is_missing() -> None:
    anonymous = DocumentRef(None, None)
    assert refusals(report_of(problem("schema", anonymous)), Needs(missing=frozenset({("Learner", "L-1")})))
    assert refusals(report_of(problem("schema", anonymous)), Needs(documents=frozenset({("Learner", "L-1")}))) == []


# --------------------------------------------------------------------------- on real catalogues


def test_findings_carry_their_document_in_a_file_of_several(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path, learners=("L-2026-0001", "L-2026-0002"))
    learners = folder / "learners"
    first = (learners / "L-2026-0001.yaml").read_text(encoding="utf-8")
    second = (learners / "L-2026-0002.yaml").read_text(encoding="utf-8").replace("mentor: M-02", "mentor: M-99")
    (learners / "L-2026-0001.yaml").unlink()
    (learners / "L-2026-0002.yaml").unlink()
    (learners / "all.yaml").write_text(
        first + "---\n" + second + "---\nkind: Learner\nid: L-3\nx: [\n", encoding="utf-8"
    )
    catalogue, report = load(folder)
    by_rule = {p.rule: p.document for p in report.problems if p.path.endswith("all.yaml")}
    assert by_rule["unresolved-reference"] == DocumentRef("Learner", "L-2026-0002")
    assert by_rule["yaml-syntax"] == UNREADABLE
    assert refusals(report, refusal.for_plan(catalogue, "L-2026-0001")) == []
    assert [p.rule for p in refusals(report, refusal.for_plan(catalogue, "L-2026-0002"))] == ["unresolved-reference"]


def test_errors_block_only_the_learners_whose_documents_they_are_in(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    edit(folder / "learners/L-2026-0002.yaml", "mentor: M-02", "mentor: M-99")
    edit(folder / "workplaces/WP-0003-vandenbulcke-droogbouw.yaml", "mentors:", "cannot_offer: [bkc9999999]\nmentors:")
    catalogue, report = load(folder)
    blocked = {ident for ident in catalogue.learners if refusals(report, refusal.for_plan(catalogue, ident))}
    # L-2026-0004 and L-2028-0002 are placed at WP-0003, L-2028-0001 in its second placement
    assert blocked == {"L-2026-0002", "L-2026-0004", "L-2028-0001", "L-2028-0002"}
    [found] = [p for p in refusals(report, refusal.for_plan(catalogue, "L-2026-0002")) if "M-99" in p.message]
    assert found.path.endswith("L-2026-0002.yaml")


def test_the_samples_are_refused_by_no_command(tmp_path: Path, samples: Path) -> None:
    catalogue, report = load(samples)
    needs = [
        refusal.for_coverage(catalogue, "OT-00214"),
        refusal.for_attest(catalogue, "L-2026-0003"),
        refusal.for_scenario(catalogue, ["WP-0001"]),
        refusal.for_match(catalogue),
        refusal.for_stats(catalogue),
        refusal.for_diff(catalogue, learners=True),
        refusal.for_sheet(catalogue, "OT-00214"),
        *(refusal.for_plan(catalogue, ident) for ident in catalogue.learners),
    ]
    assert all(refusals(report, need) == [] for need in needs)


def test_coverage_needs_the_qualifications_of_the_trajectory(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    edit(folder / "qualifications/BK-0168-3-tegelzetter.yaml", "level: 3", "level: nine")
    catalogue, report = load(folder)
    keys = refusal.qualification_documents(catalogue, "OT-00214")
    assert ("ProfessionalQualification", "BK-0168-3") in keys
    assert [p.rule for p in refusals(report, refusal.for_coverage(catalogue, "OT-00214"))] == ["schema"]
    assert refusals(report, refusal.for_plan(catalogue, "L-2026-0001")) == []
