"""The trajectory over time for generated catalogues: evaluation moments and evaluations,
plan versions and early endings (stopzettingen), with realistic shares.

Drawn from a random generator of its own (seeded from the catalogue's seed), so that
the catalogue without these options stays byte for byte what it was, and the same
options and seed give the same bytes.

- Evaluations: each trajectory gets three evaluation moments per school year (weeks 8,
  20 and 36 of each year, counted from the learner's start). Every learner gets an
  evaluation for each moment up to their last day, a few days either side of it: the
  competences not attained at the previous moment again, and the moment's share of the
  competences of the phase it falls in; most attained, some in progress, a few not. The history runs to each learner's end, so that
  ``evaluation-overdue`` finds nothing whatever the reference date; an ``attained``
  result counts from its date.
- Plan versions: a placed learner's plan is signed by every party a few days before
  the start (version 1); about a third are revised later (version 2), of which
  :data:`DRAFT_SHARE` still wait for signatures (rule ``plan-unsigned`` then warns
  once the draft's date has passed).
- Early endings: the given share of placed learners' agreements stop early, between
  a month after the start and four fifths of the trajectory, for a reason drawn from
  :data:`END_REASONS`. SERV's advice on dual learning (2025) names fewer avoidable
  terminations as an aim; roughly one agreement in six stops early, which is the
  default share of ``--over-time`` (:data:`TERMINATION_SHARE`).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generate import Learner, Trajectory

#: The share of placed learners whose agreement stops early with ``--over-time``.
TERMINATION_SHARE = 0.17
#: Reasons of an early end and their weights: most stop at the learner's or the
#: company's initiative, or by mutual agreement.
END_REASONS = (
    ("by-learner", 34),
    ("mutual", 26),
    ("by-company", 20),
    ("changed-programme", 12),
    ("recognition-lost", 3),
    ("other", 5),
)
#: Share of placed learners whose plan gets a second version, and of those a draft.
REVISION_SHARE = 0.33
DRAFT_SHARE = 0.1
#: Weeks of the evaluation moments within each school year.
MOMENT_WEEKS = (8, 20, 36)
#: The phases of a generated trajectory and their weeks (the last one: up to the end).
PHASE_WEEKS: tuple[tuple[str, int | None], ...] = (("instap", 10), ("verdieping", 40), ("afronding", None))
#: Status of an evaluation result and its weight.
STATUSES = (("attained", 85), ("in-progress", 11), ("not-attained", 4))
NOTES = ("Werkt nog te weinig zelfstandig", "Planning opvolgen", "Meer oefening op de werkvloer")
CHANGES = (
    "Uurrooster aangepast aan de werkplek",
    "Competentie verplaatst naar het opleidingscentrum",
    "Bijkomende ondersteuning op school",
)


@dataclass(frozen=True)
class OverTime:
    """What to add: evaluations, plan versions, and the share of agreements that stop early."""

    evaluations: bool = False
    plan_versions: bool = False
    terminations: float = 0.0

    @property
    def any(self) -> bool:
        return self.evaluations or self.plan_versions or self.terminations > 0

    @classmethod
    def everything(cls) -> OverTime:
        return cls(True, True, TERMINATION_SHARE)


@dataclass
class History:
    """One learner's history: the early end, evaluations and plan versions, as YAML lines."""

    ended: tuple[dt.date, str] | None = None
    lines: list[str] = field(default_factory=list)


def moments(trajectory: Trajectory) -> list[tuple[str, int]]:
    """(id, week) of the trajectory's evaluation moments."""
    weeks = [year * 52 + week for year in range(trajectory.school_years) for week in MOMENT_WEEKS]
    return [(f"E{number}", week) for number, week in enumerate(weeks, 1)]


def trajectory_lines(trajectory: Trajectory) -> str:
    lines = ["evaluation_moments:"]
    for ident, week in moments(trajectory):
        lines.append(f"  - {{id: {ident}, title: Evaluatie {ident[1:]}, week: {week}, by: [school, werkplek]}}")
    return "\n".join(lines) + "\n"


def histories(learners: Sequence[Learner], options: OverTime, seed: int) -> dict[str, History]:
    """Each learner's history, drawn in learner order from a generator of its own."""
    rng = random.Random(f"{seed}-over-time")
    reasons = [reason for reason, _ in END_REASONS]
    weights = [weight for _, weight in END_REASONS]
    result = {}
    for learner in learners:
        history = History()
        placed = learner.workplace is not None
        if placed and rng.random() < options.terminations:
            span = (learner.end - learner.start).days
            ended = learner.start + dt.timedelta(days=rng.randint(30, max(31, span * 4 // 5)))
            reason = rng.choices(reasons, weights)[0]
            history.ended = (ended, reason)
            learner.agreement = f"{{type: {learner.trajectory.agreement}, ended_on: {ended}, end_reason: {reason}}}"
        last = history.ended[0] if history.ended else learner.end
        if options.evaluations:
            history.lines += _evaluations(rng, learner, last)
        if options.plan_versions and placed:
            history.lines += _plan_versions(rng, learner, last)
        result[learner.id] = history
    return result


def _by_phase(trajectory: Trajectory) -> dict[str, list[str]]:
    """What the trajectory allocates per phase, in the order it is taught (as
    ``generate.trajectory_yaml`` allocates them: the professional competences in thirds,
    general education in ``verdieping``)."""
    ordered = [ident for ident, _ in trajectory.bk.competences] + trajectory.partial_competences
    phases: dict[str, list[str]] = {phase: [] for phase, _ in PHASE_WEEKS}
    for index, ident in enumerate(ordered):
        if ident != trajectory.drop:
            phases[PHASE_WEEKS[min(2, index * 3 // len(ordered))][0]].append(ident)
    phases["verdieping"] += [ident for ident, _ in trajectory.goals]
    return phases


def _phase_of(week: int) -> str:
    """The phase a moment's week falls in (the last phase has no end)."""
    elapsed = 0
    for phase, weeks in PHASE_WEEKS:
        if weeks is None or week < elapsed + weeks:
            return phase
        elapsed += weeks
    return PHASE_WEEKS[-1][0]


def _due(learner: Learner, week: int) -> dt.date:
    return learner.start + dt.timedelta(weeks=week)


def _evaluations(rng: random.Random, learner: Learner, last: dt.date) -> list[str]:
    """An evaluation per moment up to ``last``: the competences not attained the time
    before come back, then the moment's share of the competences of its phase (a
    phase's competences spread over its moments; those of phases without a moment
    before ``last`` go to the last one)."""
    held = [(ident, week) for ident, week in moments(learner.trajectory) if _due(learner, week) <= last]
    if not held:
        return []
    phases = _by_phase(learner.trajectory)
    shares: dict[str, list[str]] = {ident: [] for ident, _ in held}
    for phase, competences in phases.items():
        mine = [ident for ident, week in held if _phase_of(week) == phase] or [held[-1][0]]
        size = -(-len(competences) // len(mine))
        for number, ident in enumerate(mine):
            shares[ident] += competences[number * size : (number + 1) * size]
    by = f"[{_quoted(learner.coach)}" + (f", {_quoted(learner.mentor.name)}]" if learner.mentor else "]")
    statuses = [status for status, _ in STATUSES]
    weights = [weight for _, weight in STATUSES]
    lines = ["evaluations:"]
    carried: list[str] = []
    for ident, week in held:
        day = min(_due(learner, week) + dt.timedelta(days=rng.randint(-3, 10)), last)
        chosen, carried = carried + shares[ident], []
        lines += [f"  - moment: {ident}", f"    date: {day}", f"    by: {by}", "    results:"]
        for competence in chosen:
            status = rng.choices(statuses, weights)[0]
            if status != "attained":
                carried.append(competence)
            note = f", note: {_quoted(rng.choice(NOTES))}" if status != "attained" else ""
            lines.append(f"      - {{competence: {competence}, status: {status}{note}}}")
        if not chosen:
            lines[-1] = "    results: []"
    return lines


def _plan_versions(rng: random.Random, learner: Learner, last: dt.date) -> list[str]:
    first = learner.start - dt.timedelta(days=rng.randint(3, 14))
    lines = ["plan_versions:", *_version(1, first, signed=True)]
    if rng.random() < REVISION_SHARE and (last - learner.start).days > 90:
        day = learner.start + dt.timedelta(days=rng.randint(60, (last - learner.start).days - 1))
        lines += _version(2, day, signed=rng.random() >= DRAFT_SHARE, change=rng.choice(CHANGES))
    return lines


def _version(number: int, day: dt.date, signed: bool, change: str | None = None) -> list[str]:
    lines = [f"  - version: {number}", f"    date: {day}", f"    status: {'signed' if signed else 'draft'}"]
    if signed:
        lines.append(f"    signed: {{learner: {day}, guardian: {day}, workplace: {day}, school: {day}}}")
    if change:
        lines.append(f"    change: {_quoted(change)}")
    return lines


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
