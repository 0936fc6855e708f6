"""The average workplace hours do not fit the agreement type (profile thresholds).

What it checks: the hours per week at learning places of type `workplace` (summed
over `hours_per_week`) fall within the bounds the profile sets for the
trajectory's `agreement`; in Flanders an OAO (overeenkomst alternerende
opleiding) or an employment contract needs at least 20 hours a week at the
workplace on average, an SAO (stageovereenkomst) fewer than 20. An agreement type
the profile does not know is reported too. Reported at `agreement`.

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

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext

ID = "hours-agreement-mismatch"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
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
                f"agreement type '{trajectory.agreement}' is not known in profile {profile.id}; "
                f"use one of {', '.join(known)}",
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
                f"{trajectory.agreement} needs {bounds.describe()} hours a week at the workplace{source}, "
                f"but hours_per_week gives {hours:g}; change the hours or the agreement type",
            )
