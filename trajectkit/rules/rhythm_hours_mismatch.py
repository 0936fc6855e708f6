"""A learner's weekly rhythm does not fit the hours of a learning place.

What it checks: for every learning place that the learner's `weekly_rhythm` lists
with days, the learner's hours for that place (the learner's own `hours_per_week`,
else the trajectory's) divided by those days
is at most `rhythm.max_hours_per_day` (Flanders: 8); and a place the rhythm lists
has hours at all. Places with hours that the rhythm does not list are not checked:
block weeks at a training centre (a week now and then) have no weekday. Reported at
the place in `weekly_rhythm` (at `weekly_rhythm` for the per-day form).

Why it matters: the rhythm is printed in the learning plan that everybody signs; 20
hours at the workplace on one day cannot be worked, and a young worker may work at
most 8 hours a day.

Example that fails::

    kind: Learner
    weekly_rhythm: {school: [mon, tue, wed, thu], werkplek: [fri]}   # 22 h at werkplek on one day

Example that passes::

    kind: Learner
    weekly_rhythm: {school: [mon, tue], werkplek: [wed, thu, fri]}   # 22 h over three days

How to fix: spread the place's hours over more days of the rhythm, or correct the
hours of the trajectory.

Options: `rhythm.max_hours_per_day` in the profile.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.effective import effective_trajectory
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "rhythm-hours-mismatch"
DEFAULT_LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    limit = context.profile.get("rhythm.max_hours_per_day")
    for learner in catalogue.learners.values():
        standard = catalogue.trajectories.get(learner.trajectory)
        if standard is None:
            continue
        # the learner's own hours_per_week, where given, over the trajectory's
        trajectory = effective_trajectory(learner, standard, learner.start).trajectory
        for place, days in learner.weekly_rhythm.items():
            if not days or trajectory.place(place) is None:
                continue  # unknown-learning-place reports an unknown place
            where = learner.source.at("weekly_rhythm", place)
            hours = trajectory.hours_per_week.get(place, 0.0)
            if hours <= 0:
                yield Finding(
                    where,
                    ID,
                    _(
                        "the weekly rhythm gives %(place)s %(count)s day(s), but %(trajectory)s has no hours "
                        "there%(value)s; remove the days or give the place hours"
                    )
                    % {
                        "place": place,
                        "count": len(days),
                        "trajectory": trajectory.id,
                        "value": _(" for this learner") if learner.hours_per_week else "",
                    },
                )
            elif limit is not None and hours / len(days) > limit.value:
                yield Finding(
                    where,
                    ID,
                    _(
                        "%(hours)s hours a week at %(place)s over %(count)s day(s) (%(days)s) is %(value)s hours a "
                        "day, more than %(limit)s%(limit_source)s; spread the hours over more days"
                    )
                    % {
                        "hours": f"{hours:g}",
                        "place": place,
                        "count": len(days),
                        "days": ", ".join(days),
                        "value": f"{hours / len(days):.3g}",
                        "limit": limit,
                        "limit_source": limit.cite(),
                    },
                )
