"""A mentor has not completed mentor training within the grace period after the workplace's first recognition.

What it checks: a mentor has a `training_completed` date no later than
`mentor.training_grace_days` (Flanders: 365) after the workplace's earliest
recognition, once that deadline has passed on the reference date. The reference
date is `today` in `trajectkit.yaml`; without it, the latest start date of the
learners this mentor guides (mentors without learners are then not checked).
Reported at the mentor's `training_completed` key, or at the mentor if it is
missing.

Why it matters: mentors need training to guide learning rather than work; sector
recognition practice asks for it within a year (seed 003 on the mentor's role).

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
        training_completed: 2026-05-20    # within a year of 2025-09-01

How to fix: record the training date, or plan the training now.

Options: `mentor.training_grace_days`; `today` in `trajectkit.yaml`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext

ID = "mentor-training-overdue"
DEFAULT_LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    grace = context.profile.get("mentor.training_grace_days")
    if grace is None:
        return
    latest_start: dict[tuple[str, str], dt.date] = defaultdict(lambda: dt.date.min)
    for learner in catalogue.learners.values():
        if learner.workplace and learner.mentor:
            key = (learner.workplace, learner.mentor)
            latest_start[key] = max(latest_start[key], learner.start)
    for workplace in catalogue.workplaces.values():
        if not workplace.recognitions:
            continue
        earliest = min(recognition.valid_from for recognition in workplace.recognitions)
        deadline = earliest + dt.timedelta(days=int(grace.value))
        for mentor in workplace.mentors:
            day = context.today or latest_start.get((workplace.id, mentor.id))
            if day is None or day <= deadline:
                continue
            if mentor.training_completed is not None and mentor.training_completed <= deadline:
                continue
            if mentor.training_completed is None:
                where, state = mentor.source.at(), "has no training_completed date"
            else:
                where, state = (
                    mentor.source.at("training_completed"),
                    f"completed training only on {mentor.training_completed}",
                )
            yield Finding(
                where,
                ID,
                f"mentor {mentor.id} ({mentor.name}) {state}, but {workplace.id} has been recognised since "
                f"{earliest} and training was due by {deadline} (grace {grace} days{grace.cite()}); "
                "record or plan the mentor training",
            )
