"""An evaluation moment of the trajectory has passed and the learner has no evaluation for it.

What it checks: when the learner's trajectory has `evaluation_moments`, every moment
whose day (the learner's `start` plus the moment's `week` in weeks) lies before the
reference date has an evaluation in the learner's `evaluations` that names it
(`moment`). The reference date is `today` in `trajectkit.yaml`, else the learner's
start. A moment that falls after the learner's `end` is not asked for, nor one after
an early end of the agreement that ended the learner's dual learning (`ended_on` of the
last placement's agreement). Reported at
the learner's `evaluations` key, or at the learner's `id` when it has none, once per
moment, naming it.

Why it matters: the parties evaluate the learner together at fixed moments and the
learning plan is adjusted on what they find (Decreet betreffende duaal leren, 2016:
the school, through the trajectory coach, follows up the learner's progress at the
workplace with the mentor); an evaluation that did not happen, or was not recorded,
leaves the learner without feedback and the coach without the data to steer by.

Example that fails (with `today: 2026-11-15`)::

    kind: StandardTrajectory
    id: OT-00214
    evaluation_moments:
      - {id: E1, title: Eerste evaluatie, week: 8, by: [school, werkplek]}    # 2026-10-27
    ---
    kind: Learner
    id: L-2026-0001
    start: 2026-09-01
    attained:
      - {competence: bkc0051280, date: 2026-10-16}

Example that passes::

    kind: StandardTrajectory
    id: OT-00214
    evaluation_moments:
      - {id: E1, title: Eerste evaluatie, week: 8, by: [school, werkplek]}
    ---
    kind: Learner
    id: L-2026-0001
    start: 2026-09-01
    evaluations:
      - moment: E1
        date: 2026-10-27
        results: [{competence: bkc0051280, status: attained}]

How to fix: hold the evaluation and record it under `evaluations` with
`moment: <id>`, or correct the moment's `week`.

Options: `today` in `trajectkit.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.model.progress import overdue_moments
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "evaluation-overdue"
DEFAULT_LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for learner in catalogue.learners.values():
        trajectory = catalogue.trajectories.get(learner.trajectory)
        if trajectory is None or not trajectory.evaluation_moments:
            continue
        day = context.reference_date(learner)
        evaluated = {evaluation.moment for evaluation in learner.evaluations}
        # an evaluation left out for a schema error may be the one for the moment
        evaluated |= catalogue.lost_values("Learner", learner.id, "evaluations", "moment")
        src = learner.source
        where = src.at("evaluations") if src.has("evaluations") else src.at("id")
        for moment in overdue_moments(trajectory.evaluation_moments, learner.start, learner.last_day, evaluated, day):
            due = moment.due(learner.start)
            title = f" ({moment.title})" if moment.title else ""
            yield Finding(
                where,
                ID,
                _(
                    "evaluation moment %(moment)s%(title)s of %(trajectory)s was due on %(due)s (week %(week)s "
                    "from the start %(start)s) and %(learner)s has no evaluation for it on %(day)s; record it "
                    "under evaluations with `moment: %(moment)s`"
                )
                % {
                    "moment": moment.id,
                    "title": title,
                    "trajectory": trajectory.id,
                    "due": due,
                    "week": moment.week,
                    "start": learner.start,
                    "learner": learner.id,
                    "day": day,
                },
            )
