"""`trajectkit progress`: each learner's competences planned by now, attained, in
progress, exempt and to do, checked on copies of the samples edited on disk.

Sample learner L-2026-0001 runs from 2026-09-01 to 2028-06-30 on OT-00214, whose
phases are instap (10 weeks: up to 2026-11-09, 10 competences), verdieping (45
weeks: up to 2027-09-20, 13 competences) and afronding (the rest, 9 competences).
It attained bkc0051280 (2026-10-16) and bkc0051279 (2026-11-13).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from plan_support import TRAJECTORY, copy_samples, edit

LEARNER = "learners/L-2026-0001.yaml"
INSTAP = {
    "ET-NL-01",
    "ET-WIS-01",
    "bkc0051279",
    "bkc0051280",
    "bkc0051283",
    "bkc0051284",
    "bkc0051285",
    "bkc0051286",
    "bkc0051287",
    "bkc0051288",
}

MOMENTS = """evaluation_moments:
  - {id: E1, title: Eerste evaluatie, week: 8, by: [school, werkplek]}
  - {id: E2, title: Tweede evaluatie, week: 20, by: [school, werkplek]}
  - {id: E3, title: Derde evaluatie, week: 40, by: [school, werkplek]}
"""

# E1 is due on 2026-10-27 and has no evaluation; E2 on 2027-01-19 has one.
EVALUATIONS = """evaluations:
  - moment: E2
    date: 2027-01-19
    results:
      - {competence: bkc0051283, status: attained}
      - {competence: bkc0051284, status: in-progress, note: Steigers nog onder begeleiding}
  - date: 2027-04-02
    results: [{competence: bkc0051286, status: attained}]
prior_learning:
  - competence: bkc0051285
    evidence: Attest opleiding rolsteigers, Constructiv, 2025
plan_versions:
  - version: 1
    date: 2026-09-01
    status: signed
    signed: {learner: 2026-09-01, guardian: 2026-09-01, workplace: 2026-09-02, school: 2026-09-01}
  - version: 2
    date: 2027-02-01
    status: draft
    change: Steigerwerk later
"""


def one_learner(tmp_path: Path, *, moments: bool = False, evaluations: bool = False) -> Path:
    folder = copy_samples(tmp_path, learners=("L-2026-0001",))
    if moments:
        edit(folder / TRAJECTORY, "phases:", MOMENTS + "phases:")
    if evaluations:
        path = folder / LEARNER
        path.write_text(path.read_text(encoding="utf-8") + EVALUATIONS, encoding="utf-8")
    return folder


def progress_json(cli, folder: Path, day: str, *extra: str) -> tuple[int, dict]:
    result = cli("progress", folder, "--on", day, "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize(
    ("day", "phase", "planned"),
    [
        ("2026-10-01", "instap", 0),
        ("2026-11-09", "instap", 0),  # the phase's last day: not yet ended
        ("2026-11-10", "verdieping", 10),
        ("2027-03-01", "verdieping", 10),
        ("2027-09-21", "afronding", 23),
        ("2028-03-01", "afronding", 23),
        ("2028-07-01", None, 32),  # after the end, every competence was planned
    ],
)
def test_planned_by_now_counts_the_competences_of_the_phases_that_ended(
    cli, tmp_path: Path, day: str, phase: str | None, planned: int
) -> None:
    _, data = progress_json(cli, one_learner(tmp_path), day)
    (learner,) = data["learners"]
    assert (learner["phase"], len(learner["planned"]), learner["competences"]) == (phase, planned, 32)
    if planned == 10:
        assert set(learner["planned"]) == INSTAP
        # bkc0051279 was attained on 2026-11-13: after 2026-11-10, before 2027-03-01
        behind = INSTAP - {"bkc0051280"} - ({"bkc0051279"} if day == "2027-03-01" else set())
        assert set(learner["behind"]) == behind


def test_an_attained_evaluation_counts_from_its_date_and_an_exemption_is_not_missing(cli, tmp_path: Path) -> None:
    folder = one_learner(tmp_path, moments=True, evaluations=True)
    _, data = progress_json(cli, folder, "2027-03-01")
    (learner,) = data["learners"]
    assert learner["attained"] == ["bkc0051279", "bkc0051280", "bkc0051283"]
    assert learner["exempt"] == ["bkc0051285"]
    assert learner["in_progress"] == ["bkc0051284"]
    assert set(learner["behind"]) == {"ET-NL-01", "ET-WIS-01", "bkc0051284", "bkc0051286", "bkc0051287", "bkc0051288"}
    assert len(learner["to_do"]) == 32 - 3 - 1
    assert learner["plan"] == {"version": 2, "status": "draft"}
    # bkc0051286 is attained by the evaluation of 2027-04-02, not before
    _, later = progress_json(cli, folder, "2027-04-02")
    assert "bkc0051286" in later["learners"][0]["attained"]
    assert "bkc0051286" not in later["learners"][0]["behind"]
    _, first = progress_json(cli, folder, "2027-01-31")
    assert first["learners"][0]["plan"] == {"version": 1, "status": "signed"}


def test_evaluation_moments_last_next_and_overdue(cli, tmp_path: Path) -> None:
    folder = one_learner(tmp_path, moments=True, evaluations=True)
    code, data = progress_json(cli, folder, "2027-03-01")
    (learner,) = data["learners"]
    assert (learner["last_moment"]["id"], learner["last_moment"]["due"]) == ("E2", "2027-01-19")
    assert learner["last_moment"]["evaluated"] is True
    assert (learner["next_moment"]["id"], learner["next_moment"]["due"]) == ("E3", "2027-06-08")
    assert [(item["id"], item["due"]) for item in learner["overdue"]] == [("E1", "2026-10-27")]
    assert code == 1
    # the same moment is what validate reports as evaluation-overdue
    (folder / "trajectkit.yaml").write_text("today: 2027-03-01\n", encoding="utf-8")
    report = cli("validate", folder, "--format", "json")
    overdue = [item for item in json.loads(report.output)["problems"] if item["rule"] == "evaluation-overdue"]
    assert len(overdue) == 1 and "E1" in overdue[0]["message"]


def test_the_exit_code_asks_for_attention_only_when_someone_is_behind_or_overdue(cli, tmp_path: Path) -> None:
    folder = one_learner(tmp_path, moments=True)
    assert cli("progress", folder, "--on", "2026-10-01").exit_code == 0  # inside instap, no moment due yet
    result = cli("progress", folder, "--on", "2026-10-28")  # E1 passed without an evaluation
    assert result.exit_code == 1
    assert "L-2026-0001 has no evaluation for moment E1, due on 2026-10-27" in result.output
    assert cli("progress", folder, "--on", "2026-11-20").exit_code == 1  # behind on instap


def test_a_learner_with_two_placements_is_at_the_one_in_force(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path, learners=("L-2028-0001",))
    seen = {}
    for day in ("2029-01-15", "2029-07-15", "2029-10-01"):
        _, data = progress_json(cli, folder, day)
        (learner,) = data["learners"]
        seen[day] = (learner["workplaces"], learner["phase"], len(learner["planned"]))
    # start 2028-09-01: instap up to 2028-11-09, verdieping up to 2029-09-20
    assert seen == {
        "2029-01-15": (["WP-0001"], "verdieping", 10),
        "2029-07-15": ([], "verdieping", 10),
        "2029-10-01": (["WP-0003"], "afronding", 23),
    }


def test_the_cohort_puts_those_who_need_attention_first_then_by_id(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    # L-2026-0001 starts later: on 2027-03-01 it is still in instap, nothing planned yet
    edit(folder / LEARNER, "start: 2026-09-01", "start: 2027-01-04")
    code, data = progress_json(cli, folder, "2027-03-01")
    order = [(item["learner"], item["needs_attention"]) for item in data["learners"]]
    assert order == [
        ("L-2026-0002", True),
        ("L-2026-0003", True),
        ("L-2026-0004", True),
        ("L-2026-0005", True),
        ("L-2026-0001", False),
        ("L-2028-0001", False),
        ("L-2028-0002", False),
    ]
    assert (code, data["attention"]) == (1, 4)
    text = cli("progress", folder, "--on", "2027-03-01").output
    lines = [line.split()[1] for line in text.splitlines() if line.startswith("  ! ")]
    assert lines == ["L-2026-0002", "L-2026-0003", "L-2026-0004", "L-2026-0005"]


def test_coach_and_provider_select_their_learners(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    _, data = progress_json(cli, folder, "2027-03-01", "--provider", "P-VTI-AALST")
    assert [item["learner"] for item in data["learners"]] == ["L-2026-0003"]
    _, data = progress_json(cli, folder, "2027-03-01", "--coach", "Sofie Vanhoutte")
    assert [item["learner"] for item in data["learners"]] == ["L-2026-0004"]
    _, data = progress_json(cli, folder, "2027-03-01", "--coach", "C-01")
    assert {item["learner"] for item in data["learners"]} == {
        "L-2026-0001",
        "L-2026-0002",
        "L-2026-0003",
        "L-2028-0001",
        "L-2028-0002",
    }


def test_csv_has_one_row_per_learner_with_the_counts(cli, tmp_path: Path) -> None:
    folder = one_learner(tmp_path, moments=True, evaluations=True)
    result = cli("progress", folder, "--on", "2027-03-01", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(result.output)))
    assert (row["planned"], row["attained"], row["exempt"], row["in_progress"], row["behind"]) == (
        "10",
        "3",
        "1",
        "1",
        "6",
    )
    assert (row["plan_version"], row["plan_status"], row["needs_attention"]) == ("2", "draft", "yes")


@pytest.mark.parametrize(("language", "title"), [("nl", "Voortgang"), ("en", "Progress")])
def test_the_dashboard_speaks_the_language_asked(cli, tmp_path: Path, language: str, title: str) -> None:
    folder = one_learner(tmp_path, moments=True, evaluations=True)
    out = tmp_path / "progress.html"
    result = cli("progress", folder, "--on", "2027-03-01", "--format", "html", "--lang", language, "-o", out)
    assert result.exit_code == 1, result.output
    html = out.read_text(encoding="utf-8")
    assert f'<html lang="{language}' in html
    assert f"<h1>{title} " in html
    assert "L-2026-0001" in html and "<script" not in html


def test_usage_errors_and_a_broken_learner_are_refused(cli, tmp_path: Path) -> None:
    folder = one_learner(tmp_path)
    result = cli("progress", folder, "--on", "2027-03-01", "--learner", "L-2026-0009")
    assert result.exit_code == 2 and "L-2026-0009" in result.output
    result = cli("progress", folder, "--on", "2027-03-01", "--learner", "L-2026-0001", "--coach", "C-01")
    assert result.exit_code == 2 and "--learner and --coach" in result.output
    edit(folder / LEARNER, "start: 2026-09-01", "start: 2026-13-01")
    result = cli("progress", folder, "--on", "2027-03-01")
    assert result.exit_code == 1 and "L-2026-0001.yaml" in result.output
    assert "Traceback" not in result.output


def test_readme_section_commands_run(cli, tmp_path: Path, samples: Path) -> None:
    """The copy-paste examples of the README's progress section: the samples are behind."""
    from readme_snippets import commands, section, snippets

    shutil.copytree(samples, tmp_path / "samples")
    found = [args for block in snippets(section("Follow the learners over time")) for args in commands(block.text)]
    assert [args[0] for args in found] == ["progress", "progress"]
    for args in found:
        result = cli(*args)
        assert result.exit_code == 1, result.output
    assert "L-2026-0002" in cli(*found[0]).output
    assert '<html lang="nl' in (tmp_path / "voortgang.html").read_text(encoding="utf-8")


def test_the_pdf_dashboard_needs_out_and_is_a_pdf(cli, tmp_path: Path) -> None:
    folder = one_learner(tmp_path)
    assert cli("progress", folder, "--on", "2027-03-01", "--format", "pdf").exit_code == 2
    out = tmp_path / "progress.pdf"
    result = cli("progress", folder, "--on", "2027-03-01", "--format", "pdf", "--lang", "nl", "-o", out)
    assert result.exit_code == 1, result.output
    assert out.read_bytes().startswith(b"%PDF-")
