"""An `attained` result of an evaluation counts as attained from the evaluation's date,
wherever attained counts: the attest, the plan's competences and certificate
progress, and the competences a learner no longer has to learn (match, scenario)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from plan_support import copy_samples, load

from trajectkit.analysis.placement import held_competences
from trajectkit.analysis.plan import build_plan
from trajectkit.analysis.plan_context import PlannedEvaluation

LEARNER = "learners/L-2026-0001.yaml"

# The sample learner attained bkc0051280 (2026-10-16) and bkc0051279 (2026-11-13).
EVALUATIONS = """evaluations:
  - date: 2026-10-01
    results: [{competence: bkc0051280, status: attained}]
  - date: 2027-01-19
    results:
      - {competence: bkc0051281, status: attained}
      - {competence: bkc0051282, status: in-progress, note: Nog te traag}
      - {competence: bkc0051287, status: not-attained}
"""


def evaluated(tmp_path: Path) -> Path:
    folder = copy_samples(tmp_path)
    path = folder / LEARNER
    path.write_text(path.read_text(encoding="utf-8") + EVALUATIONS, encoding="utf-8")
    return folder


def test_the_attest_holds_what_an_evaluation_attained_from_its_date(cli, tmp_path: Path) -> None:
    result = cli("attest", evaluated(tmp_path), "--learner", "L-2026-0001", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(item["competence"], item["how"], item["date"]) for item in data["held"]] == [
        ("bkc0051279", "attained", "2026-11-13"),
        ("bkc0051280", "attained", "2026-10-01"),  # the evaluation was earlier than the `attained` item
        ("bkc0051281", "attained", "2027-01-19"),
    ]
    (partial,) = [item for item in data["next"] if item["qualification"] == "BK-0130-5-DBK-01"]
    assert partial["required"] == 13
    assert len(partial["held"]) == 3 and len(partial["missing"]) == 10
    missing = {item["competence"] for item in partial["missing"]}
    assert {"bkc0051282", "bkc0051287"} <= missing


def test_the_plan_counts_an_attained_result_and_leaves_the_others_planned(tmp_path: Path) -> None:
    catalogue, _ = load(evaluated(tmp_path))
    plan = build_plan(catalogue, "L-2026-0001")
    reached = plan.competence("bkc0051281")
    assert (reached.status, reached.attained_on) == ("attained", dt.date(2027, 1, 19))
    assert plan.competence("bkc0051280").attained_on == dt.date(2026, 10, 1)
    assert plan.competence("bkc0051282").status == "planned"
    assert plan.competence("bkc0051287").status == "planned"
    assert plan.competence("bkc0051282").evaluation == PlannedEvaluation(
        "in-progress", dt.date(2027, 1, 19), "Nog te traag"
    )
    assert plan.competence("bkc0051287").evaluation == PlannedEvaluation("not-attained", dt.date(2027, 1, 19))
    assert plan.competence("bkc0051281").evaluation is None  # attained: its date says enough
    progress = {(item.type, item.qualification): (item.done, item.total) for item in plan.certificates}
    assert progress[("professional-qualification", "BK-0130-5")] == (3, 24)
    assert progress[("partial-qualification", "BK-0130-5-DBK-01")] == (3, 13)


def test_matching_and_scenarios_do_not_plan_what_an_evaluation_attained(tmp_path: Path) -> None:
    catalogue, _ = load(evaluated(tmp_path))
    assert held_competences(catalogue.learners["L-2026-0001"]) == {"bkc0051279", "bkc0051280", "bkc0051281"}


def test_the_plan_prints_the_latest_result_and_its_note(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("plan", evaluated(tmp_path), "--learner", "L-2026-0001", "--out", out, "--format", "html")
    assert result.exit_code == 0, result.output
    html = (out / "L-2026-0001.html").read_text(encoding="utf-8")
    assert "in ontwikkeling op 19 januari 2027: Nog te traag</span>" in html
    assert "niet bereikt op 19 januari 2027</span>" in html
    assert '<span class="evidence">op 19 januari 2027</span>' in html  # bkc0051281, attained at the evaluation
