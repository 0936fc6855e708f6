"""Koppeling: learners without a workplace to recognised workplaces, as a min-cost flow.

Who is matched: every learner with no ``workplace``, in id order, and every learner
whose agreement ended early (stopzetting, :meth:`Learner.ended_by`) on or before the
date and who has no placement in force on it: after a stopzetting a new agreement
with another company is common, so such a learner is still looking. A learner whose
period ended before the date is not matched (reason ``period-ended``).

Where a learner may go, on the date (``--on``):

- the workplace holds a recognition (erkenning) for the learner's trajectory valid on
  the date (the one with the largest capacity if several are);
- it has a free place: that capacity minus the learners of the trajectory placed there
  and active on the date (start to end inclusive; rule ``capacity-exceeded`` and
  ``scenario`` count the same way);
- it has at least one mentor who meets the profile on the date (``mentor.min_age``,
  ``mentor.min_experience_years``);
- it can offer every competence the trajectory teaches only at the workplace, except
  those the learner already holds (prior learning or attained), as ``scenario`` does;
- with ``--max-distance-km``, it is no farther than that (see distance below).

The cost of a placement is the distance from the learner's home to the site: the
great-circle distance in km when both have ``coordinates``; otherwise a km-equivalent
by tier (:data:`TIER_KM`): 5 in the same municipality, 30 in the same province (from
the Belgian postcode), 100 elsewhere or when an address is missing. The same number
is compared with ``--max-distance-km``, so a limit of 40 keeps pairs without
coordinates in the same province and drops the others. Costs go to the solver in
whole metres.

The solver maximises the number of learners placed first, then minimises the total
distance: per trajectory (trajectories share no places), an assignment of learners to
free places (a workplace with room for three is three places), where a pair that is
not a candidate costs more than any possible total distance, solved by SciPy's
``linear_sum_assignment`` (compiled; networkx's network simplex, pure Python, took 30 s
where it takes 7 s for 20,000 learners solved exactly). Rows and columns are laid out in
id order and nothing is random, so the same catalogue gives the same assignment
whatever the order of its files. Two shortcuts keep the answer optimal and the problems
small: a learner whose nearest workplace has room for every learner who could go
there is placed there directly (some optimal assignment does the same), and the
others are solved in groups that share no workplace.

Candidate pruning: giving every learner every workplace of the trajectory is exact but
costs a distance per pair. Each learner gets only its nearest workplaces until they
hold ``candidate_places`` free places (default :data:`CANDIDATE_PLACES`). When a
trajectory has no more learners to place than that, this is still exact: if an
optimal assignment sent a learner beyond its candidates, those candidates hold at
least as many places as there are learners, so one is free and at least as near;
moving the learner there keeps the count and does not lengthen the total. In a larger
trajectory, when the pruned problem leaves out a learner for whom a place within reach
is still free, every learner of it gets twice the candidate places and it is solved
again, up to as many as there are learners, which is exact; so a learner is reported
unmatched only when every place within reach is taken (without ``--max-distance-km``
the number placed is the maximum). Otherwise the pruned answer stands: on the
generated Flanders catalogue (20,000 learners, 10,000 workplaces) its total distance
is 0.012 % over the exact optimum's. Pass ``candidate_places=None``
(``--candidate-places 0``) for the exact solution.

A placed learner gets the eligible mentor of the workplace with the fewest learners
active on the date (counting those placed in this run), then the lowest id.

Trajectories are independent, so with many learners they are solved in parallel
processes, each given only its trajectories' learners and places as plain data; the
answer does not depend on it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from trajectkit import collector
from trajectkit.analysis.match_solver import Job, Outcome, Task, solve_all
from trajectkit.analysis.nearest import TOO_FAR, Distance, Seeker, Slot
from trajectkit.analysis.placement import (
    CANNOT_OFFER,
    FULL,
    MENTOR,
    NO_RECOGNITION,
    Offer,
    active_on,
    held_competences,
    occupancy,
    offer,
    workplace_needs,
)
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.model import WORKPLACE, Learner, Mentor, Recognition, Workplace
from trajectkit.profile import Profile
from trajectkit.translation import N_, _

#: Free places each learner's nearest candidate workplaces hold together (pruning):
#: 16 gave 0.28 % more distance than the exact optimum for all of Flanders, 32 gives
#: 0.012 % in about a tenth more time (``benchmarks/match_bench.py --places 16,32,0``).
CANDIDATE_PLACES = 32
# Why a learner stays unmatched, in the order the conditions are checked (the others
# are those of trajectkit.analysis.placement).
PERIOD_ENDED = "period-ended"
REASONS = {  # English; the text format translates them
    PERIOD_ENDED: N_("the learner's period ended before the date"),
    NO_RECOGNITION: N_("no workplace is recognised for the trajectory on the date"),
    CANNOT_OFFER: N_("no recognised workplace can offer all the trajectory teaches only at the workplace"),
    MENTOR: N_("no recognised workplace has a mentor who meets the profile"),
    FULL: N_("every recognised place within reach is taken"),
    TOO_FAR: N_("every recognised workplace with a free place is too far"),
}

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Assignment:
    """A proposed placement and why: distance, recognition, mentor."""

    learner: Learner
    workplace: Workplace
    recognition: Recognition
    mentor: Mentor
    distance: Distance
    free_before: int  # free places of the recognition on the date, before this run
    mentor_learners: int  # learners the mentor guided on the date before this one
    agreement: str | None  # the trajectory's agreement type
    learning_places: tuple[str, ...] = ()  # the trajectory's workplace-type places the placement covers

    def reason(self) -> str:
        recognition = self.recognition
        until = recognition.valid_until.isoformat() if recognition.valid_until else _("open-ended")
        return _(
            "%(distance)s; recognised for %(trajectory)s %(from)s to %(until)s, %(free)d of %(capacity)d "
            "place(s) free before this run; mentor %(mentor)s (%(name)s) had %(learners)d learner(s)"
        ) % {
            "distance": self.distance.describe(),
            "trajectory": recognition.trajectory,
            "from": recognition.valid_from.isoformat(),
            "until": until,
            "free": self.free_before,
            "capacity": recognition.capacity,
            "mentor": self.mentor.id,
            "name": self.mentor.name,
            "learners": self.mentor_learners,
        }


@dataclass(frozen=True)
class Unmatched:
    """A learner left without a workplace; ``reason`` is one of :data:`REASONS`."""

    learner: Learner
    reason: str
    detail: str


@dataclass(frozen=True)
class MatchResult:
    """Every learner without a workplace: placed (``assignments``) or not (``unmatched``)."""

    day: dt.date
    max_distance_km: float | None
    candidate_places: int | None
    assignments: tuple[Assignment, ...]
    unmatched: tuple[Unmatched, ...]
    flows_solved: int = 0  # components that needed the solver
    edges: int = 0  # learner → workplace edges given to the solver

    @property
    def learners(self) -> int:
        return len(self.assignments) + len(self.unmatched)

    @property
    def total_km(self) -> float:
        return sum((item.distance.km for item in self.assignments), 0.0)

    def by_reason(self) -> dict[str, int]:
        counts = Counter(item.reason for item in self.unmatched)
        return {reason: counts[reason] for reason in REASONS if counts[reason]}


# --------------------------------------------------------------------------- matching


def match(
    catalogue: Catalogue,
    profile: Profile,
    day: dt.date,
    max_distance_km: float | None = None,
    candidate_places: int | None = CANDIDATE_PLACES,
    jobs: int | None = None,
) -> MatchResult:
    """Place every learner without a workplace (see the module doc).

    Trajectories are solved in ``jobs`` processes (default: one per CPU when there are
    at least :data:`PARALLEL_FROM` learners to place, else one); the answer is the same.
    """
    staying = [learner for learner in catalogue.learners.values() if not looking(learner, day)]
    waiting = [learner for learner in catalogue.learners.values() if looking(learner, day)]
    return assign(catalogue, profile, day, waiting, staying, (), max_distance_km, candidate_places, jobs)


def looking(learner: Learner, day: dt.date) -> bool:
    """Without a workplace, or left by an early end with no placement in force on ``day``."""
    if learner.workplace is None:
        return True
    return learner.ended_by(day) is not None and not learner.placements_on(day)


@collector.paused()
def assign(
    catalogue: Catalogue,
    profile: Profile,
    day: dt.date,
    seekers: Iterable[Learner],
    staying: Iterable[Learner],
    removed: Collection[str] = (),
    max_distance_km: float | None = None,
    candidate_places: int | None = CANDIDATE_PLACES,
    jobs: int | None = None,
) -> MatchResult:
    """Place ``seekers`` on the workplaces not ``removed``, as :func:`match` does.

    ``staying`` are the learners who keep their place: those active on the date take
    up their workplace's places and their mentor's time. ``scenario`` uses this for the
    learners of workplaces that fall away.
    """
    placed_on_day = [learner for learner in staying if learner.workplace is not None and active_on(learner, day)]
    taken = occupancy(placed_on_day, day)
    unmatched: list[Unmatched] = []
    by_trajectory: dict[str, list[Learner]] = defaultdict(list)
    for learner in sorted(seekers, key=lambda item: item.id):
        if learner.end < day:
            unmatched.append(
                Unmatched(
                    learner,
                    PERIOD_ENDED,
                    f"the learner's period ended on {learner.end.isoformat()}, before {day.isoformat()}",
                )
            )
        else:
            by_trajectory[learner.trajectory].append(learner)

    # What each seeker must learn at the workplace alone, on their effective trajectory;
    # a trajectory's offers are asked for all of it, and each seeker is spared the rest.
    held = {learner.id: held_competences(learner) for learners in by_trajectory.values() for learner in learners}
    needs = {
        learner.id: workplace_needs(learner, catalogue.trajectories.get(trajectory_id), day, held[learner.id])
        for trajectory_id, learners in by_trajectory.items()
        for learner in learners
    }
    needed = {
        trajectory_id: frozenset().union(*(needs[learner.id] for learner in learners))
        for trajectory_id, learners in by_trajectory.items()
    }
    offers: dict[str, list[Offer]] = defaultdict(list)
    for workplace in sorted(catalogue.workplaces.values(), key=lambda item: item.id):
        if workplace.id in removed:
            continue
        for trajectory_id in sorted({item.trajectory for item in workplace.recognitions} & by_trajectory.keys()):
            trajectory = catalogue.trajectories.get(trajectory_id)
            found = offer(workplace, trajectory, trajectory_id, day, profile, taken, needed[trajectory_id])
            if found.recognition is not None:
                offers[trajectory_id].append(found)
    tasks = [
        Task(
            trajectory_id,
            tuple(
                Seeker(
                    learner.id, learner.home, frozenset(held[learner.id] | (needed[trajectory_id] - needs[learner.id]))
                )
                for learner in learners
            ),
            tuple(_slot(found) for found in offers.get(trajectory_id, [])),
        )
        for trajectory_id, learners in sorted(by_trajectory.items())
    ]
    outcomes = solve_all(Job(day, max_distance_km, candidate_places, _mentor_rule(profile)), tasks, jobs)

    assignments = _assignments(catalogue, outcomes, offers, placed_on_day)
    unmatched += (
        Unmatched(catalogue.learners[item.learner], item.reason, item.detail)
        for outcome in outcomes
        for item in outcome.left
    )
    return MatchResult(
        day,
        max_distance_km,
        candidate_places,
        tuple(assignments),
        tuple(sorted(unmatched, key=lambda item: item.learner.id)),
        sum(outcome.flows for outcome in outcomes),
        sum(outcome.edges for outcome in outcomes),
    )


def _slot(found: Offer) -> Slot:
    workplace = found.workplace
    return Slot(
        workplace.id, workplace.name, workplace.site, found.capacity, found.free, bool(found.mentors), found.missing
    )


def _assignments(
    catalogue: Catalogue, outcomes: list[Outcome], offers: dict[str, list[Offer]], placed_on_day: list[Learner]
) -> list[Assignment]:
    """The placements with their mentors, in learner order: a mentor may guide learners
    of several trajectories, so mentors are chosen last."""
    by_place = {
        (found.workplace.id, trajectory_id): found for trajectory_id, listed in offers.items() for found in listed
    }
    mentor_load = Counter((learner.workplace, learner.mentor) for learner in placed_on_day)
    assignments: list[Assignment] = []
    for placed in sorted((item for outcome in outcomes for item in outcome.placed), key=lambda item: item.learner):
        learner, workplace = catalogue.learners[placed.learner], catalogue.workplaces[placed.workplace]
        found = by_place[(workplace.id, learner.trajectory)]
        mentor = min(found.mentors, key=lambda m: (mentor_load[(workplace.id, m.id)], m.id))
        load = mentor_load[(workplace.id, mentor.id)]
        mentor_load[(workplace.id, mentor.id)] += 1
        trajectory = catalogue.trajectories.get(learner.trajectory)
        assert found.recognition is not None  # only offers with a recognition are kept
        assignments.append(
            Assignment(
                learner,
                workplace,
                found.recognition,
                mentor,
                placed.distance,
                placed.free_before,
                load,
                trajectory.agreement if trajectory else None,
                tuple(place.id for place in trajectory.places_of_type(WORKPLACE)) if trajectory else (),
            )
        )
    return assignments


def _mentor_rule(profile: Profile) -> str:
    rules = []
    if (age := profile.get("mentor.min_age")) is not None:
        rules.append(_("at least %(age)s years old") % {"age": age})
    if (years := profile.get("mentor.min_experience_years")) is not None:
        rules.append(_("%(years)s years of experience") % {"years": years})
    return _(" with ").join(rules) or _("at all")
