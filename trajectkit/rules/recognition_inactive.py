"""A learner's workplace has its recognition for the learner's trajectory suspended or withdrawn.

What it checks: for each placement of a learner, the workplace's recognition for
the learner's trajectory is not suspended or withdrawn (`status`, from
`status_from`) on the reference date: `today` in `trajectkit.yaml`, else the
learner's start. A reference date before the placement's start counts as the start,
and one after its end (its `until`, the learner's end, or the day its agreement
ended) as the end (a withdrawal after a learner left does not concern the learner).
Reported at the placement's `workplace` (a version 1 learner's `workplace`).

Why it matters: a suspended (geschorst) or withdrawn (ingetrokken) recognition
means the workplace may not train dual learners for that programme: the agreement
has to stop or move, and the learner needs another workplace.

Example that fails::

    kind: Workplace
    id: WP-0001
    recognitions:
      - trajectory: OT-00214
        valid_from: 2024-09-01
        valid_until: 2029-08-31
        capacity: 2
        status: withdrawn
        status_from: 2026-06-01
    ---
    kind: Learner
    id: L-2026-0001
    start: 2026-09-01
    workplace: WP-0001

Example that passes::

    kind: Workplace
    id: WP-0001
    recognitions:
      - trajectory: OT-00214
        valid_from: 2024-09-01
        valid_until: 2029-08-31
        capacity: 2
        status: active
    ---
    kind: Learner
    id: L-2026-0001
    start: 2026-09-01
    workplace: WP-0001

How to fix: place the learner at another recognised workplace (`trajectkit
scenario --without WP-…` lists which), or record that the recognition was restored.

Options: `today` in `trajectkit.yaml`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from trajectkit.catalogue.model import Learner, Placement, Recognition
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "recognition-inactive"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for learner in catalogue.learners.values():
        for placement in learner.placements:
            workplace = catalogue.workplaces.get(placement.workplace)
            if workplace is None or placement.last_day < placement.start:
                continue
            if not catalogue.intact("Workplace", workplace.id, "recognitions"):
                continue
            day = min(max(context.reference_date(learner), placement.start), placement.last_day)
            recognition = workplace.recognition_in_period(learner.trajectory, day)
            if recognition is None or not recognition.inactive_on(day):
                continue  # no recognition then: recognition-missing reports the start
            yield _inactive(placement, learner, workplace.id, recognition, day)


def _inactive(
    placement: Placement, learner: Learner, workplace: str, recognition: Recognition, day: dt.date
) -> Finding:
    state = _("suspended") if recognition.status == "suspended" else _("withdrawn")
    since = _(" since %(status_from)s") % {"status_from": recognition.status_from} if recognition.status_from else ""
    return Finding(
        placement.source.at("workplace"),
        ID,
        _(
            "the recognition of %(workplace)s for %(trajectory)s is %(state)s%(since)s (on %(day)s); "
            "place %(learner)s at another recognised workplace"
        )
        % {
            "workplace": workplace,
            "trajectory": learner.trajectory,
            "state": state,
            "since": since,
            "day": day,
            "learner": learner.id,
        },
    )
