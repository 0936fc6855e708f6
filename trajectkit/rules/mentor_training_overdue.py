"""A mentor has not completed mentor training within the grace period.

What it checks: a mentor has a `training_completed` date no later than
`mentor.training_grace_days` (Flanders: 365) after the start of the grace period,
once that deadline has passed on the reference date. The grace period starts at
the workplace's earliest recognition, or at the mentor's `appointed` date when that
is later: a mentor appointed years after the recognition gets a year of their own.
The reference date is `today` in `trajectkit.yaml`; without it, the latest start
date of the placements this mentor guides (mentors without learners are then not
checked). Reported at the mentor's `training_completed` key, or at the mentor if it
is missing.

Why it matters: mentors need training to guide learning rather than work (the GO!
vision text on workplace learning warns that the workplace otherwise focuses on
the work process, not on learning); the sectoral partnerships' recognition
conditions ask for it within a year.

Example that fails (with `today: 2027-01-01`)::

    recognitions: [{trajectory: OT-00214, valid_from: 2025-09-01, capacity: 2}]
    mentors:
      - {id: M-01, name: Peter Janssens, birth_date: 1978-04-02, experience_years: 15}

Example that passes::

    recognitions: [{trajectory: OT-00214, valid_from: 2025-09-01, capacity: 2}]
    mentors:
      - id: M-01
        name: Peter Janssens
        birth_date: 1978-04-02
        experience_years: 15
        appointed: 2026-06-01             # a year from the appointment, until 2027-06-01

How to fix: record the training date, or plan the training now.

Options: `mentor.training_grace_days`; `today` in `trajectkit.yaml`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "mentor-training-overdue"
DEFAULT_LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    grace = context.profile.get("mentor.training_grace_days")
    if grace is None:
        return
    latest_start: dict[tuple[str, str], dt.date] = defaultdict(lambda: dt.date.min)
    for learner in catalogue.learners.values():
        for placement in learner.placements:
            if placement.mentor:
                key = (placement.workplace, placement.mentor)
                latest_start[key] = max(latest_start[key], placement.start)
    for workplace in catalogue.workplaces.values():
        if not workplace.recognitions:
            continue
        earliest = min(recognition.valid_from for recognition in workplace.recognitions)
        for mentor in workplace.mentors:
            since = max(earliest, mentor.appointed) if mentor.appointed else earliest
            deadline = since + dt.timedelta(days=int(grace.value))
            day = context.today or latest_start.get((workplace.id, mentor.id))
            if day is None or day <= deadline:
                continue
            if mentor.training_completed is not None and mentor.training_completed <= deadline:
                continue
            if mentor.training_completed is None:
                where, state = mentor.source.at(), _("has no training_completed date")
            else:
                where, state = (
                    mentor.source.at("training_completed"),
                    _("completed training only on %(training_completed)s")
                    % {"training_completed": mentor.training_completed},
                )
            started = (
                _("was appointed on %(since)s") % {"since": since}
                if since != earliest
                else _("%(workplace)s has been recognised since %(since)s")
                % {"workplace": workplace.id, "since": since}
            )
            yield Finding(
                where,
                ID,
                _(
                    "mentor %(mentor)s (%(name)s) %(state)s, but %(started)s and training was due by "
                    "%(deadline)s (grace %(grace)s days%(grace_source)s); record or plan the mentor training"
                )
                % {
                    "mentor": mentor.id,
                    "name": mentor.name,
                    "state": state,
                    "started": started,
                    "deadline": deadline,
                    "grace": grace,
                    "grace_source": grace.cite(),
                },
            )
