"""Koppeling: learners without a workplace to recognised workplaces, as a min-cost flow.

Who is matched: every learner with no ``workplace``, in id order. A learner whose
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
distance: per trajectory (trajectories share no places), source → learner (capacity 1)
→ workplace (capacity: its free places) → sink, plus a bypass source → sink whose cost
per unit exceeds any possible total distance, solved with networkx's network simplex.
Nodes and edges are added in id order and nothing is random, so the same catalogue
gives the same assignment whatever the order of its files. Two shortcuts keep the
answer optimal and the graphs small: a learner whose nearest workplace has room for
every learner who could go there is placed there directly (some optimal assignment
does the same), and the others are solved in groups that share no workplace.

Candidate pruning: giving every learner an edge to every workplace of the trajectory
is exact but slow at Flanders scale (networkx's simplex is pure Python). Each learner
gets only its nearest workplaces until they hold ``candidate_places`` free places
(default :data:`CANDIDATE_PLACES`). When a trajectory has no more learners to place
than that, this is still exact: if an optimal assignment sent a learner beyond its
candidates, those candidates hold at least as many places as there are learners, so
one is free and at least as near; moving the learner there keeps the count and does
not lengthen the total. Larger trajectories are solved on the pruned graph, and every
learner then left over is given the nearest place still free anywhere within reach,
so that a learner is reported unmatched only when every place within reach is taken
(without ``--max-distance-km`` the number placed is then the maximum). Pass
``candidate_places=None`` (``--candidate-places 0``) for the exact, slower solution.

A placed learner gets the eligible mentor of the workplace with the fewest learners
active on the date (counting those placed in this run), then the lowest id.

Trajectories are independent, so with many learners they are solved in parallel
processes, each given only its trajectories' learners and places as plain data; the
answer does not depend on it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from trajectkit.analysis.geography import distance_km, province, same_municipality
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
)
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.model import Address, Learner, Mentor, Recognition, Workplace
from trajectkit.profile import Profile

#: km-equivalent of a pair without coordinates on both sides, by tier.
TIER_KM = {"municipality": 5.0, "province": 30.0, "elsewhere": 100.0}
#: Free places each learner's nearest candidate workplaces hold together (pruning).
CANDIDATE_PLACES = 16
#: Fewer learners than this to place: one process (forking costs more than it saves).
PARALLEL_FROM = 2000

# Why a learner stays unmatched, in the order the conditions are checked (the others
# are those of trajectkit.analysis.placement).
PERIOD_ENDED = "period-ended"
TOO_FAR = "too-far"
REASONS = {
    PERIOD_ENDED: "the learner's period ended before the date",
    NO_RECOGNITION: "no workplace is recognised for the trajectory on the date",
    CANNOT_OFFER: "no recognised workplace can offer all the trajectory teaches only at the workplace",
    MENTOR: "no recognised workplace has a mentor who meets the profile",
    FULL: "every recognised place within reach is taken",
    TOO_FAR: "every recognised workplace with a free place is too far",
}

# Grid cells for the nearest-workplace search, in degrees (about 11 km by 10 km in Flanders).
_CELL_LAT = 0.1
_CELL_LON = 0.15
_KM_PER_DEGREE = math.pi * 6371.0088 / 180


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Distance:
    """How far a learner's home is from a site: km, and on what basis."""

    km: float
    basis: str  # "coordinates" | "municipality" | "province" | "elsewhere"

    @property
    def cost(self) -> int:
        """Whole metres, for the solver."""
        return round(self.km * 1000)

    def describe(self) -> str:
        """Words that follow "is": "12.3 km away", "in the same province (counted as 30 km)"."""
        if self.basis == "coordinates":
            return f"{self.km:.1f} km away"
        where = {"municipality": "in the same municipality", "province": "in the same province", "elsewhere": "not in the same province"}
        return f"{where[self.basis]} (counted as {self.km:g} km)"


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

    def reason(self) -> str:
        recognition = self.recognition
        until = recognition.valid_until.isoformat() if recognition.valid_until else "open-ended"
        return (
            f"{self.distance.describe()}; recognised for {recognition.trajectory} "
            f"{recognition.valid_from.isoformat()} to {until}, {self.free_before} of {recognition.capacity} "
            f"place(s) free before this run; mentor {self.mentor.id} ({self.mentor.name}) "
            f"had {self.mentor_learners} learner(s)"
        )


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
    topped_up: int = 0  # learners placed after the pruned solve (see module doc)

    @property
    def learners(self) -> int:
        return len(self.assignments) + len(self.unmatched)

    @property
    def total_km(self) -> float:
        return sum((item.distance.km for item in self.assignments), 0.0)

    def by_reason(self) -> dict[str, int]:
        counts = Counter(item.reason for item in self.unmatched)
        return {reason: counts[reason] for reason in REASONS if counts[reason]}


# --------------------------------------------------------------------------- the workplaces of a trajectory


@dataclass
class _Slot:
    """A workplace's recognised places for one trajectory on the date, as the solver sees them."""

    workplace: str
    name: str
    site: Address | None
    capacity: int  # of the recognition
    free: int  # on the date, before this run
    mentored: bool  # has a mentor who meets the profile
    missing: frozenset[str]  # competences taught only at the workplace that it cannot offer
    left: int = 0  # free places not yet given in this run


@dataclass(frozen=True)
class _Seeker:
    """A learner to place, as the solver sees them."""

    id: str
    home: Address | None
    held: frozenset[str]  # competences attained or exempted


def distance_between(home: Address | None, site: Address | None) -> Distance:
    """The distance used for matching (see the module doc)."""
    if home is not None and site is not None and home.coordinates and site.coordinates:
        return Distance(distance_km(home.coordinates, site.coordinates), "coordinates")
    if same_municipality(home, site):
        return Distance(TIER_KM["municipality"], "municipality")
    here = province(home.postcode) if home else None
    if here is not None and site is not None and here == province(site.postcode):
        return Distance(TIER_KM["province"], "province")
    return Distance(TIER_KM["elsewhere"], "elsewhere")


#: A candidate while searching: (cost in metres, slot index, km, basis); sorts by cost, then id.
_Found = tuple[int, int, float, str]


class _Nearest:
    """The workplaces of one trajectory, indexed to find a learner's nearest quickly.

    Sites with coordinates sit in a grid searched ring by ring; all sites are also
    grouped by municipality and province, for pairs that are compared by tier.
    """

    def __init__(self, slots: list[_Slot], limit_km: float | None) -> None:
        self.slots = slots  # in workplace id order
        self.limit = limit_km
        self.grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.tiers = {"all": _TierIndex(), "plain": _TierIndex()}  # plain: sites without coordinates
        self.restricted = [index for index, slot in enumerate(slots) if slot.missing]
        self.points: dict[int, tuple[float, float]] = {}
        top = 0.0
        for index, slot in enumerate(slots):
            site = slot.site
            self.tiers["all"].add(index, site)
            if site is not None and site.coordinates:
                self.grid[_cell(site.coordinates)].append(index)
                self.points[index] = site.coordinates
                top = max(top, abs(site.coordinates[0]))
            else:
                self.tiers["plain"].add(index, site)
        self.top_latitude = top
        self.ring_cache: dict[tuple[int, int], list[tuple[int, list[int]]]] = {}

    def excluded(self, held: frozenset[str]) -> set[int]:
        """Slots that cannot offer a competence this learner still has to learn there."""
        return {index for index in self.restricted if self.slots[index].missing - held}

    def candidates(self, home: Address | None, held: frozenset[str], need: int | None) -> list[tuple[Distance, int]]:
        """The learner's nearest usable slots (by cost, then workplace id), until they hold
        ``need`` places; all of them within the limit when ``need`` is None."""
        excluded = self.excluded(held)
        if home is not None and home.coordinates:
            found = self._by_coordinates(home.coordinates, excluded, need)
            found += self._by_tier(home, excluded, need, self.tiers["plain"])
        else:
            found = self._by_tier(home, excluded, need, self.tiers["all"])
        found.sort()  # (cost, slot index): slots are in workplace id order
        kept = []
        places = 0
        for cost, index, km, basis in found:
            kept.append((Distance(km, basis), index))
            places += self.slots[index].free
            if need is not None and places >= need:
                break
        return kept

    def _by_tier(self, home: Address | None, excluded: set[int], need: int | None, index: _TierIndex) -> list[_Found]:
        """Same municipality, then same province, then elsewhere; in id order within a tier."""
        found: list[_Found] = []
        places = 0
        for name, members in index.tiers_of(home):
            km = TIER_KM[name]
            if self.limit is not None and km > self.limit:
                break
            for member in members:
                if member in excluded:
                    continue
                found.append((round(km * 1000), member, km, name))
                places += self.slots[member].free
                if need is not None and places >= need:
                    return found
        return found

    def _by_coordinates(self, home: tuple[float, float], excluded: set[int], need: int | None) -> list[_Found]:
        """Ring by ring around the home's cell, until the places within the distance
        that no later ring can undercut reach ``need`` (or everything is seen)."""
        if not self.grid:
            return []
        latitude = min(89.0, max(self.top_latitude, abs(home[0])))
        # A site beyond ring r is at least r whole cells away (5 % margin for the sphere).
        per_ring = 0.95 * _KM_PER_DEGREE * min(_CELL_LAT, _CELL_LON * math.cos(math.radians(latitude)))
        found: list[_Found] = []
        places = 0
        for ring, members in self._rings(_cell(home)):
            for index in members:
                if index in excluded:
                    continue
                km = distance_km(home, self.points[index])
                if self.limit is None or km <= self.limit:
                    found.append((round(km * 1000), index, km, "coordinates"))
                    places += self.slots[index].free
            beyond = ring * per_ring
            if self.limit is not None and beyond > self.limit:
                break
            if need is not None and places >= need and sum(self.slots[i].free for _, i, km, _ in found if km <= beyond) >= need:
                break
        return found

    def _rings(self, centre: tuple[int, int]) -> list[tuple[int, list[int]]]:
        """The occupied cells as rings around ``centre`` (Chebyshev distance), nearest first;
        learners of one neighbourhood share the answer."""
        rings = self.ring_cache.get(centre)
        if rings is None:
            grouped: dict[int, list[int]] = defaultdict(list)
            for cell in sorted(self.grid):
                grouped[max(abs(cell[0] - centre[0]), abs(cell[1] - centre[1]))].extend(self.grid[cell])
            rings = self.ring_cache[centre] = sorted(grouped.items())
        return rings


class _TierIndex:
    """Slot indices by municipality and by province, each list in workplace id order."""

    def __init__(self) -> None:
        self.ordered: list[int] = []
        self.municipality: dict[str, list[int]] = defaultdict(list)
        self.province: dict[str, list[int]] = defaultdict(list)
        self.keys: dict[int, tuple[str | None, str | None]] = {}

    def add(self, index: int, site: Address | None) -> None:
        town = _town(site)
        region = province(site.postcode) if site else None
        self.ordered.append(index)
        self.keys[index] = (town, region)
        if town:
            self.municipality[town].append(index)
        if region:
            self.province[region].append(index)

    def tiers_of(self, home: Address | None) -> Iterator[tuple[str, Iterable[int]]]:
        """The tiers as ``distance_between`` assigns them, nearest first, members lazily."""
        town = _town(home)
        region = province(home.postcode) if home else None
        yield "municipality", self.municipality.get(town, []) if town else []
        yield "province", (
            i for i in self.province.get(region, []) if not town or self.keys[i][0] != town
        ) if region else []
        yield "elsewhere", (
            i for i in self.ordered if not (town and self.keys[i][0] == town) and not (region and self.keys[i][1] == region)
        )


def _town(address: Address | None) -> str | None:
    """The municipality as ``same_municipality`` compares it."""
    return address.municipality.strip().casefold() if address is not None and address.municipality else None


def _cell(coordinates: tuple[float, float]) -> tuple[int, int]:
    return (math.floor(coordinates[0] / _CELL_LAT), math.floor(coordinates[1] / _CELL_LON))


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
    placed_on_day = [
        learner for learner in catalogue.learners.values() if learner.workplace is not None and active_on(learner, day)
    ]
    taken = occupancy(placed_on_day, day)
    unmatched: list[Unmatched] = []
    by_trajectory: dict[str, list[Learner]] = defaultdict(list)
    for learner in sorted(catalogue.learners.values(), key=lambda item: item.id):
        if learner.workplace is not None:
            continue
        if learner.end < day:
            unmatched.append(Unmatched(learner, PERIOD_ENDED, f"the learner's period ended on {learner.end.isoformat()}, before {day.isoformat()}"))
        else:
            by_trajectory[learner.trajectory].append(learner)

    offers: dict[str, list[Offer]] = defaultdict(list)
    for workplace in sorted(catalogue.workplaces.values(), key=lambda item: item.id):
        for trajectory_id in sorted({item.trajectory for item in workplace.recognitions} & by_trajectory.keys()):
            found = offer(workplace, catalogue.trajectories.get(trajectory_id), trajectory_id, day, profile, taken)
            if found.recognition is not None:
                offers[trajectory_id].append(found)
    mentors = {found.workplace.id: found.mentors for listed in offers.values() for found in listed}
    valid = {(found.workplace.id, trajectory_id): found.recognition for trajectory_id, listed in offers.items() for found in listed}

    tasks = []
    for trajectory_id, learners in sorted(by_trajectory.items()):
        slots = tuple(
            _Slot(
                found.workplace.id,
                found.workplace.name,
                found.workplace.site,
                found.capacity,
                found.free,
                bool(found.mentors),
                found.missing,
            )
            for found in offers.get(trajectory_id, [])
        )
        seekers = tuple(_Seeker(learner.id, learner.home, frozenset(held_competences(learner))) for learner in learners)
        tasks.append(_Task(trajectory_id, seekers, slots))
    job = _Job(day, max_distance_km, candidate_places, _mentor_rule(profile))
    outcomes = _solve_all(job, tasks, jobs)

    # Mentors last, in learner order: a mentor may guide learners of several trajectories.
    mentor_load = Counter((learner.workplace, learner.mentor) for learner in placed_on_day)
    assignments: list[Assignment] = []
    for placed in sorted((item for outcome in outcomes for item in outcome.placed), key=lambda item: item.learner):
        learner, workplace = catalogue.learners[placed.learner], catalogue.workplaces[placed.workplace]
        mentor = min(mentors[workplace.id], key=lambda m: (mentor_load[(workplace.id, m.id)], m.id))
        load = mentor_load[(workplace.id, mentor.id)]
        mentor_load[(workplace.id, mentor.id)] += 1
        trajectory = catalogue.trajectories.get(learner.trajectory)
        recognition = valid[(workplace.id, learner.trajectory)]
        assignments.append(
            Assignment(learner, workplace, recognition, mentor, placed.distance, placed.free_before, load, trajectory.agreement if trajectory else None)
        )
    unmatched += (Unmatched(catalogue.learners[item.learner], item.reason, item.detail) for outcome in outcomes for item in outcome.left)
    return MatchResult(
        day,
        max_distance_km,
        candidate_places,
        tuple(assignments),
        tuple(sorted(unmatched, key=lambda item: item.learner.id)),
        sum(outcome.flows for outcome in outcomes),
        sum(outcome.edges for outcome in outcomes),
        sum(outcome.topped_up for outcome in outcomes),
    )


def _mentor_rule(profile: Profile) -> str:
    rules = []
    if (age := profile.get("mentor.min_age")) is not None:
        rules.append(f"at least {age} years old")
    if (years := profile.get("mentor.min_experience_years")) is not None:
        rules.append(f"{years} years of experience")
    return " with ".join(rules) or "at all"


@dataclass(frozen=True)
class _Job:
    """The settings every trajectory is matched with."""

    day: dt.date
    limit: float | None
    candidate_places: int | None
    mentor_rule: str  # "at least 25 years old with 5 years of experience"


@dataclass(frozen=True)
class _Task:
    """One trajectory's learners to place and recognised places: small, plain data, so
    that a worker process gets a copy and never touches the catalogue."""

    trajectory: str
    seekers: tuple[_Seeker, ...]
    slots: tuple[_Slot, ...]


@dataclass(frozen=True)
class _Placed:
    learner: str
    workplace: str
    distance: Distance
    free_before: int


@dataclass(frozen=True)
class _Left:
    learner: str
    reason: str
    detail: str


@dataclass
class _Outcome:
    """One trajectory's answer."""

    placed: list[_Placed] = field(default_factory=list)
    left: list[_Left] = field(default_factory=list)
    flows: int = 0
    edges: int = 0
    topped_up: int = 0


def _solve_all(job: _Job, tasks: list[_Task], jobs: int | None) -> list[_Outcome]:
    """Every task's outcome, in task order, in one or more processes."""
    import gc
    import os

    from trajectkit.parallel import can_fork, run_in_processes

    if jobs is None:
        jobs = (os.cpu_count() or 1) if sum(len(task.seekers) for task in tasks) >= PARALLEL_FROM else 1
    jobs = min(jobs, len(tasks))
    # Everything that exists now lives until the end: frozen, the garbage collector
    # stops scanning it again and again, and forked workers do not copy its memory
    # page by page as the collector would touch it.
    gc.freeze()
    try:
        if jobs > 1 and can_fork():
            import networkx  # noqa: F401  imported once here, inherited by the workers
        # Largest first, so that the workers finish together.
        order = sorted(range(len(tasks)), key=lambda i: (-len(tasks[i].seekers) * max(1, len(tasks[i].slots)), tasks[i].trajectory))
        outcomes: list[_Outcome] = [_Outcome() for _ in tasks]
        for position, outcome in run_in_processes(_solve_adopted, [tasks[i] for i in order], jobs, initializer=_adopt, initargs=(job,)):
            outcomes[order[position]] = outcome
        return outcomes
    finally:
        gc.unfreeze()


_ADOPTED: _Job | None = None


def _adopt(job: _Job) -> None:
    global _ADOPTED
    _ADOPTED = job


def _solve_adopted(task: _Task) -> _Outcome:
    assert _ADOPTED is not None
    return _solve_task(_ADOPTED, task)


def _solve_task(job: _Job, task: _Task) -> _Outcome:
    """Place the learners of one trajectory on its recognised workplaces."""
    slots = [replace(slot) for slot in task.slots]  # ``left`` changes: keep the task as it was
    open_slots = [slot for slot in slots if slot.mentored and slot.free > 0]
    for slot in open_slots:
        slot.left = slot.free
    nearest = _Nearest(open_slots, job.limit)
    outcome = _Outcome()
    explain = _Explain(job, task.trajectory)

    competing = []
    restricting = frozenset().union(*(slot.missing for slot in slots))
    blocked: dict[frozenset[str], tuple[str, str] | None] = {}
    for seeker in task.seekers:
        key = seeker.held & restricting  # only these change what the learner may use
        if key not in blocked:
            blocked[key] = explain.blocked(slots, key)
        reason = blocked[key]
        if reason is not None:
            outcome.left.append(_Left(seeker.id, *reason))
        else:
            competing.append(seeker)

    need = min(len(competing), job.candidate_places) if job.candidate_places else None
    candidates: dict[str, list[tuple[Distance, int]]] = {}
    solvable: list[_Seeker] = []
    for seeker in competing:
        found = nearest.candidates(seeker.home, seeker.held, need)
        if found:
            candidates[seeker.id] = found
            solvable.append(seeker)
        else:
            outcome.left.append(_Left(seeker.id, TOO_FAR, explain.too_far(seeker, open_slots)))

    chosen = _solve(solvable, candidates, open_slots, outcome)
    for seeker in solvable:
        if seeker.id not in chosen:
            # Top up: a learner the pruned graph left over takes the nearest place still free.
            spare = [(d, i) for d, i in nearest.candidates(seeker.home, seeker.held, None) if open_slots[i].left > 0]
            if not spare:
                outcome.left.append(_Left(seeker.id, FULL, explain.lost(seeker, nearest)))
                continue
            chosen[seeker.id] = spare[0]
            open_slots[spare[0][1]].left -= 1
            outcome.topped_up += 1
        distance, index = chosen[seeker.id]
        outcome.placed.append(_Placed(seeker.id, open_slots[index].workplace, distance, open_slots[index].free))
    return outcome


@dataclass(frozen=True)
class _Explain:
    """The words for why a learner of one trajectory stays unmatched."""

    job: _Job
    trajectory: str

    def blocked(self, slots: list[_Slot], held: frozenset[str]) -> tuple[str, str] | None:
        """Why no recognised workplace can take the learner at all, before any distance."""
        day, trajectory = self.job.day.isoformat(), self.trajectory
        if not slots:
            return NO_RECOGNITION, f"no workplace holds a recognition for {trajectory} valid on {day}"
        offering = [slot for slot in slots if not (slot.missing - held)]
        if not offering:
            lacking = sorted({ident for slot in slots for ident in slot.missing - held})
            return CANNOT_OFFER, (
                f"the {_count(slots, 'workplace')} recognised for {trajectory} on {day} cannot offer "
                f"{', '.join(lacking)}, which {trajectory} teaches only at the workplace ({_names(slots)})"
            )
        mentored = [slot for slot in offering if slot.mentored]
        if not mentored:
            return MENTOR, (
                f"none of the {_count(offering, 'workplace')} that can offer {trajectory} on {day} has a mentor "
                f"{self.job.mentor_rule} ({_names(offering)})"
            )
        if not any(slot.free for slot in mentored):
            capacity = sum(slot.capacity for slot in mentored)
            return FULL, (
                f"all {capacity} recognised place(s) for {trajectory} at {_count(mentored, 'workplace')} are taken "
                f"by learners already placed on {day}"
            )
        return None

    def too_far(self, seeker: _Seeker, open_slots: list[_Slot]) -> str:
        usable = [slot for slot in open_slots if not (slot.missing - seeker.held)]
        distance, _, slot = min(
            ((distance_between(seeker.home, slot.site), slot.workplace, slot) for slot in usable),
            key=lambda item: (item[0].cost, item[1]),
        )
        return (
            f"{slot.workplace} ({slot.name}), the nearest of {_count(usable, 'workplace')} with a free place "
            f"for {self.trajectory}, is {distance.describe()}; the limit is {self.job.limit:g} km"
        )

    def lost(self, seeker: _Seeker, nearest: _Nearest) -> str:
        reach = nearest.candidates(seeker.home, seeker.held, None)
        places = sum(nearest.slots[index].free for _, index in reach)
        within = f" within {self.job.limit:g} km" if self.job.limit is not None else ""
        return (
            f"the {places} free place(s) for {self.trajectory} at {_count(reach, 'workplace')}{within} all went to "
            "other learners in this run (placing this learner instead would place no more learners, "
            "or make the total distance longer)"
        )


# --------------------------------------------------------------------------- the flow


def _solve(
    learners: list[_Seeker], candidates: dict[str, list[tuple[Distance, int]]], slots: list[_Slot], outcome: _Outcome
) -> dict[str, tuple[Distance, int]]:
    """Learner id → (distance, slot index) for each learner the flow places."""
    room = {index: slot.free for index, slot in enumerate(slots)}
    chosen, rest = _settle(learners, candidates, room)
    for component in _components(rest, candidates):
        first = Counter(candidates[learner.id][0][1] for learner in component)
        if all(count <= room[index] for index, count in first.items()):
            # Everyone gets their nearest place: nothing to optimise.
            for learner in component:
                chosen[learner.id] = candidates[learner.id][0]
        else:
            chosen.update(_flow(component, candidates, room, outcome))
    for _, index in chosen.values():
        slots[index].left -= 1
    return chosen


def _flow(
    learners: list[_Seeker], candidates: dict[str, list[tuple[Distance, int]]], room: dict[int, int], outcome: _Outcome
) -> dict[str, tuple[Distance, int]]:
    """Min-cost flow: source → learner (1) → workplace (its free places) → sink, and a
    bypass source → sink that costs more than any total distance, so count comes first."""
    import networkx as nx

    outcome.flows += 1
    graph = nx.DiGraph()
    source, sink = "source", "sink"
    count = len(learners)
    graph.add_node(source, demand=-count)
    graph.add_node(sink, demand=count)
    highest = 1
    for position, learner in enumerate(learners):
        graph.add_edge(source, position, capacity=1, weight=0)
        for distance, index in candidates[learner.id]:
            graph.add_edge(position, ("slot", index), capacity=1, weight=distance.cost)
            highest = max(highest, distance.cost)
            outcome.edges += 1
    for index in sorted({index for learner in learners for _, index in candidates[learner.id]}):
        graph.add_edge(("slot", index), sink, capacity=room[index], weight=0)
    graph.add_edge(source, sink, capacity=count, weight=highest * count + 1)
    _, flow = nx.network_simplex(graph)
    chosen = {}
    for position, learner in enumerate(learners):
        for distance, index in candidates[learner.id]:
            if flow[position].get(("slot", index)):
                chosen[learner.id] = (distance, index)
                break
    return chosen


def _settle(
    learners: list[_Seeker], candidates: dict[str, list[tuple[Distance, int]]], room: dict[int, int]
) -> tuple[dict[str, tuple[Distance, int]], list[_Seeker]]:
    """Fix every learner whose nearest place can never run out, and what is left to solve.

    When all learners who list a workplace fit in its free places, some optimal
    assignment sends a learner whose nearest it is there (moving them there places no
    fewer and shortens no one's way), so the flow need not decide it. Settling one
    learner can make other workplaces safe in turn; repeat until nothing changes.
    ``room`` is reduced by the places given.
    """
    listing = Counter(index for learner in learners for _, index in candidates[learner.id])
    settled: dict[str, tuple[Distance, int]] = {}
    remaining = learners
    changed = True
    while changed:
        changed = False
        keep = []
        for learner in remaining:
            distance, index = candidates[learner.id][0]
            if listing[index] <= room[index]:
                settled[learner.id] = (distance, index)
                room[index] -= 1
                for _, other in candidates[learner.id]:
                    listing[other] -= 1
                changed = True
            else:
                keep.append(learner)
        remaining = keep
    return settled, remaining


def _components(learners: list[_Seeker], candidates: dict[str, list[tuple[Distance, int]]]) -> list[list[_Seeker]]:
    """Learners that compete for the same places (directly or through others), in id order."""
    parent: dict[object, object] = {}

    def root(node: object) -> object:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # type: ignore[index]
            node = parent[node]
        return node

    for learner in learners:
        for _, index in candidates[learner.id]:
            a, b = root(learner.id), root(("slot", index))
            if a != b:
                parent[b] = a
    groups: dict[object, list[_Seeker]] = defaultdict(list)
    for learner in learners:
        groups[root(learner.id)].append(learner)
    return sorted(groups.values(), key=lambda group: group[0].id)


def _count(items: Iterable[object], noun: str) -> str:
    number = len(list(items))
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _names(slots: list[_Slot], limit: int = 5) -> str:
    ids = [slot.workplace for slot in slots]
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")
