"""Who can go where: the one placement check that match and scenario both use."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from plan_support import copy_samples, edit, load

from trajectkit.analysis import placement
from trajectkit.analysis.match import match
from trajectkit.analysis.placement import (
    CANNOT_OFFER,
    FULL,
    MENTOR,
    NO_RECOGNITION,
    active_on,
    held_competences,
    mentor_meets_profile,
    occupancy,
    offer,
    only_at_workplace,
)
from trajectkit.analysis.scenario import run_scenario
from trajectkit.catalogue.model import Attainment, Learner, Mentor, Placement, PriorLearning, Recognition, Workplace
from trajectkit.profile import DEFAULT_PROFILE, load_profile

D = dt.date
PROFILE = load_profile(DEFAULT_PROFILE)  # mentor: at least 25 years old, 5 years of experience


START = D(2026, 9, 1)
END = D(2028, 6, 30)
BORN = D(1980, 1, 1)


def learner(ident: str = "L-1", workplace: str | None = "WP-1", start: D = START, end: D = END) -> Learner:
    placements = (Placement(workplace, "M-1", start, end),) if workplace else ()
    return Learner(ident, "Naam", D(2010, 1, 1), "nl", "OT-00214", start, end, None, None, placements, None, {}, (), ())


def mentor(born: D = BORN, years: float = 10) -> Mentor:
    return Mentor("M-1", "Mentor", born, years, None)


def workplace(
    capacity: int = 1, mentors: tuple[Mentor, ...] = (mentor(),), cannot_offer: tuple[str, ...] = ()
) -> Workplace:
    recognitions = (Recognition("OT-00214", D(2025, 9, 1), D(2030, 8, 31), capacity),)
    return Workplace("WP-1", "Bedrijf", None, None, recognitions, cannot_offer, mentors)


def test_a_learner_is_active_from_start_to_end_inclusive() -> None:
    one = learner()
    assert [active_on(one, day) for day in (D(2026, 8, 31), D(2026, 9, 1), D(2028, 6, 30), D(2028, 7, 1))] == [
        False,
        True,
        True,
        False,
    ]


def test_held_competences_are_attained_and_exempted_ones() -> None:
    one = replace(
        learner(), prior_learning=(PriorLearning("bkc1", "attest"),), attained=(Attainment("bkc2", D(2027, 1, 1)),)
    )
    assert held_competences(one) == {"bkc1", "bkc2"}


@pytest.mark.parametrize(
    ("born", "years", "meets"),
    [
        (D(2001, 9, 1), 5, True),  # 25 on the day, 5 years: exactly enough
        (D(2001, 9, 2), 5, False),  # 25 one day later
        (D(1980, 1, 1), 4.5, False),
    ],
)
def test_a_mentor_meets_the_profile_on_the_day(born: D, years: float, meets: bool) -> None:
    assert mentor_meets_profile(mentor(born, years), PROFILE, D(2026, 9, 1)) is meets


def test_occupancy_counts_active_placed_learners_except_those_leaving() -> None:
    learners = [learner("L-1"), learner("L-2"), learner("L-3", workplace=None), learner("L-4", end=D(2026, 6, 30))]
    assert occupancy(learners, D(2026, 9, 1)) == Counter({("WP-1", "OT-00214"): 2})
    assert occupancy(learners, D(2026, 9, 1), leaving={"L-1"}) == Counter({("WP-1", "OT-00214"): 1})


def test_only_at_workplace_lists_what_no_school_or_centre_teaches(samples: Path) -> None:
    catalogue, _ = load(samples)
    trajectory = catalogue.trajectories["OT-00214"]
    expected = {item.competence for item in trajectory.allocations if set(item.at) == {"werkplek"}}
    assert only_at_workplace(trajectory) == expected
    assert only_at_workplace(None) == frozenset()


@pytest.mark.parametrize(
    ("place", "taken", "held", "reason"),
    [
        (workplace(), 0, set(), None),
        (workplace(), 1, set(), FULL),
        (workplace(mentors=(mentor(D(2005, 1, 1)),)), 0, set(), MENTOR),
        (workplace(mentors=()), 1, set(), MENTOR),  # checked before the places
        (workplace(cannot_offer=("bkc-only-here",)), 1, set(), CANNOT_OFFER),  # checked before the mentor
        (workplace(cannot_offer=("bkc-only-here",)), 0, {"bkc-only-here"}, None),  # held: nothing to learn there
    ],
)
def test_an_offer_says_why_it_cannot_take_a_learner(
    place: Workplace, taken: int, held: set[str], reason: str | None
) -> None:
    found = placement.Offer(
        place,
        "OT-00214",
        place.recognitions[0],
        taken,
        placement.eligible_mentors(place, PROFILE, D(2026, 9, 1)),
        frozenset(place.cannot_offer),
    )
    assert found.refusal(held) == reason


def test_no_recognition_on_the_day_comes_first(samples: Path) -> None:
    catalogue, _ = load(samples)
    found = offer(catalogue.workplaces["WP-0001"], None, "OT-00214", D(2023, 1, 1), PROFILE, Counter())
    assert found.recognition is None and found.refusal(set()) == NO_RECOGNITION


def test_match_and_scenario_refuse_the_same_workplace_for_the_same_reason(tmp_path: Path) -> None:
    """WP-0002's only mentor turns 22: neither command may send anyone there."""
    folder = copy_samples(tmp_path)
    edit(folder / "workplaces/WP-0002-bouwafwerking-de-smet.yaml", "birth_date: 1968-10-09", "birth_date: 2004-10-09")
    edit(folder / "learners/L-2026-0003.yaml", "workplace: WP-0002", "workplace: WP-0003")
    edit(folder / "learners/L-2026-0003.yaml", "mentor: M-03", "mentor: M-05")
    catalogue, _ = load(folder)
    day = D(2026, 10, 1)
    scenario = run_scenario(catalogue, day, PROFILE, ["WP-0001"])
    assert [item.learner for item in scenario.learners] == ["L-2026-0001", "L-2026-0002"]
    for affected in scenario.learners:
        assert "WP-0002" not in {alternative.workplace for alternative in affected.alternatives}
        assert [r.reason for r in affected.rejected if r.workplace == "WP-0002"] == [
            "no mentor who meets the profile on that date"
        ]
    result = match(catalogue, PROFILE, day)
    assert "WP-0002" not in {item.workplace.id for item in result.assignments}
