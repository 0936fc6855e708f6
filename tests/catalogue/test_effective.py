"""The learner's effective trajectory: the standard with the adjustments, own hours and
the placements in force, computed in one place, on the rule tests' base catalogue."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from plan_support import edit, load

from trajectkit.catalogue.effective import effective_trajectory

BASE = Path(__file__).resolve().parents[1] / "data" / "rules" / "base"
D = dt.date

PLACEMENTS = (
    "placements:\n"
    "  - {workplace: WP-0001, mentor: M-01, until: 2027-06-30, agreement: {type: OAO, number: OAO-2026-1}}\n"
    "  - {workplace: WP-0001, mentor: M-02, from: 2027-09-01}\n"
    "adjustments:\n"
    "  - {competence: bkc0051295, at: [school, centrum], assessed_by: [school], reason: Niet op deze werf}\n"
    "  - {competence: bkc9999999, at: [school]}\n"
    "hours_per_week: {werkplek: 20, centrum: 4}\n"
)


def catalogue_with(tmp_path: Path, text: str):
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    edit(
        tmp_path / "learner.yaml",
        "workplace: WP-0001  # l1-workplace\nmentor: M-01  # l1-mentor\nagreement: OAO  # l1-agreement\n",
        text,
    )
    catalogue, _ = load(tmp_path)
    return catalogue


def test_adjustments_own_hours_and_placements_in_force(tmp_path: Path) -> None:
    catalogue = catalogue_with(tmp_path, PLACEMENTS)
    learner, standard = catalogue.learners["L-2026-0001"], catalogue.trajectories["OT-00214"]
    effective = effective_trajectory(learner, standard, D(2027, 1, 15))
    moved = effective.trajectory.allocation("bkc0051295")
    assert moved is not None and (moved.at, moved.assessed_by, moved.phase) == (
        ("school", "centrum"),
        ("school",),
        "afronding",
    )
    assert moved.source.at().line == learner.adjustments[0].source.at().line  # findings land at the adjustment
    assert standard.allocation("bkc0051295").at == ("school", "werkplek")  # the standard is untouched
    assert set(effective.adjustments) == {"bkc0051295"}  # one outside the trajectory changes nothing
    # 12 school (standard) + 20 werkplek + 4 centrum (own) instead of 12 + 22 + 2
    assert (effective.trajectory.workplace_hours(), effective.trajectory.total_hours()) == (20, 36)
    assert (standard.workplace_hours(), standard.total_hours()) == (22, 36)
    assert [p.mentor for p in effective.placements] == ["M-01"]
    assert effective_trajectory(learner, standard, D(2027, 7, 15)).placements == ()
    assert [p.mentor for p in effective_trajectory(learner, standard, D(2027, 9, 1)).placements] == ["M-02"]


def test_a_version_1_learner_has_the_standard_trajectory(tmp_path: Path) -> None:
    catalogue = catalogue_with(tmp_path, "workplace: WP-0001\nmentor: M-01\nagreement: OAO\n")
    learner, standard = catalogue.learners["L-2026-0001"], catalogue.trajectories["OT-00214"]
    effective = effective_trajectory(learner, standard, learner.start)
    assert effective.trajectory == standard
    assert [(p.workplace, p.start, p.end) for p in effective.placements] == [("WP-0001", learner.start, learner.end)]
