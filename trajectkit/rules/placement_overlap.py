"""Two placements of one learner cover the same learning place on the same day.

What it checks: of a learner's `placements`, no two cover the same learning place
of type `workplace` (their `learning_places`, by default every workplace place of
the trajectory) on a common day: from `from` to `until` (or the learner's end), and
no later than the day an agreement ended early. Reported at the second placement,
in the order of the file, naming the first and the days they share.

Why it matters: under the Decreet betreffende duaal leren (2016) each workplace
component rests on an agreement (OAO, SAO or employment) with the company, and the
signed learning plan says where the learner learns what. Two companies covering the
same learning place on the same days count the same hours twice, and the learner
cannot be in both. Several workplaces (as in a Swiss Lehrbetriebsverbund) work one
after another, or each for its own learning places.

Example that fails::

    kind: Learner
    id: L-2026-0001
    placements:
      - {workplace: WP-0001, mentor: M-01, from: 2026-09-01, until: 2027-06-30}
      - {workplace: WP-0003, mentor: M-05, from: 2027-03-01}    # overlaps from March

Example that passes::

    kind: Learner
    id: L-2026-0001
    placements:
      - {workplace: WP-0001, mentor: M-01, from: 2026-09-01, until: 2027-06-30}
      - {workplace: WP-0003, mentor: M-05, from: 2027-09-01}

How to fix: let one placement end before the next one starts (`until`), or give
each placement the learning places it covers (`learning_places`).

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.model import WORKPLACE, Learner, Placement
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "placement-overlap"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for learner in catalogue.learners.values():
        if len(learner.placements) < 2:
            continue
        trajectory = catalogue.trajectories.get(learner.trajectory)
        places = tuple(place.id for place in trajectory.places_of_type(WORKPLACE)) if trajectory else ()
        yield from _overlaps(learner, places)


def _overlaps(learner: Learner, places: tuple[str, ...]) -> Iterator[Finding]:
    for index, later in enumerate(learner.placements):
        for earlier in learner.placements[:index]:
            shared = _shared_places(earlier, later, places)
            first, last = max(earlier.start, later.start), min(earlier.last_day, later.last_day)
            if shared and first <= last:
                yield Finding(
                    later.source.at(),
                    ID,
                    _(
                        "this placement at %(workplace)s covers %(shared)s from %(first)s to %(last)s, as does the "
                        "placement at %(workplace2)s (%(start)s–%(last_day)s); end one before the other starts, or "
                        "give each its learning_places"
                    )
                    % {
                        "workplace": later.workplace,
                        "shared": ", ".join(shared),
                        "first": first,
                        "last": last,
                        "workplace2": earlier.workplace,
                        "start": earlier.start,
                        "last_day": earlier.last_day,
                    },
                )
                break


def _shared_places(one: Placement, other: Placement, places: tuple[str, ...]) -> list[str]:
    """Learning places both cover; with none known (no trajectory), both cover the workplace."""
    covered = [place for place in (one.learning_places or places) if other.covers(place, places)]
    if not places and not one.learning_places and not other.learning_places:
        return [_("the workplace")]
    return covered
