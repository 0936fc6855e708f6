"""Voortgang: how far each learner has come on a date, against the learning plan.

Pure data, no rendering. Per learner, on the reference date:

- *planned by now*: the competences whose phase (fase) ended before the date, with the
  phases laid out as the plan lays them out (:mod:`trajectkit.analysis.phases`) on
  the learner's effective trajectory (adjustments included);
- *attained* (bereikt) by the date (``attained`` and attained evaluation results),
  *in progress* (the latest evaluation result before the date), *exempt*
  (vrijstelling through ``prior_learning``) and *to do* (neither attained nor exempt);
- *behind*: planned by now, but neither attained nor exempt;
- the last and the next evaluation moment (evaluatiemoment), the overdue ones (as rule
  ``evaluation-overdue`` has them) and the plan version in force.

A learner whose dual learning ended early (stopzetting: :meth:`Learner.ending`, with
its ``ended_on`` on or before the date) is *ended early*: never behind, with no
overdue moments, and not in need of attention.

A cohort is every learner, a coach's (trajectbegeleider) or a provider's; those who
need attention (behind or overdue) come first, then those who ended early, then the
others, each group by id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from trajectkit.analysis.phases import PlannedPhase, lay_out_phases
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.effective import effective_trajectory
from trajectkit.catalogue.model import Learner, StandardTrajectory, current_version
from trajectkit.catalogue.model.progress import IN_PROGRESS, EvaluationMoment, overdue_moments


@dataclass(frozen=True)
class Selection:
    """Which learners: one (``learner``), a coach's, a provider's, or all (none given)."""

    learner: str | None = None
    coach: str | None = None
    provider: str | None = None

    def takes(self, catalogue: Catalogue, learner: Learner) -> bool:
        if self.learner is not None:
            return learner.id == self.learner
        if self.provider is not None:
            return learner.provider == self.provider
        if self.coach is not None:
            school = catalogue.school_of(learner)
            return school is not None and self.coach in (school.coach_id, school.coach)
        return True

    def learners(self, catalogue: Catalogue) -> tuple[Learner, ...]:
        return tuple(learner for learner in catalogue.learners.values() if self.takes(catalogue, learner))


@dataclass(frozen=True)
class MomentOnDate:
    """An evaluation moment of the trajectory on the learner's calendar."""

    id: str
    title: str | None
    week: int
    due: dt.date
    evaluated: bool  # an evaluation names it


@dataclass(frozen=True)
class LearnerProgress:
    """One learner's progress on ``day``: competence ids per state, sorted."""

    id: str
    name: str
    trajectory: str
    start: dt.date
    end: dt.date
    workplaces: tuple[str, ...]  # the placements in force on the day
    phase: str | None  # the phase the day falls in
    total: int
    planned: tuple[str, ...]
    attained: tuple[str, ...]
    in_progress: tuple[str, ...]
    exempt: tuple[str, ...]
    to_do: tuple[str, ...]
    behind: tuple[str, ...]
    last_moment: MomentOnDate | None
    next_moment: MomentOnDate | None
    overdue: tuple[MomentOnDate, ...]
    plan_version: int | None
    plan_status: str | None  # draft | signed; None without a version by the day
    ended_on: dt.date | None = None  # the early end (stopzetting), on or before the day
    end_reason: str | None = None

    @property
    def needs_attention(self) -> bool:
        return bool(self.behind or self.overdue)

    @property
    def ended_early(self) -> bool:
        return self.ended_on is not None

    @property
    def group(self) -> int:
        """Where the cohort puts the learner: 0 needs attention, 1 ended early, 2 the rest."""
        return 0 if self.needs_attention else 1 if self.ended_early else 2


@dataclass(frozen=True)
class CohortProgress:
    """Every selected learner on ``day``, those who need attention first, then by id."""

    day: dt.date
    learners: tuple[LearnerProgress, ...]

    @property
    def attention(self) -> int:
        return sum(1 for item in self.learners if item.needs_attention)

    @property
    def ended(self) -> int:
        return sum(1 for item in self.learners if item.ended_early)


def cohort_progress(catalogue: Catalogue, selection: Selection, day: dt.date) -> CohortProgress:
    """The progress of the selected learners whose trajectory the catalogue holds."""
    found = []
    for learner in selection.learners(catalogue):
        standard = catalogue.trajectories.get(learner.trajectory)
        if standard is not None:
            evaluated = {item.moment for item in learner.evaluations}
            evaluated |= catalogue.lost_values("Learner", learner.id, "evaluations", "moment")
            found.append(learner_progress(learner, standard, day, evaluated))
    ordered = sorted(found, key=lambda item: (item.group, item.id))
    return CohortProgress(day, tuple(ordered))


def learner_progress(
    learner: Learner, standard: StandardTrajectory, day: dt.date, evaluated: Iterable[str | None] = ()
) -> LearnerProgress:
    """``learner``'s progress on ``day``; ``evaluated``: the moments its evaluations name."""
    effective = effective_trajectory(learner, standard, day)
    trajectory = effective.trajectory
    phases = lay_out_phases(trajectory, learner.start, learner.end)
    ended = {phase.id for phase in phases if _last_day(phase, learner) < day}
    competences = {allocation.competence: allocation.phase for allocation in trajectory.allocations}
    planned = {ident for ident, phase in competences.items() if _planned(phase, ended, learner, day)}
    attained = {ident for ident, date in learner.attained_on().items() if date <= day and ident in competences}
    exempt = {item.competence for item in learner.prior_learning if item.competence in competences}
    in_progress = {ident for ident in _latest_in_progress(learner, day) if ident in competences} - attained - exempt
    to_do = set(competences) - attained - exempt
    evaluated = set(evaluated)
    moments = [_on_date(moment, learner.start, evaluated) for moment in trajectory.evaluation_moments]
    # a learner who left is neither behind nor late for an evaluation (stopzetting)
    ending = learner.ended_by(day)
    overdue_ids = (
        set()
        if ending is not None
        else {
            moment.id
            for moment in overdue_moments(
                trajectory.evaluation_moments, learner.start, learner.last_day, evaluated, day
            )
        }
    )
    past = [moment for moment in moments if moment.due <= day]
    coming = [moment for moment in moments if day < moment.due <= learner.last_day]
    version = current_version(learner.plan_versions, day)
    behind = set() if ending is not None else planned - attained - exempt
    return LearnerProgress(
        learner.id,
        learner.name,
        learner.trajectory,
        learner.start,
        learner.end,
        tuple(placement.workplace for placement in effective.placements),
        _phase_on(phases, day),
        len(competences),
        tuple(sorted(planned)),
        tuple(sorted(attained)),
        tuple(sorted(in_progress)),
        tuple(sorted(exempt)),
        tuple(sorted(to_do)),
        tuple(sorted(behind)),
        max(past, key=lambda moment: moment.due, default=None),
        min(coming, key=lambda moment: moment.due, default=None),
        tuple(moment for moment in moments if moment.id in overdue_ids),
        version.version if version is not None else None,
        version.status if version is not None else None,
        ending.ended_on if ending is not None else None,
        ending.end_reason if ending is not None else None,
    )


def _last_day(phase: PlannedPhase, learner: Learner) -> dt.date:
    """A phase's last day; one that falls after the learner's end ends with it."""
    return phase.end if phase.end is not None else learner.end


def _planned(phase: str | None, ended: set[str], learner: Learner, day: dt.date) -> bool:
    """A competence without a phase is planned by the learner's end."""
    return phase in ended if phase is not None else learner.end < day


def _phase_on(phases: Iterable[PlannedPhase], day: dt.date) -> str | None:
    for phase in phases:
        if phase.start is not None and phase.end is not None and phase.start <= day <= phase.end:
            return phase.id
    return None


def _latest_in_progress(learner: Learner, day: dt.date) -> set[str]:
    """Competences whose latest evaluation result by ``day`` is in progress (the later
    in the file on one date)."""
    latest: dict[str, str] = {}
    for evaluation in sorted(learner.evaluations, key=lambda item: item.date):
        if evaluation.date <= day:
            for result in evaluation.results:
                latest[result.competence] = result.status
    return {ident for ident, status in latest.items() if status == IN_PROGRESS}


def _on_date(moment: EvaluationMoment, start: dt.date, evaluated: set[str | None]) -> MomentOnDate:
    return MomentOnDate(moment.id, moment.title, moment.week, moment.due(start), moment.id in evaluated)
