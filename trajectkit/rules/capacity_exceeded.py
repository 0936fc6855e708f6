"""More learners at one workplace and trajectory at the same time than its recognition allows.

What it checks: for each workplace and trajectory, the placements whose periods
overlap never outnumber the `capacity` of the recognition valid at the time. A
placement runs from its `from` to its `until` (a version 1 learner's: `start` to
`end`), and no later than the day its agreement ended. Placements are taken in
order of start date (then learner id); the one that arrives when the places are
full is reported, at its `workplace`.

Why it matters: a recognition states how many learners a workplace can guide well;
beyond it, mentoring turns into supervision of labour.

Example that fails::

    kind: Workplace
    id: WP-0001
    recognitions: [{trajectory: OT-00214, valid_from: 2025-09-01, capacity: 1}]
    ---
    kind: Learner
    id: L-2026-0002        # L-2026-0001 is at WP-0001 over the same period
    start: 2026-09-01
    end: 2028-06-30
    workplace: WP-0001

Example that passes::

    kind: Workplace
    id: WP-0001
    recognitions: [{trajectory: OT-00214, valid_from: 2025-09-01, capacity: 2}]
    ---
    kind: Learner
    id: L-2026-0002        # L-2026-0001 is at WP-0001 over the same period
    start: 2026-09-01
    end: 2028-06-30
    workplace: WP-0001

How to fix: place the learner elsewhere, or ask for a recognition with a higher
capacity.

Options: none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from trajectkit.catalogue.model import Learner, Placement
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "capacity-exceeded"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    groups: dict[tuple[str, str], list[tuple[Placement, Learner]]] = defaultdict(list)
    for learner in catalogue.learners.values():
        for placement in learner.placements:
            if placement.workplace in catalogue.workplaces:
                groups[(placement.workplace, learner.trajectory)].append((placement, learner))
    for (workplace_id, trajectory), placed in sorted(groups.items()):
        workplace = catalogue.workplaces[workplace_id]
        if not catalogue.intact("Workplace", workplace_id, "recognitions"):
            continue  # a recognition left out for a schema error may hold more places
        present: list[tuple[Placement, Learner]] = []
        for placement, learner in sorted(placed, key=lambda item: (item[0].start, item[1].id)):
            recognition = workplace.recognition_in_period(trajectory, placement.start)
            if recognition is None:
                continue  # recognition-missing reports it
            present = [other for other in present if other[0].last_day >= placement.start]
            if len(present) >= recognition.capacity:
                names = ", ".join(other.id for _when, other in present)
                yield Finding(
                    placement.source.at("workplace"),
                    ID,
                    _(
                        "workplace %(workplace_id)s is recognised for %(capacity)s learner(s) of %(trajectory)s at "
                        "a time, and %(names)s are already there on %(start)s; place this learner elsewhere or "
                        "raise the recognised capacity"
                    )
                    % {
                        "workplace_id": workplace_id,
                        "capacity": recognition.capacity,
                        "trajectory": trajectory,
                        "names": names,
                        "start": placement.start,
                    },
                )
                continue
            present.append((placement, learner))
