"""Aanbod: the dual-learning offer on a date, in numbers, for a data-driven offer.

Of 204 standard trajectories developed in Flanders in 2023-24, 133 were organised and
only 62 had learners. These statistics answer the same questions for a catalogue:

- per qualification level and sector: the trajectories developed (in the catalogue),
  organised (a school or centre, a ``Provider``, offers it on the date: the councils'
  meaning of the word), recognised (at least one workplace holds a recognition for it
  valid on the date, neither suspended nor withdrawn) and with learners (at least one
  learner of it active on the date, placed or not);
- recognised places (the capacity of the recognitions valid on the date; the largest
  when a workplace holds several for one trajectory) against occupied places (learners
  placed at such a workplace and active on the date);
- learners per trajectory (active on the date; placed or still without a workplace);
- mentors without training (no ``training_completed``, or a date after the date);
- recognitions valid on the date that end within six months of it;
- the same figures per province and per school year (:mod:`trajectkit.analysis.stats_breakdowns`);
- agreements ended early (stopzettingen) up to the date, by reason, trajectory, sector,
  province and school year, with the median time from start to termination
  (:mod:`trajectkit.analysis.terminations`).

A learner is *active* from ``start`` to ``end`` inclusive, unless the learner's dual
learning ended early (stopzetting, :meth:`Learner.ended_by`) on or before the date:
such a learner is counted in the terminations, not among the learners (nor as one
without a workplace).

The *level* is the level of the trajectory's educational qualification (of its
professional one, for a beroepskwalificerende trajectory). The *sector* is the
``sector`` of a professional qualification; an ``x-sector`` key (the convention before
there was a field) still counts, and lets a trajectory or educational qualification
say it for itself. Looked for on the trajectory, else on its educational
qualification, else on the first of its professional qualifications that has one;
else ``unknown``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from trajectkit.analysis.placement import following_on
from trajectkit.analysis.stats_breakdowns import ProvinceStats, SchoolYearStats, province_of, provinces, school_years
from trajectkit.analysis.terminations import TerminationStats, terminations
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.model import ProfessionalQualification, StandardTrajectory
from trajectkit.dates import months_later

SECTOR_KEY = "x-sector"
UNKNOWN_SECTOR = "unknown"
#: Recognitions ending within this many months of the date are listed.
EXPIRY_MONTHS = 6


@dataclass(frozen=True)
class TrajectoryStats:
    """One standard trajectory on the date."""

    id: str
    title: str
    level: int | None
    sector: str
    providers: int  # offering it on the date
    workplaces: int  # holding a recognition for it valid on the date
    places: int  # recognised places
    occupied: int  # learners placed at those workplaces, active on the date
    learners: int  # learners of the trajectory active on the date
    waiting: int  # of whom without a workplace
    approval: str | None = None  # draft | approved | withdrawn, when the trajectory says

    @property
    def organised(self) -> bool:
        """A provider (school, centre) offers it: organised in the councils' sense."""
        return self.providers > 0

    @property
    def recognised(self) -> bool:
        return self.workplaces > 0

    @property
    def with_learners(self) -> bool:
        return self.learners > 0


@dataclass(frozen=True)
class GroupStats:
    """Totals over trajectories of one level and sector (``None`` and ``"all"`` for totals)."""

    level: int | None
    sector: str
    developed: int
    organised: int
    recognised: int
    with_learners: int
    places: int
    occupied: int
    learners: int
    waiting: int

    @property
    def use(self) -> float | None:
        """Occupied share of the recognised places, ``None`` without places."""
        return self.occupied / self.places if self.places else None

    @property
    def free(self) -> int:
        return max(self.places - self.occupied, 0)

    @classmethod
    def of(cls, level: int | None, sector: str, items: Iterable[TrajectoryStats]) -> GroupStats:
        items = list(items)
        return cls(
            level,
            sector,
            len(items),
            sum(1 for item in items if item.organised),
            sum(1 for item in items if item.recognised),
            sum(1 for item in items if item.with_learners),
            sum(item.places for item in items),
            sum(item.occupied for item in items),
            sum(item.learners for item in items),
            sum(item.waiting for item in items),
        )


@dataclass(frozen=True)
class UntrainedMentor:
    """A mentor without (completed) mentor training on the date."""

    workplace: str
    workplace_name: str
    mentor: str
    name: str
    learners: int  # learners this mentor guides, active on the date


@dataclass(frozen=True)
class ExpiringRecognition:
    """A recognition valid on the date that ends within six months."""

    workplace: str
    workplace_name: str
    trajectory: str
    valid_until: dt.date
    capacity: int
    learners: int  # placed there for the trajectory, active on the date
    days_left: int


@dataclass(frozen=True)
class OfferStats:
    """Everything ``trajectkit stats`` shows, for one date."""

    day: dt.date
    expiry_limit: dt.date
    trajectories: tuple[TrajectoryStats, ...]  # by id
    groups: tuple[GroupStats, ...]  # by level, then sector
    levels: tuple[GroupStats, ...]  # per level, all sectors
    sectors: tuple[GroupStats, ...]  # per sector, all levels
    total: GroupStats
    workplaces: int
    mentors: int
    untrained_mentors: tuple[UntrainedMentor, ...]
    expiring: tuple[ExpiringRecognition, ...]
    providers: int = 0
    provinces: tuple[ProvinceStats, ...] = ()
    school_years: tuple[SchoolYearStats, ...] = ()
    terminations: TerminationStats = TerminationStats()

    @property
    def expiring_places(self) -> int:
        return sum(item.capacity for item in self.expiring)


def sector_of(catalogue: Catalogue, trajectory: StandardTrajectory) -> str:
    """The sector of the trajectory, else of its educational qualification, else of its
    first professional qualification that has one (``sector``, or ``x-sector``); else
    ``unknown``."""
    owners: list[object] = [trajectory]
    education = catalogue.educational_qualifications.get(trajectory.qualification)
    if education is not None:
        owners.append(education)
    owners += [catalogue.professional_qualifications.get(scope.ref) for scope in catalogue.scopes_of(trajectory)]
    for owner in owners:
        if isinstance(owner, ProfessionalQualification) and owner.sector:
            return owner.sector
        source = getattr(owner, "source", None)
        data = source.document.data if source is not None else None
        value = data.get(SECTOR_KEY) if isinstance(data, dict) else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return UNKNOWN_SECTOR


def offer_stats(catalogue: Catalogue, day: dt.date) -> OfferStats:
    """The statistics of the offer on ``day`` (see the module doc)."""
    active = [learner for learner in catalogue.learners.values() if following_on(learner, day)]
    learners = Counter(learner.trajectory for learner in active)
    in_force = [(learner, placement) for learner in active for placement in learner.placements_on(day)]
    waiting = Counter(learner.trajectory for learner in active if not learner.placements_on(day))
    placed = Counter((placement.workplace, learner.trajectory) for learner, placement in in_force)
    guided = Counter((placement.workplace, placement.mentor) for _, placement in in_force)

    workplaces: Counter[str] = Counter()
    places: Counter[str] = Counter()
    occupied: Counter[str] = Counter()
    limit = months_later(day, EXPIRY_MONTHS)
    expiring = []
    untrained = []
    mentors = 0
    for workplace in sorted(catalogue.workplaces.values(), key=lambda item: item.id):
        for trajectory_id in sorted({item.trajectory for item in workplace.recognitions}):
            recognition = workplace.recognition_on(trajectory_id, day)
            if recognition is None:
                continue
            workplaces[trajectory_id] += 1
            places[trajectory_id] += recognition.capacity
            occupied[trajectory_id] += placed[(workplace.id, trajectory_id)]
            if recognition.valid_until is not None and recognition.valid_until <= limit:
                expiring.append(
                    ExpiringRecognition(
                        workplace.id,
                        workplace.name,
                        trajectory_id,
                        recognition.valid_until,
                        recognition.capacity,
                        placed[(workplace.id, trajectory_id)],
                        (recognition.valid_until - day).days,
                    )
                )
        for mentor in workplace.mentors:
            mentors += 1
            if mentor.training_completed is None or mentor.training_completed > day:
                untrained.append(
                    UntrainedMentor(
                        workplace.id, workplace.name, mentor.id, mentor.name, guided[(workplace.id, mentor.id)]
                    )
                )

    offering = Counter(
        trajectory
        for provider in catalogue.providers.values()
        for trajectory in {offer.trajectory for offer in provider.offers if offer.covers(day)}
    )
    trajectories = []
    for trajectory in sorted(catalogue.trajectories.values(), key=lambda item: item.id):
        qualification = catalogue.qualification_of(trajectory)
        ident = trajectory.id
        trajectories.append(
            TrajectoryStats(
                ident,
                trajectory.title,
                qualification.level if qualification else None,
                sector_of(catalogue, trajectory),
                offering[ident],
                workplaces[ident],
                places[ident],
                occupied[ident],
                learners[ident],
                waiting[ident],
                trajectory.approval.status if trajectory.approval else None,
            )
        )

    def level_key(level: int | None) -> tuple[bool, int]:
        return (level is None, level or 0)

    by_group: dict[tuple[int | None, str], list[TrajectoryStats]] = defaultdict(list)
    by_level: dict[int | None, list[TrajectoryStats]] = defaultdict(list)
    by_sector: dict[str, list[TrajectoryStats]] = defaultdict(list)
    for item in trajectories:
        by_group[(item.level, item.sector)].append(item)
        by_level[item.level].append(item)
        by_sector[item.sector].append(item)
    return OfferStats(
        day=day,
        expiry_limit=limit,
        trajectories=tuple(trajectories),
        groups=tuple(
            GroupStats.of(level, sector, items)
            for (level, sector), items in sorted(by_group.items(), key=lambda pair: (level_key(pair[0][0]), pair[0][1]))
        ),
        levels=tuple(
            GroupStats.of(level, "all", items)
            for level, items in sorted(by_level.items(), key=lambda pair: level_key(pair[0]))
        ),
        sectors=tuple(GroupStats.of(None, sector, items) for sector, items in sorted(by_sector.items())),
        total=GroupStats.of(None, "all", trajectories),
        workplaces=len(catalogue.workplaces),
        mentors=mentors,
        untrained_mentors=tuple(untrained),
        expiring=tuple(sorted(expiring, key=lambda item: (item.valid_until, item.workplace, item.trajectory))),
        providers=len(catalogue.providers),
        provinces=provinces(catalogue, day, active),
        school_years=school_years(catalogue, day),
        terminations=terminations(
            catalogue.learners.values(),
            day,
            {item.id: item.sector for item in trajectories},
            lambda learner: province_of(learner.home),
        ),
    )
