"""Total hours per week are outside the profile's bounds.

What it checks: the sum of `hours_per_week` over all learning places lies within
`weekly_hours.min` and `weekly_hours.max` of the profile (Flanders: 28 to 38;
profiles that count per year give `yearly_hours` and `weeks_per_year`).
Reported at `hours_per_week`. A learner with own `hours_per_week` is checked on the
learner's effective hours (the trajectory's, with the learner's over them), reported
at the learner's `hours_per_week`.

Why it matters: dual learning is a full-time engagement, but not more than a full
working week.

Example that fails::

    hours_per_week: {school: 10, werkplek: 12}   # 22 < 28

Example that passes::

    hours_per_week: {school: 14, werkplek: 22}   # 36, within 28 to 38

How to fix: correct the hours (they are averages over the school year).

Options: `weekly_hours.min`, `weekly_hours.max`, `yearly_hours.*` in the profile.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "weekly-hours"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    bounds = context.profile.weekly_hours()
    for learner in context.catalogue.learners.values():
        effective = context.effective(learner) if learner.hours_per_week is not None else None
        if effective is None:
            continue
        total = effective.trajectory.total_hours()
        crossed = bounds.crossed(total)
        if crossed is not None:
            yield Finding(
                learner.source.at("hours_per_week"),
                ID,
                _(
                    "%(learner)s: %(total)s hours a week in total; profile %(profile)s allows "
                    "%(bounds)s%(crossed_source)s"
                )
                % {
                    "learner": learner.id,
                    "total": f"{total:g}",
                    "profile": context.profile.id,
                    "bounds": bounds.describe(),
                    "crossed_source": crossed.cite(),
                },
            )
    for trajectory in context.catalogue.trajectories.values():
        total = trajectory.total_hours()
        crossed = bounds.crossed(total)
        if crossed is None:
            continue
        source = crossed.cite()
        yield Finding(
            trajectory.source.at("hours_per_week"),
            ID,
            _("%(total)s hours a week in total; profile %(profile)s allows %(bounds)s%(source)s")
            % {"total": f"{total:g}", "profile": context.profile.id, "bounds": bounds.describe(), "source": source},
        )
