"""Who can go where: the one check of whether a workplace can take a learner (plaatsing).

``match`` (a workplace for learners without one) and ``scenario`` (another workplace
for learners who lose theirs) ask the same question and get the same answer here. On
a date, a workplace can take a learner of a trajectory when

1. it holds a recognition (erkenning) for the trajectory valid on the date, neither
   suspended nor withdrawn (the one with the largest capacity if several are);
2. it can offer every competence the trajectory teaches only at the workplace, except
   those the learner already holds (prior learning or attained); "the trajectory" is
   the learner's effective one (:mod:`trajectkit.catalogue.effective`), so an agreed
   adjustment that moves a competence away from the workplace frees the learner from
   it, and one that moves a competence to the workplace alone asks for it;
3. it has at least one mentor who meets the profile on the date (``mentor.min_age``,
   ``mentor.min_experience_years``, or the mentor's own derogation);
4. it has a free place: that capacity minus the learners of the trajectory placed there
   and active on the date (rule ``capacity-exceeded`` counts the same way).

A learner is *active* on a date from ``start`` to ``end`` inclusive.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from trajectkit.catalogue.effective import effective_trajectory
from trajectkit.catalogue.model import Learner, Mentor, Recognition, StandardTrajectory, Workplace, age_on
from trajectkit.profile import Profile

# Why a workplace cannot take a learner, in the order the conditions are checked.
NO_RECOGNITION = "no-recognition"
CANNOT_OFFER = "cannot-offer"
MENTOR = "mentor"
FULL = "full"


def active_on(learner: Learner, day: dt.date) -> bool:
    return learner.start <= day <= learner.end


def following_on(learner: Learner, day: dt.date) -> bool:
    """Active on ``day`` and not ended early (stopzetting) on or before it: a learner who
    follows the trajectory on that day."""
    return active_on(learner, day) and learner.ended_by(day) is None


def held_competences(learner: Learner) -> set[str]:
    """Competences the learner no longer has to learn: attained (also at an evaluation) or exempted."""
    return set(learner.attained_on()) | {item.competence for item in learner.prior_learning}


def workplace_needs(
    learner: Learner, standard: StandardTrajectory | None, day: dt.date, held: Collection[str] = ()
) -> frozenset[str]:
    """What ``learner`` must learn at the workplace alone: the competences the learner's
    effective trajectory teaches only at the workplace, less those ``held``."""
    if standard is None:
        return frozenset()
    trajectory = effective_trajectory(learner, standard, day).trajectory if learner.adjustments else standard
    return only_at_workplace(trajectory) - frozenset(held)


def only_at_workplace(trajectory: StandardTrajectory | None) -> frozenset[str]:
    """Competences the trajectory teaches only at places of type workplace."""
    if trajectory is None:
        return frozenset()
    return frozenset(item.competence for item in trajectory.allocations if trajectory.only_at_workplace(item))


def mentor_meets_profile(mentor: Mentor, profile: Profile, day: dt.date) -> bool:
    """Old and experienced enough on ``day``, with the mentor's own derogation (rule
    ``mentor-requirements``)."""
    min_age, min_experience = profile.mentor_minimums(mentor.derogation_on(day))
    if min_age is not None and age_on(mentor.birth_date, day) < min_age.value:
        return False
    return min_experience is None or mentor.experience_years >= min_experience.value


def eligible_mentors(workplace: Workplace, profile: Profile, day: dt.date) -> tuple[Mentor, ...]:
    """The workplace's mentors who meet the profile on ``day``, in id order."""
    return tuple(sorted((m for m in workplace.mentors if mentor_meets_profile(m, profile, day)), key=lambda m: m.id))


def occupancy(learners: Iterable[Learner], day: dt.date, leaving: Collection[str] = ()) -> Counter[tuple[str, str]]:
    """Placements in force on ``day`` of active learners, per (workplace, trajectory);
    ``leaving`` are learner ids that free their place."""
    return Counter(
        (placement.workplace, learner.trajectory)
        for learner in learners
        if learner.id not in leaving and active_on(learner, day)
        for placement in learner.placements_on(day)
    )


@dataclass(frozen=True)
class Offer:
    """What one workplace offers the learners of one trajectory on a date."""

    workplace: Workplace
    trajectory: str
    recognition: Recognition | None
    taken: int
    mentors: tuple[Mentor, ...]
    missing: frozenset[str]  # taught only at the workplace, and this one cannot offer them

    @property
    def capacity(self) -> int:
        return self.recognition.capacity if self.recognition else 0

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken, 0)

    def lacking(self, held: Collection[str]) -> list[str]:
        """What a learner who holds ``held`` would miss here, in id order."""
        return sorted(ident for ident in self.missing if ident not in held)

    def refusal(self, held: Collection[str]) -> str | None:
        """Why this workplace cannot take a learner who holds ``held``; ``None`` if it can."""
        if self.recognition is None:
            return NO_RECOGNITION
        if self.lacking(held):
            return CANNOT_OFFER
        if not self.mentors:
            return MENTOR
        if self.free <= 0:
            return FULL
        return None


def offer(
    workplace: Workplace,
    trajectory: StandardTrajectory | None,
    trajectory_id: str,
    day: dt.date,
    profile: Profile,
    taken: Counter[tuple[str, str]],
    needed: frozenset[str] | None = None,
) -> Offer:
    """The workplace's offer to ``trajectory_id`` on ``day``, given the places ``taken``;
    ``needed``: the competences asked of a workplace alone (default: those ``trajectory``
    teaches only at the workplace)."""
    asked = only_at_workplace(trajectory) if needed is None else needed
    return Offer(
        workplace,
        trajectory_id,
        workplace.recognition_on(trajectory_id, day),
        taken[(workplace.id, trajectory_id)],
        eligible_mentors(workplace, profile, day),
        asked & frozenset(workplace.cannot_offer),
    )
