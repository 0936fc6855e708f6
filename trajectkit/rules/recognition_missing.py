"""A learner's workplace has no recognition for the learner's trajectory valid on the start date.

What it checks: the workplace of each placement of a learner holds a recognition
(erkenning) for the learner's `trajectory` with `valid_from` on or before the
placement's start (a version 1 learner's start) and `valid_until` (if given) on or
after it. Reported at the placement's `workplace`.

Why it matters: only a recognised workplace may train dual learners for that
programme; without it the agreement cannot be registered.

Example that fails::

    kind: Workplace
    id: WP-0001
    recognitions: [{trajectory: OT-00214, valid_from: 2027-01-01, capacity: 2}]
    ---
    kind: Learner
    trajectory: OT-00214
    start: 2026-09-01
    workplace: WP-0001     # recognised for OT-00214 only from 2027-01-01

Example that passes::

    kind: Workplace
    id: WP-0001
    recognitions: [{trajectory: OT-00214, valid_from: 2026-09-01, capacity: 2}]
    ---
    kind: Learner
    trajectory: OT-00214
    start: 2026-09-01
    workplace: WP-0001     # recognised for OT-00214 from the learner's start

How to fix: ask the sectoral partnership for a recognition, correct its dates, or
place the learner elsewhere.

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.model import Learner, Placement
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "recognition-missing"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for learner in catalogue.learners.values():
        for placement in learner.placements:
            yield from _placement(catalogue, learner, placement)


def _placement(catalogue: Catalogue, learner: Learner, placement: Placement) -> Iterator[Finding]:
    workplace = catalogue.workplaces.get(placement.workplace)
    if workplace is None or not catalogue.knows("StandardTrajectory", learner.trajectory):
        return  # unresolved-reference reports these
    if not catalogue.intact("Workplace", workplace.id, "recognitions"):
        return  # a recognition left out for a schema error may be the one
    if workplace.recognition_in_period(learner.trajectory, placement.start) is not None:
        return
    others = workplace.recognitions_for(learner.trajectory)
    detail = (
        _("its recognitions for it are valid ")
        + ", ".join(f"{r.valid_from}–{r.valid_until or _('open')}" for r in others)
        if others
        else _("it has none for that trajectory")
    )
    yield Finding(
        placement.source.at("workplace"),
        ID,
        _(
            "workplace %(workplace)s has no recognition for %(trajectory)s valid on %(start)s "
            "(%(detail)s); place the learner elsewhere or add the recognition"
        )
        % {"workplace": workplace.id, "trajectory": learner.trajectory, "start": placement.start, "detail": detail},
    )
