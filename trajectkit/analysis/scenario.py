"""What if a workplace or a learning place falls away (crisis, bankruptcy, a closed centre)?

``--without WORKPLACE``: the learners placed there and active on the date lose their
workplace. For each, the other workplaces that could take them over are those that
:mod:`trajectkit.analysis.placement` admits (a valid recognition, what is taught only
at the workplace on the learner's effective trajectory, a mentor who meets the
profile, a free place), closest first (:func:`trajectkit.analysis.geography.nearness`: coordinates, same municipality,
same province from the Belgian postcode, elsewhere), then by id. Workplaces recognised
for the trajectory that fail a condition are listed with the reason. The free places
are shared: two learners may be shown the same last place, so the learners are also
placed all at once, as ``match`` places learners without a workplace (most placed,
then the shortest total distance); those left over are listed with the reason.

``--without-place PLACE``: per trajectory with a learning place of that id, the
competences whose only learning place (``at``) it is, the competences only it assesses,
the learners active on the date who still need one of the former (on their effective
trajectory: an agreed adjustment may have moved it elsewhere, or there), and the bounds of
the profile its hours no longer meet: the workplace hours of its agreement type (an
OAO without its only workplace no longer holds) and the weekly total.

"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from trajectkit.analysis.geography import distance_km, nearness, province
from trajectkit.analysis.match import MatchResult, Unmatched, assign
from trajectkit.analysis.placement import (
    CANNOT_OFFER,
    MENTOR,
    NO_RECOGNITION,
    Offer,
    active_on,
    held_competences,
    occupancy,
    offer,
    workplace_needs,
)
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.effective import effective_trajectory
from trajectkit.catalogue.model import WORKPLACE, Learner, StandardTrajectory
from trajectkit.profile import Profile
from trajectkit.translation import _

NEARNESS = ("coordinates", "municipality", "province", "elsewhere")


@dataclass(frozen=True)
class Alternative:
    """A workplace that can take over a learner."""

    workplace: str
    name: str
    municipality: str | None
    province: str | None
    nearness: str
    distance_km: float | None
    capacity: int
    taken: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken, 0)


@dataclass(frozen=True)
class Rejection:
    """A workplace recognised for the trajectory that cannot take the learner, and why."""

    workplace: str
    name: str
    reason: str


@dataclass(frozen=True)
class AffectedLearner:
    """A learner who loses their workplace, with the places that could take them."""

    learner: str
    name: str
    trajectory: str
    workplace: str
    home: str | None
    alternatives: tuple[Alternative, ...]
    rejected: tuple[Rejection, ...]


@dataclass(frozen=True)
class LostCompetence:
    """A competence of the trajectory that the removed place alone teaches or assesses."""

    id: str
    title: str


@dataclass(frozen=True)
class LearnerNeed:
    """A learner who still needs competences that lose their only learning place."""

    learner: str
    name: str
    competences: tuple[str, ...]


@dataclass(frozen=True)
class HoursBreach:
    """A bound of the profile that the trajectory's hours no longer meet without the place."""

    what: str  # "agreement": the agreement type's workplace hours; "weekly": the total
    agreement: str
    requirement: str  # "at least 20", as the profile describes it
    hours: float  # what is left


@dataclass(frozen=True)
class PlaceLoss:
    """A trajectory that loses one of its learning places."""

    trajectory: str
    title: str
    place: str
    place_type: str
    hours_per_week: float
    orphaned: tuple[LostCompetence, ...]
    unassessed: tuple[LostCompetence, ...]
    learners: tuple[LearnerNeed, ...]
    breaches: tuple[HoursBreach, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """The answer to one what-if question, on one date.

    ``replacement`` places the affected learners all at once, as ``match`` does, on the
    workplaces that remain: how many can go somewhere, and why the others cannot.
    """

    on: dt.date
    without_workplaces: tuple[str, ...]
    without_places: tuple[str, ...]
    learners: tuple[AffectedLearner, ...]
    places: tuple[PlaceLoss, ...]
    replacement: MatchResult | None = None

    @property
    def left_without_place(self) -> tuple[Unmatched, ...]:
        return self.replacement.unmatched if self.replacement else ()

    @property
    def unsolved(self) -> bool:
        """A learner left without a place, a competence without a learning place (in the
        trajectory, or as a learner's adjustment has it), or a trajectory whose hours no
        longer fit its agreement or the weekly bounds."""
        return (
            bool(self.left_without_place)
            or any(loss.orphaned or loss.learners for loss in self.places)
            or any(loss.breaches for loss in self.places)
        )


def run_scenario(
    catalogue: Catalogue,
    on: dt.date,
    profile: Profile,
    without_workplaces: Iterable[str] = (),
    without_places: Iterable[str] = (),
) -> Scenario:
    removed = tuple(sorted(set(without_workplaces)))
    places = tuple(sorted(set(without_places)))
    affected_ids = {
        learner.id
        for learner in catalogue.learners.values()
        if active_on(learner, on) and any(placement.workplace in removed for placement in learner.placements_on(on))
    }
    taken = occupancy(catalogue.learners.values(), on, leaving=affected_ids)
    learners = tuple(
        _alternatives(catalogue, catalogue.learners[ident], on, profile, set(removed), taken)
        for ident in sorted(affected_ids)
    )
    losses = tuple(
        loss
        for place in places
        for trajectory in sorted(catalogue.trajectories.values(), key=lambda item: item.id)
        if (loss := _place_loss(catalogue, trajectory, place, on, profile)) is not None
    )
    replacement = None
    if removed:
        staying = [learner for learner in catalogue.learners.values() if learner.id not in affected_ids]
        seekers = [catalogue.learners[ident] for ident in sorted(affected_ids)]
        replacement = assign(catalogue, profile, on, seekers, staying, set(removed))
    return Scenario(on, removed, places, learners, losses, replacement)


def _rejection(found: Offer, reason: str, held: set[str], on: dt.date) -> Rejection:
    workplace = found.workplace
    if reason == NO_RECOGNITION:
        text = _("no recognition for %(trajectory)s valid on %(day)s") % {
            "trajectory": found.trajectory,
            "day": on.isoformat(),
        }
    elif reason == CANNOT_OFFER:
        text = _("cannot offer %(ids)s, which the trajectory teaches only at the workplace") % {
            "ids": ", ".join(found.lacking(held))
        }
    elif reason == MENTOR:
        text = _("no mentor who meets the profile on that date")
    else:
        text = _("no free place (%(taken)d of %(capacity)d taken)") % {"taken": found.taken, "capacity": found.capacity}
    return Rejection(workplace.id, workplace.name, text)


def _alternatives(
    catalogue: Catalogue,
    learner: Learner,
    on: dt.date,
    profile: Profile,
    removed: set[str],
    taken: Counter[tuple[str, str]],
) -> AffectedLearner:
    trajectory = catalogue.trajectories.get(learner.trajectory)
    held = held_competences(learner)
    needs = workplace_needs(learner, trajectory, on, held)  # on the learner's effective trajectory
    alternatives: list[tuple[tuple[int, float], str, Alternative]] = []
    rejected: list[Rejection] = []
    for workplace in sorted(catalogue.workplaces.values(), key=lambda item: item.id):
        if workplace.id in removed or not workplace.recognitions_for(learner.trajectory):
            continue
        found = offer(workplace, trajectory, learner.trajectory, on, profile, taken, needs)
        reason = found.refusal(held)
        if reason is not None:
            rejected.append(_rejection(found, reason, held, on))
            continue
        key = nearness(learner.home, workplace.site)
        site = workplace.site
        distance = None
        if key[0] == 0 and learner.home and learner.home.coordinates and site and site.coordinates:
            distance = round(distance_km(learner.home.coordinates, site.coordinates), 1)
        alternative = Alternative(
            workplace.id,
            workplace.name,
            site.municipality if site else None,
            province(site.postcode) if site else None,
            NEARNESS[key[0]],
            distance,
            found.capacity,
            found.taken,
        )
        alternatives.append((key, workplace.id, alternative))
    alternatives.sort(key=lambda item: (item[0], item[1]))
    return AffectedLearner(
        learner.id,
        learner.name,
        learner.trajectory,
        next((p.workplace for p in learner.placements_on(on) if p.workplace in removed), learner.workplace or ""),
        learner.home.municipality if learner.home else None,
        tuple(item[2] for item in alternatives),
        tuple(rejected),
    )


def _place_loss(
    catalogue: Catalogue, trajectory: StandardTrajectory, place_id: str, on: dt.date, profile: Profile
) -> PlaceLoss | None:
    place = trajectory.place(place_id)
    if place is None:
        return None
    orphaned = tuple(
        LostCompetence(item.competence, catalogue.title_of(item.competence))
        for item in trajectory.allocations
        if set(item.at) == {place_id}
    )
    unassessed = tuple(
        LostCompetence(item.competence, catalogue.title_of(item.competence))
        for item in trajectory.allocations
        if set(item.assessed_by) == {place_id}
    )
    order = {item.competence: index for index, item in enumerate(trajectory.allocations)}
    needs = []
    for learner in sorted(catalogue.learners_of(trajectory.id), key=lambda item: item.id):
        if not active_on(learner, on):
            continue
        held = held_competences(learner)
        own = effective_trajectory(learner, trajectory, on).trajectory if learner.adjustments else trajectory
        alone = {item.competence for item in own.allocations if set(item.at) == {place_id}}  # as agreed for them
        missing = tuple(sorted(alone - held, key=lambda ident: order.get(ident, len(order))))
        if missing:
            needs.append(LearnerNeed(learner.id, learner.name, missing))
    return PlaceLoss(
        trajectory.id,
        trajectory.title,
        place_id,
        place.type,
        trajectory.hours_per_week.get(place_id, 0.0),
        orphaned,
        unassessed,
        tuple(needs),
        _breaches(trajectory, place_id, profile),
    )


def _breaches(trajectory: StandardTrajectory, place_id: str, profile: Profile) -> tuple[HoursBreach, ...]:
    """The profile's hour bounds the trajectory meets today and no longer meets without
    the place (the hours of rules ``hours-agreement-mismatch`` and ``weekly-hours``)."""
    workplace_ids = {place.id for place in trajectory.places_of_type(WORKPLACE)} - {place_id}
    hours = {place: value for place, value in trajectory.hours_per_week.items() if place != place_id}
    breaches = []
    if trajectory.agreement in profile.agreements():
        bounds = profile.workplace_hours(trajectory.agreement)
        after = sum(value for place, value in hours.items() if place in workplace_ids)
        if bounds.admits(trajectory.workplace_hours()) and not bounds.admits(after):
            breaches.append(HoursBreach("agreement", trajectory.agreement, bounds.describe(), after))
    weekly = profile.weekly_hours()
    total = sum(hours.values())
    if weekly.admits(trajectory.total_hours()) and not weekly.admits(total):
        breaches.append(HoursBreach("weekly", trajectory.agreement, weekly.describe(), total))
    return tuple(breaches)
