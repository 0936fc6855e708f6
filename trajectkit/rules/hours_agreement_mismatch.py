"""The average workplace hours do not fit the agreement type (profile thresholds).

What it checks: the hours per week at learning places of type `workplace` (summed
over `hours_per_week`) fall within the bounds the profile sets for the
trajectory's `agreement`; in Flanders an OAO (overeenkomst alternerende
opleiding) or an employment contract needs at least 20 hours a week at the
workplace on average, an SAO (stageovereenkomst) fewer than 20. An agreement type
the profile does not know is reported too. Reported at `agreement`. A learner with
own `hours_per_week` is checked too: the learner's effective hours (the
trajectory's, with the learner's over them) against the agreement type of each
placement (the trajectory's when a placement states none), reported at the
learner's `hours_per_week`.

Why it matters: the agreement type decides the learner's status, pay and social
security; the wrong one makes the placement irregular.

Example that fails::

    agreement: OAO
    hours_per_week: {school: 22, werkplek: 16}   # OAO needs >= 20 at the workplace

Example that passes::

    agreement: SAO
    hours_per_week: {school: 22, werkplek: 16}   # SAO: fewer than 20 at the workplace

How to fix: change the hours or the agreement type (here: SAO).

Options: `agreements.<type>.min_workplace_hours_per_week` /
`max_workplace_hours_per_week` (or `..._per_year`) in the profile; override in
`trajectkit.yaml` under `thresholds:`.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.model import Learner
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "hours-agreement-mismatch"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    yield from _trajectories(context)
    for learner in context.catalogue.learners.values():
        if learner.hours_per_week is not None:
            yield from _learner(context, learner)


def _learner(context: RuleContext, learner: Learner) -> Iterator[Finding]:
    effective = context.effective(learner)
    if effective is None:
        return
    profile, trajectory = context.profile, effective.trajectory
    types = sorted({p.agreement.type if p.agreement else trajectory.agreement for p in learner.placements})
    hours = trajectory.workplace_hours()
    for agreement in types or [trajectory.agreement]:
        if agreement not in profile.agreements():
            continue  # agreement-mismatch or the trajectory's own finding names it
        bounds = profile.workplace_hours(agreement)
        crossed = bounds.crossed(hours)
        if crossed is not None:
            yield Finding(
                learner.source.at("hours_per_week"),
                ID,
                _(
                    "%(learner)s's %(agreement)s needs %(bounds)s hours a week at the "
                    "workplace%(crossed_source)s, but the learner's hours_per_week gives %(hours)s; change the "
                    "hours or the agreement type"
                )
                % {
                    "learner": learner.id,
                    "agreement": agreement,
                    "bounds": bounds.describe(),
                    "crossed_source": crossed.cite(),
                    "hours": f"{hours:g}",
                },
            )


def _trajectories(context: RuleContext) -> Iterator[Finding]:
    profile = context.profile
    known = profile.agreements()
    for trajectory in context.catalogue.trajectories.values():
        if not context.catalogue.intact("StandardTrajectory", trajectory.id, "learning_places"):
            continue  # a workplace left out for a schema error would lower the hours
        where = trajectory.source.at("agreement")
        if trajectory.agreement not in known:
            yield Finding(
                where,
                ID,
                _("agreement type '%(agreement)s' is not known in profile %(profile)s; use one of %(known)s")
                % {"agreement": trajectory.agreement, "profile": profile.id, "known": ", ".join(known)},
            )
            continue
        bounds = profile.workplace_hours(trajectory.agreement)
        hours = trajectory.workplace_hours()
        crossed = bounds.crossed(hours)
        if crossed is not None:
            source = crossed.cite()
            yield Finding(
                where,
                ID,
                _(
                    "%(agreement)s needs %(bounds)s hours a week at the workplace%(source)s, but "
                    "hours_per_week gives %(hours)s; change the hours or the agreement type"
                )
                % {
                    "agreement": trajectory.agreement,
                    "bounds": bounds.describe(),
                    "source": source,
                    "hours": f"{hours:g}",
                },
            )
