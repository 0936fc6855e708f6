"""The assignment of one trajectory's learners to its places.

Learners by free places, a pair that is not a candidate costing more than any total
distance, solved by SciPy's ``linear_sum_assignment``: the most learners placed
first, then the shortest total distance. See :mod:`trajectkit.analysis.match` for
the whole method.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from trajectkit import collector
from trajectkit.analysis.nearest import TOO_FAR, Distance, Nearest, Seeker, Slot, distance_between
from trajectkit.analysis.placement import CANNOT_OFFER, FULL, MENTOR, NO_RECOGNITION
from trajectkit.translation import gettext, ngettext  # not `_`: it is the throwaway name here

#: Fewer learners than this to place: one process (forking costs more than it saves).
PARALLEL_FROM = 2000


@dataclass(frozen=True)
class Job:
    """The settings every trajectory is matched with."""

    day: dt.date
    limit: float | None
    candidate_places: int | None
    mentor_rule: str  # "at least 25 years old with 5 years of experience"


@dataclass(frozen=True)
class Task:
    """One trajectory's learners to place and recognised places: small, plain data, so
    that a worker process gets a copy and never touches the catalogue."""

    trajectory: str
    seekers: tuple[Seeker, ...]
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Placed:
    learner: str
    workplace: str
    distance: Distance
    free_before: int


@dataclass(frozen=True)
class Left:
    learner: str
    reason: str
    detail: str


@dataclass
class Outcome:
    """One trajectory's answer."""

    placed: list[Placed] = field(default_factory=list)
    left: list[Left] = field(default_factory=list)
    flows: int = 0
    edges: int = 0


def solve_all(job: Job, tasks: list[Task], jobs: int | None) -> list[Outcome]:
    """Every task's outcome, in task order, in one or more processes."""
    import os

    from trajectkit.parallel import can_fork, run_in_processes

    if jobs is None:
        jobs = (os.cpu_count() or 1) if sum(len(task.seekers) for task in tasks) >= PARALLEL_FROM else 1
    jobs = min(jobs, len(tasks))
    with collector.paused():
        if jobs > 1 and can_fork():
            import scipy.optimize  # noqa: F401  imported once here, inherited by the workers
        # Largest first, so that the workers finish together.
        order = sorted(
            range(len(tasks)), key=lambda i: (-len(tasks[i].seekers) * max(1, len(tasks[i].slots)), tasks[i].trajectory)
        )
        outcomes: list[Outcome] = [Outcome() for _ in tasks]
        for position, outcome in run_in_processes(
            _solve_adopted, [tasks[i] for i in order], jobs, initializer=_adopt, initargs=(job,)
        ):
            outcomes[order[position]] = outcome
        return outcomes


_ADOPTED: Job | None = None


def _adopt(job: Job) -> None:
    global _ADOPTED
    _ADOPTED = job


def _solve_adopted(task: Task) -> Outcome:
    assert _ADOPTED is not None
    return _solve_task(_ADOPTED, task)


def _solve_task(job: Job, task: Task) -> Outcome:
    """Place the learners of one trajectory on its recognised workplaces."""
    slots = [replace(slot) for slot in task.slots]  # ``left`` changes: keep the task as it was
    open_slots = [slot for slot in slots if slot.mentored and slot.free > 0]
    for slot in open_slots:
        slot.left = slot.free
    nearest = Nearest(open_slots, job.limit)
    outcome = Outcome()
    explain = Explain(job, task.trajectory)

    competing = []
    restricting = frozenset().union(*(slot.missing for slot in slots))
    blocked: dict[frozenset[str], tuple[str, str] | None] = {}
    for seeker in task.seekers:
        key = seeker.held & restricting  # only these change what the learner may use
        if key not in blocked:
            blocked[key] = explain.blocked(slots, key)
        reason = blocked[key]
        if reason is not None:
            outcome.left.append(Left(seeker.id, *reason))
        else:
            competing.append(seeker)

    solvable, chosen = _widening(competing, nearest, open_slots, job.candidate_places, outcome)
    within_reach = {seeker.id for seeker in solvable}
    for seeker in competing:
        if seeker.id not in within_reach:
            outcome.left.append(Left(seeker.id, TOO_FAR, explain.too_far(seeker, open_slots)))
    for seeker in solvable:
        if seeker.id not in chosen:
            outcome.left.append(Left(seeker.id, FULL, explain.lost(seeker, nearest)))
            continue
        distance, index = chosen[seeker.id]
        outcome.placed.append(Placed(seeker.id, open_slots[index].workplace, distance, open_slots[index].free))
    return outcome


def _widening(
    competing: list[Seeker], nearest: Nearest, open_slots: list[Slot], places: int | None, outcome: Outcome
) -> tuple[list[Seeker], dict[str, tuple[Distance, int]]]:
    """The learners with a place within reach and the flow's choice for them, on the
    pruned graph, widened while it leaves out a learner for whom a place is still free.

    Pruning loses most where learners crowd: the flow cannot place someone whose few
    candidates the others took, although a place farther away is free. Then every
    learner of the trajectory gets twice the candidate places and it is solved again,
    up to as many candidate places as learners, which is exact (see the matching module).
    """
    need = min(len(competing), places) if places else None
    while True:
        candidates: dict[str, list[tuple[Distance, int]]] = {}
        solvable: list[Seeker] = []
        for seeker in competing:
            found = nearest.candidates(seeker.home, seeker.held, need)
            if found:
                candidates[seeker.id] = found
                solvable.append(seeker)
        chosen = _solve(solvable, candidates, open_slots, outcome)
        if need is None or need >= len(competing) or not _left_out_with_room(solvable, chosen, nearest, open_slots):
            return solvable, chosen
        for slot in open_slots:
            slot.left = slot.free
        need = min(2 * need, len(competing))


def _left_out_with_room(
    solvable: list[Seeker], chosen: dict[str, tuple[Distance, int]], nearest: Nearest, open_slots: list[Slot]
) -> bool:
    """Whether the flow left out a learner for whom a place within reach is still free."""
    return any(
        open_slots[index].left > 0
        for seeker in solvable
        if seeker.id not in chosen
        for _, index in nearest.candidates(seeker.home, seeker.held, None)
    )


@dataclass(frozen=True)
class Explain:
    """The words for why a learner of one trajectory stays unmatched."""

    job: Job
    trajectory: str

    def blocked(self, slots: list[Slot], held: frozenset[str]) -> tuple[str, str] | None:
        """Why no recognised workplace can take the learner at all, before any distance."""
        day, trajectory = self.job.day.isoformat(), self.trajectory
        if not slots:
            return NO_RECOGNITION, gettext("no workplace holds a recognition for %(trajectory)s valid on %(day)s") % {
                "trajectory": trajectory,
                "day": day,
            }
        offering = [slot for slot in slots if not (slot.missing - held)]
        if not offering:
            lacking = sorted({ident for slot in slots for ident in slot.missing - held})
            return CANNOT_OFFER, gettext(
                "the %(workplaces)s recognised for %(trajectory)s on %(day)s cannot offer %(ids)s, "
                "which %(trajectory)s teaches only at the workplace (%(names)s)"
            ) % {
                "workplaces": _workplaces(slots),
                "trajectory": trajectory,
                "day": day,
                "ids": ", ".join(lacking),
                "names": _names(slots),
            }
        mentored = [slot for slot in offering if slot.mentored]
        if not mentored:
            return MENTOR, gettext(
                "none of the %(workplaces)s that can offer %(trajectory)s on %(day)s has a mentor %(rule)s (%(names)s)"
            ) % {
                "workplaces": _workplaces(offering),
                "trajectory": trajectory,
                "day": day,
                "rule": self.job.mentor_rule,
                "names": _names(offering),
            }
        if not any(slot.free for slot in mentored):
            capacity = sum(slot.capacity for slot in mentored)
            return FULL, gettext(
                "all %(capacity)d recognised place(s) for %(trajectory)s at %(workplaces)s are taken "
                "by learners already placed on %(day)s"
            ) % {"capacity": capacity, "trajectory": trajectory, "workplaces": _workplaces(mentored), "day": day}
        return None

    def too_far(self, seeker: Seeker, open_slots: list[Slot]) -> str:
        usable = [slot for slot in open_slots if not (slot.missing - seeker.held)]
        distance, _, slot = min(
            ((distance_between(seeker.home, slot.site), slot.workplace, slot) for slot in usable),
            key=lambda item: (item[0].cost, item[1]),
        )
        return gettext(
            "%(workplace)s (%(name)s), the nearest of %(workplaces)s with a free place for %(trajectory)s, "
            "is %(distance)s; the limit is %(limit)s km"
        ) % {
            "workplace": slot.workplace,
            "name": slot.name,
            "workplaces": _workplaces(usable),
            "trajectory": self.trajectory,
            "distance": distance.describe(),
            "limit": f"{self.job.limit:g}",
        }

    def lost(self, seeker: Seeker, nearest: Nearest) -> str:
        reach = nearest.candidates(seeker.home, seeker.held, None)
        places = sum(nearest.slots[index].free for _, index in reach)
        within = (
            gettext(" within %(limit)s km") % {"limit": f"{self.job.limit:g}"} if self.job.limit is not None else ""
        )
        return gettext(
            "the %(places)d free place(s) for %(trajectory)s at %(workplaces)s%(within)s all went to "
            "other learners in this run (placing this learner instead would place no more learners, "
            "or make the total distance longer)"
        ) % {"places": places, "trajectory": self.trajectory, "workplaces": _workplaces(reach), "within": within}


# --------------------------------------------------------------------------- the flow


def _solve(
    learners: list[Seeker], candidates: dict[str, list[tuple[Distance, int]]], slots: list[Slot], outcome: Outcome
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
    learners: list[Seeker], candidates: dict[str, list[tuple[Distance, int]]], room: dict[int, int], outcome: Outcome
) -> dict[str, tuple[Distance, int]]:
    """The assignment of ``learners`` to the free places of their candidates with the
    most learners placed, then the least total distance: a rectangular assignment
    problem, learners by places, solved by SciPy's ``linear_sum_assignment``.

    A workplace with room for ``n`` is ``n`` columns (never more than there are
    learners); a pair that is not a candidate costs more than any total distance, so
    the solver places as many learners as it can before it shortens a single way.
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    outcome.flows += 1
    count = len(learners)
    columns: list[int] = []  # the workplace of each column
    first: dict[int, int] = {}
    for index in sorted({index for learner in learners for _, index in candidates[learner.id]}):
        first[index] = len(columns)
        columns.extend([index] * min(room[index], count))
    highest = max(distance.cost for learner in learners for distance, _ in candidates[learner.id])
    apart = highest * count + 1
    cost = np.full((count, len(columns)), apart, dtype=np.int64)
    for row, learner in enumerate(learners):
        for distance, index in candidates[learner.id]:
            cost[row, first[index] : first[index] + min(room[index], count)] = distance.cost
            outcome.edges += 1
    rows, cols = linear_sum_assignment(cost)
    chosen: dict[str, tuple[Distance, int]] = {}
    for row, column in zip(rows.tolist(), cols.tolist(), strict=True):
        if cost[row, column] < apart:
            learner = learners[row]
            index = columns[column]
            chosen[learner.id] = next(pair for pair in candidates[learner.id] if pair[1] == index)
    return chosen


def _settle(
    learners: list[Seeker], candidates: dict[str, list[tuple[Distance, int]]], room: dict[int, int]
) -> tuple[dict[str, tuple[Distance, int]], list[Seeker]]:
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


def _components(learners: list[Seeker], candidates: dict[str, list[tuple[Distance, int]]]) -> list[list[Seeker]]:
    """Learners that compete for the same places (directly or through others), in id order."""
    parent: dict[object, object] = {}

    def root(node: object) -> object:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for learner in learners:
        for _, index in candidates[learner.id]:
            a, b = root(learner.id), root(("slot", index))
            if a != b:
                parent[b] = a
    groups: dict[object, list[Seeker]] = defaultdict(list)
    for learner in learners:
        groups[root(learner.id)].append(learner)
    return sorted(groups.values(), key=lambda group: group[0].id)


def _workplaces(items: Iterable[object]) -> str:
    number = len(list(items))
    return ngettext("%(count)d workplace", "%(count)d workplaces", number) % {"count": number}


def _names(slots: list[Slot], limit: int = 5) -> str:
    ids = [slot.workplace for slot in slots]
    shown = ", ".join(ids[:limit])
    return shown + (gettext(" and %(count)d more") % {"count": len(ids) - limit} if len(ids) > limit else "")
