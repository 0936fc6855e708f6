"""Version 1.1 over time: evaluation moments, evaluations and plan versions as written
in the format contract are accepted and read into the model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plan_support import TRAJECTORY, copy_samples, load

from trajectkit.catalogue.model import current_version

LEARNER = "learners/L-2026-0001.yaml"

#: The contract's additions, as individual.md writes them.
MOMENTS = """evaluation_moments:             # optional: when the parties evaluate, in order
  - id: E1
    title: Eerste evaluatie
    week: 8                     # weeks counted from the learner's start (calendar weeks)
    by: [school, werkplek]      # learning places taking part
  - id: E2
    title: Tussentijdse evaluatie
    week: 20
    by: [school, werkplek]
"""
EVALUATIONS = """evaluations:                   # what happened at each evaluation moment
  - moment: E1                 # an evaluation_moments id of the trajectory (optional)
    date: 2026-10-27
    by: [Els Van Acker, Peter Janssens]
    results:
      - {competence: bkc0051280, status: attained}
      - {competence: bkc0051279, status: in-progress, note: Werkt nog te weinig samen}
    note: Goede start
"""
PLAN_VERSIONS = """plan_versions:                 # the plan's history; the last one is current
  - version: 1
    date: 2026-08-28
    status: signed             # draft | signed
    signed: {learner: 2026-08-28, guardian: 2026-08-28, workplace: 2026-08-28, school: 2026-08-28}
  - version: 2
    date: 2027-01-15
    status: draft
    change: Gevelisolatie verplaatst naar het opleidingscentrum
"""


def over_time(tmp_path: Path, learner_text: str = EVALUATIONS + PLAN_VERSIONS) -> Path:
    """The samples with the contract's evaluation moments, evaluations and plan versions."""
    folder = copy_samples(tmp_path)
    for name, text in ((TRAJECTORY, MOMENTS), (LEARNER, learner_text)):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return folder


def test_the_contract_examples_validate_clean(cli, tmp_path: Path) -> None:
    folder = over_time(tmp_path)
    result = cli("validate", folder, "--strict")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings in 16 files" in result.output


def test_the_contract_examples_are_read_into_the_model(tmp_path: Path) -> None:
    catalogue, _ = load(over_time(tmp_path))
    trajectory = catalogue.trajectories["OT-00214"]
    first = trajectory.evaluation_moments[0]
    assert (first.id, first.title, first.week, first.by) == ("E1", "Eerste evaluatie", 8, ("school", "werkplek"))
    assert first.due(dt.date(2026, 9, 1)) == dt.date(2026, 10, 27)
    assert first.due(dt.date(9999, 12, 1)) == dt.date.max  # past the calendar: never due
    learner = catalogue.learners["L-2026-0001"]
    (evaluation,) = learner.evaluations
    assert (evaluation.moment, evaluation.date, evaluation.note) == ("E1", dt.date(2026, 10, 27), "Goede start")
    assert [(r.competence, r.status, r.note) for r in evaluation.results] == [
        ("bkc0051280", "attained", None),
        ("bkc0051279", "in-progress", "Werkt nog te weinig samen"),
    ]
    first_version, second_version = learner.plan_versions
    assert first_version.signed_on("guardian") == dt.date(2026, 8, 28)
    assert second_version.signed is None and second_version.signed_on("learner") is None
    assert second_version.is_draft and second_version.change.startswith("Gevelisolatie")
    assert current_version(learner.plan_versions, dt.date(2027, 1, 14)) is first_version
    assert current_version(learner.plan_versions, dt.date(2027, 1, 15)) is second_version
    assert current_version(learner.plan_versions, dt.date(2026, 8, 27)) is None


def test_a_version_without_status_is_signed_when_signatures_are_given(tmp_path: Path) -> None:
    versions = (
        "plan_versions:\n  - {version: 1, date: 2026-08-28, signed: {learner: 2026-08-28}}\n"
        "  - {version: 2, date: 2026-12-01}\n"
    )
    catalogue, _ = load(over_time(tmp_path, versions))
    statuses = [version.status for version in catalogue.learners["L-2026-0001"].plan_versions]
    assert statuses == ["signed", "draft"]


def test_wrong_values_are_schema_errors_at_their_line(cli, tmp_path: Path) -> None:
    bad = (
        "evaluations:\n  - date: 2026-10-27\n    results: [{competence: bkc0051280, status: done}]\n"
        "plan_versions:\n  - {version: 0, date: 2026-08-28, status: final}\n"
    )
    folder = over_time(tmp_path, bad)
    lines = (folder / LEARNER).read_text(encoding="utf-8").count("\n")
    result = cli("validate", folder)
    assert result.exit_code == 1
    assert f"L-2026-0001.yaml:{lines - 2}:" in result.output and "'done' is not allowed" in result.output
    assert f"L-2026-0001.yaml:{lines}:" in result.output and "'final' is not allowed" in result.output


def test_on_a_later_date_the_draft_and_the_missed_moment_are_warned_about(cli, tmp_path: Path) -> None:
    folder = over_time(tmp_path)
    config = tmp_path / "later.yaml"
    config.write_text("today: 2027-02-01\n", encoding="utf-8")
    result = cli("validate", folder, "--config", config)
    assert result.exit_code == 0, result.output
    text = (folder / LEARNER).read_text(encoding="utf-8").splitlines()
    evaluations = text.index("evaluations:                   # what happened at each evaluation moment") + 1
    draft = text.index("  - version: 2") + 1
    mine = [line for line in result.output.splitlines() if "L-2026-0001.yaml" in line]
    assert mine == [
        f"{folder / LEARNER}:{evaluations}:1: warning [evaluation-overdue] evaluation moment E2 (Tussentijdse "
        "evaluatie) of OT-00214 was due on 2027-01-19 (week 20 from the start 2026-09-01) and L-2026-0001 has "
        "no evaluation for it on 2027-02-01; record it under evaluations with `moment: E2`",
        f"{folder / LEARNER}:{draft}:5: warning [plan-unsigned] plan version 2 of L-2026-0001 (dated 2027-01-15, "
        "current on 2027-02-01) is a draft; have every party sign it and set `status: signed`",
    ]
    # the other learners of the trajectory were evaluated at neither moment
    assert result.output.count("warning [evaluation-overdue]") == 1 + 4 * 2
