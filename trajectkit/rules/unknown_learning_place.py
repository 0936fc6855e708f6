"""`at`, `assessed_by`, `hours_per_week` or a learner's rhythm names an unknown learning place.

What it checks: every learning-place id used in a trajectory's allocations
(`at`, `assessed_by`), `hours_per_week` and the `by` of its `evaluation_moments`,
and in a learner's `weekly_rhythm`, own `hours_per_week`, placements'
`learning_places` and `training_centre.place`, is one of the trajectory's `learning_places` (an evaluation moment
may also name the type of one, e.g. `workplace`; an adjustment's places are checked by
`adjustment-invalid`).

Why it matters: a place that does not exist cannot teach, assess or receive hours;
the hours and the school's responsibility would be computed wrongly.

Example that fails::

    learning_places:
      - {id: school, type: school}
      - {id: opleidingscentrum, type: training-centre}
      - {id: werkplek, type: workplace}
    hours_per_week: {school: 12, opleidingscentrum: 2, werkplaats: 22}    # 'werkplaats' is not a place

Example that passes::

    learning_places:
      - {id: school, type: school}
      - {id: opleidingscentrum, type: training-centre}
      - {id: werkplek, type: workplace}
    hours_per_week: {school: 12, opleidingscentrum: 2, werkplek: 22}

How to fix: use one of the ids under `learning_places`, or add the place there.

Options: none.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from trajectkit.problems import Finding, Level, Location
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "unknown-learning-place"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for trajectory in catalogue.trajectories.values():
        known = [place.id for place in trajectory.learning_places]
        lost = catalogue.lost_values("StandardTrajectory", trajectory.id, "learning_places", "id")
        for allocation in trajectory.allocations:
            for key in ("at", "assessed_by"):
                for index, place in enumerate(getattr(allocation, key)):
                    if place not in known and place not in lost:
                        yield _unknown(allocation.source.at(key, index), place, known, trajectory.id)
        for place in trajectory.hours_per_week:
            if place not in known and place not in lost:
                yield _unknown(trajectory.source.at("hours_per_week", place), place, known, trajectory.id)
        types = {place.type for place in trajectory.learning_places}
        for moment in trajectory.evaluation_moments:
            for index, place in enumerate(moment.by):
                if place not in known and place not in lost and place not in types:
                    yield _unknown(moment.source.at("by", index), place, known, trajectory.id)
    for learner in catalogue.learners.values():
        followed = catalogue.trajectories.get(learner.trajectory)
        if followed is None:
            continue
        known = [place.id for place in followed.learning_places]
        lost = catalogue.lost_values("StandardTrajectory", followed.id, "learning_places", "id")
        named = [
            *((place, learner.source.at("weekly_rhythm", place)) for place in learner.weekly_rhythm),
            *((place, learner.source.at("hours_per_week", place)) for place in learner.hours_per_week or {}),
            *(
                (place, placement.source.at("learning_places", index))
                for placement in learner.placements
                for index, place in enumerate(placement.learning_places)
            ),
        ]
        centre = learner.training_centre
        if centre is not None and centre.place is not None:
            named.append((centre.place, centre.source.at("place")))
        for place, where in named:
            if place not in known and place not in lost:
                yield _unknown(where, place, known, followed.id)


def _unknown(where: Location, place: str, known: list[str], trajectory: str) -> Finding:
    close = difflib.get_close_matches(place, known, n=1, cutoff=0.6)
    hint = _("did you mean '%(close)s'? ") % {"close": close[0]} if close else ""
    return Finding(
        where,
        ID,
        _("learning place '%(place)s' is not in the learning_places of %(trajectory)s; %(hint)sknown: %(known)s")
        % {"place": place, "trajectory": trajectory, "hint": hint, "known": ", ".join(known)},
    )
