"""`trajectkit progress` for learners whose dual learning ended early (stopzetting),
on a purpose-built cohort of copies of sample learner L-2026-0001 (start 2026-09-01;
phase instap up to 2026-11-09 with 10 competences, of which it attained bkc0051280 on
2026-10-16 and bkc0051279 on 2026-11-13):

- L-1 as it is: on 2026-11-20 behind on the 8 other competences of instap;
- L-2 the same, but its agreement ended early on 2026-11-15: it would be behind too;
- L-3 starts on 2026-10-01: its instap runs up to 2026-12-09, nothing planned yet.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from plan_support import TRAJECTORY, copy_samples, edit

SOURCE = "learners/L-2026-0001.yaml"
ENDED = "agreement: {type: OAO, ended_on: 2026-11-15, end_reason: by-learner}"
MOMENTS = "evaluation_moments:\n  - {id: E1, title: Eerste evaluatie, week: 8, by: [school, werkplek]}\n"


def cohort(tmp_path: Path, *, with_behind: bool = True) -> Path:
    folder = copy_samples(tmp_path, learners=("L-2026-0001",))
    # E1 is due on 2026-10-27 for a start on 2026-09-01: overdue for L-1 and L-2
    edit(folder / TRAJECTORY, "phases:", MOMENTS + "phases:")
    text = (folder / SOURCE).read_text(encoding="utf-8")
    (folder / SOURCE).unlink()
    learners = {
        "L-1": text,
        "L-2": text.replace("agreement: OAO ", ENDED + " "),
        "L-3": text.replace("start: 2026-09-01", "start: 2026-10-01"),
    }
    assert ENDED in learners["L-2"] and "2026-10-01" in learners["L-3"]
    for ident, body in learners.items():
        if ident != "L-1" or with_behind:
            path = folder / "learners" / f"{ident}.yaml"
            path.write_text(body.replace("id: L-2026-0001", f"id: {ident}"), encoding="utf-8")
    return folder


def test_an_early_leaver_is_not_behind_nor_overdue_and_does_not_set_the_exit_code(cli, tmp_path: Path) -> None:
    folder = cohort(tmp_path)
    result = cli("progress", folder, "--on", "2026-11-20", "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    by_id = {item["learner"]: item for item in data["learners"]}
    assert [item["learner"] for item in data["learners"]] == ["L-1", "L-2", "L-3"]
    assert (data["attention"], data["ended_early"]) == (1, 1)
    assert (len(by_id["L-1"]["behind"]), len(by_id["L-1"]["overdue"]), by_id["L-1"]["status"]) == (
        8,
        1,
        "needs-attention",
    )
    left = by_id["L-2"]
    assert (left["behind"], left["overdue"], left["needs_attention"], left["status"]) == ([], [], False, "ended-early")
    assert left["ended_early"] == {
        "on": "2026-11-15",
        "reason": "by-learner",
        "text": "ended early (stopzetting) on 2026-11-15: by the learner",
    }
    # what it attained and planned still shows: 10 planned, 2 attained by its end
    assert (len(left["planned"]), len(left["attained"]), left["next_moment"]) == (10, 2, None)
    assert (by_id["L-3"]["status"], len(by_id["L-3"]["planned"]), by_id["L-3"]["ended_early"]) == (
        "on-schedule",
        0,
        None,
    )
    # without the learner who is behind, nobody needs attention: exit 0
    calm = cohort(tmp_path / "calm", with_behind=False)
    assert cli("progress", calm, "--on", "2026-11-20").exit_code == 0


def test_before_its_end_the_leaver_is_followed_as_any_other(cli, tmp_path: Path) -> None:
    folder = cohort(tmp_path)
    data = json.loads(cli("progress", folder, "--on", "2026-11-14", "--format", "json").output)
    left = next(item for item in data["learners"] if item["learner"] == "L-2")
    assert (len(left["behind"]), len(left["overdue"]), left["status"], left["ended_early"]) == (
        8,
        1,
        "needs-attention",
        None,
    )
    # on its last day it has left (the reference date is on or after ended_on)
    data = json.loads(cli("progress", folder, "--on", "2026-11-15", "--format", "json").output)
    assert [item["learner"] for item in data["learners"]] == ["L-1", "L-2", "L-3"]
    assert data["learners"][1]["status"] == "ended-early"


def test_text_and_csv_show_the_status(cli, tmp_path: Path) -> None:
    folder = cohort(tmp_path)
    text = cli("progress", folder, "--on", "2026-11-20").output
    assert "L-2: ended early (stopzetting) on 2026-11-15: by the learner" in text
    assert "L-2 is behind" not in text and "L-2 has no evaluation" not in text
    dutch = cli("progress", folder, "--on", "2026-11-20", "--lang", "nl").output
    assert "L-2: vroegtijdig gestopt (stopzetting) op 2026-11-15: door de leerling" in dutch
    rows = list(csv.DictReader(io.StringIO(cli("progress", folder, "--on", "2026-11-20", "--format", "csv").output)))
    assert [(row["learner"], row["status"], row["behind"], row["ended_on"], row["end_reason"]) for row in rows] == [
        ("L-1", "needs-attention", "8", "", ""),
        ("L-2", "ended-early", "0", "2026-11-15", "by-learner"),
        ("L-3", "on-schedule", "0", "", ""),
    ]


def test_the_dashboard_shows_the_early_end_in_both_languages(cli, tmp_path: Path) -> None:
    folder = cohort(tmp_path)
    for language, words in (
        ("en", "ended early (stopzetting) on 15 November 2026: by the learner"),
        ("nl", "vroegtijdig gestopt (stopzetting) op 15 november 2026: door de leerling"),
    ):
        out = tmp_path / f"progress-{language}.html"
        result = cli("progress", folder, "--on", "2026-11-20", "--format", "html", "--lang", language, "-o", out)
        assert result.exit_code == 1, result.output
        html = out.read_text(encoding="utf-8")
        assert words in html
        assert html.count('class="ended"') == 1 and html.count('class="attention"') == 1
