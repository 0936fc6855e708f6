"""`trajectkit diff OLD NEW` on two versions of a learner file: the changed adjustments,
placements, hours and evaluations, and a plan change no new plan version records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

LEARNER = """\
kind: Learner
id: L-2026-0007
name: Sara Peeters
birth_date: 2009-05-14
trajectory: OT-00214
start: 2026-09-01
end: 2028-06-30
school: {name: GO! Technisch Atheneum Gent, coach: An De Smet, coach_email: an@example.org}
placements:
  - workplace: WP-0001
    mentor: M-01
    until: 2027-06-30
    agreement: {type: OAO, number: OAO-2026-1}
adjustments:
  - competence: bkc0051300
    at: [school]
    reason: De werkplek plaatst geen gevelisolatie
hours_per_week:
  school: 12
  werkplek: 20
evaluations:
  - moment: E1
    date: 2026-10-27
    results:
      - {competence: bkc0051280, status: in-progress}
plan_versions:
  - version: 1
    date: 2026-08-28
    status: signed
    signed: {learner: 2026-08-28, guardian: 2026-08-28, workplace: 2026-08-28, school: 2026-08-28}
"""

#: (old text, new text) edits that change the agreed plan, and one that adds an evaluation.
PLAN_EDITS = (
    ("    at: [school]\n", "    at: [school, opleidingscentrum]\n"),
    ("  werkplek: 20\n", "  werkplek: 24\n"),
    (
        "adjustments:\n",
        "  - workplace: WP-0003\n    mentor: M-04\n    from: 2027-09-01\n    agreement: {type: OAO}\nadjustments:\n",
    ),
)
EVALUATION = (
    "plan_versions:\n",
    "  - moment: E2\n    date: 2027-02-10\n    results:\n      - {competence: bkc0051280, status: attained}\n"
    "plan_versions:\n",
)
NEW_VERSION = "  - {version: 2, date: 2027-03-01, status: draft, change: Gevelisolatie ook in het centrum}\n"


def write(folder: Path, name: str, edits: tuple[tuple[str, str], ...] = (), extra: str = "") -> Path:
    text = LEARNER
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text + extra, encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    found = [number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


def diff(cli, old: Path, new: Path, output: str = "json"):
    result = cli("diff", old, new, "--format", output)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.output


def test_plan_changes_without_a_new_version_are_listed_and_flagged(cli, tmp_path: Path) -> None:
    old = write(tmp_path, "old.yaml")
    new = write(tmp_path, "new.yaml", (*PLAN_EDITS, EVALUATION))
    code, output = diff(cli, old, new)
    data = json.loads(output)
    assert code == 1
    found = {(change["change"], change["subject"]): change for change in data["changes"]}
    assert set(found) == {
        ("hours", "werkplek"),
        ("adjustment-changed", "bkc0051300"),
        ("placement-added", "WP-0003"),
        ("evaluation-added", "E2 on 2027-02-10"),
    }
    assert (found[("hours", "werkplek")]["old"], found[("hours", "werkplek")]["new"]) == ("20", "24")
    assert found[("hours", "werkplek")]["line"] == line_of(new, "werkplek: 24")
    assert "at [school] → [school, opleidingscentrum]" in found[("adjustment-changed", "bkc0051300")]["message"]
    assert found[("placement-added", "WP-0003")]["line"] == line_of(new, "workplace: WP-0003")
    assert "1 result(s), 1 attained" in found[("evaluation-added", "E2 on 2027-02-10")]["message"]
    (flag,) = data["unrecorded"]
    assert flag["learner"] == "L-2026-0007" and flag["signed_version"] == 1
    assert flag["changes"] == ["hours", "adjustment-changed", "placement-added"]  # not the evaluation
    assert flag["line"] == line_of(new, "- version: 1")
    assert data["summary"] == {
        "documents": 1,
        "changed_documents": 1,
        "changes": 4,
        "learners_affected": 0,
        "unrecorded": 1,
    }
    code, text = diff(cli, old, new, "text")
    warnings = [line for line in text.splitlines() if line.startswith("warning: ")]
    assert code == 1 and len(warnings) == 1
    assert "hours, adjustment-changed, placement-added changed after signed plan version 1 (2026-08-28)" in warnings[0]
    assert f"new.yaml:{line_of(new, '- version: 1')}:" in warnings[0]
    assert text.splitlines()[-1].endswith("; 1 plan change(s) not recorded")
    code, github = diff(cli, old, new, "github")
    assert code == 1 and "title=trajectkit diff%3A plan-not-recorded::" in github


def test_a_new_plan_version_records_the_change(cli, tmp_path: Path) -> None:
    old = write(tmp_path, "old.yaml")
    new = write(tmp_path, "new.yaml", PLAN_EDITS, NEW_VERSION)
    code, output = diff(cli, old, new)
    data = json.loads(output)
    assert code == 0 and data["unrecorded"] == []
    kinds = [change["change"] for change in data["changes"]]
    assert kinds == ["hours", "adjustment-changed", "placement-added", "plan-version-added"]


@pytest.mark.parametrize(
    "edits",
    [
        (EVALUATION,),
        (
            (
                "    agreement: {type: OAO, number: OAO-2026-1}\n",
                "    agreement: {type: OAO, number: OAO-2026-1, ended_on: 2027-03-31, end_reason: by-learner}\n",
            ),
        ),
    ],
    ids=["evaluation", "early-end"],
)
def test_records_are_listed_but_not_flagged(cli, tmp_path: Path, edits) -> None:
    old = write(tmp_path, "old.yaml")
    new = write(tmp_path, "new.yaml", edits)
    code, output = diff(cli, old, new)
    data = json.loads(output)
    assert code == 0 and data["unrecorded"] == [] and len(data["changes"]) == 1


def test_an_early_end_is_a_placement_ended(cli, tmp_path: Path) -> None:
    agreement = "    agreement: {type: OAO, number: OAO-2026-1}\n"
    ended = "    agreement: {type: OAO, number: OAO-2026-1, ended_on: 2027-03-31, end_reason: by-learner}\n"
    old = write(tmp_path, "old.yaml")
    new = write(tmp_path, "new.yaml", ((agreement, ended),))
    (change,) = json.loads(diff(cli, old, new)[1])["changes"]
    assert (change["change"], change["old"], change["new"]) == ("placement-ended", "(none)", "2027-03-31")
    assert "end reason (none) → by-learner" in change["message"]


def test_removed_adjustment_placement_and_evaluation(cli, tmp_path: Path) -> None:
    old = write(tmp_path, "old.yaml", (PLAN_EDITS[2], EVALUATION))
    new = write(
        tmp_path,
        "new.yaml",
        (
            (
                "adjustments:\n  - competence: bkc0051300\n    at: [school]\n    reason: De werkplek plaatst geen gevelisolatie\n",
                "",
            ),
        ),
        NEW_VERSION,
    )
    code, output = diff(cli, old, new)
    data = json.loads(output)
    kinds = [(change["change"], change["subject"]) for change in data["changes"]]
    assert kinds == [
        ("adjustment-removed", "bkc0051300"),
        ("placement-removed", "WP-0003"),
        ("evaluation-removed", "E2 on 2027-02-10"),
        ("plan-version-added", "2"),
    ]
    assert code == 0


def test_the_same_file_has_no_changes(cli, tmp_path: Path) -> None:
    old = write(tmp_path, "old.yaml")
    new = write(tmp_path, "new.yaml")
    code, text = diff(cli, old, new, "text")
    assert code == 0 and "No changes." in text and text.splitlines()[-1].startswith("0 change(s) in 0 of 1 document(s)")
