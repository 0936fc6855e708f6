"""The offer per province and per school year, beside the figures per level and sector.

Per province (from Belgian postcodes; ``unknown`` without one), on the date:

- providers sited there, and the trajectories they organise (offer) on the date;
- workplaces sited there with a recognition valid on the date, their recognised
  places and the learners placed there (active on the date);
- learners living there (``home``) active on the date and not ended early, and how
  many have no workplace.

Per school year (1 September to 31 August), counted over the whole year:

- trajectories organised (a provider's offer runs on at least one day of it),
  recognised (a recognition is valid, neither suspended nor withdrawn, on at least one
  day of it) and with learners (a learner is active on at least one day of it);
- the learners active during the year (up to the early end of a learner who stopped:
  ``Learner.last_day``), and those who start in it.

The school years shown run from the earliest one in which a learner starts or an offer
begins to the school year of the date (or the latest start, if later), at most
:data:`MAX_SCHOOL_YEARS` of them, the most recent ones.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from trajectkit.analysis.geography import province
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.model import ACTIVE, Address, Learner, Recognition
from trajectkit.dates import school_year, school_year_label, school_year_span

UNKNOWN_PROVINCE = "unknown"
#: School years shown at most, the most recent ones.
MAX_SCHOOL_YEARS = 10


@dataclass(frozen=True)
class ProvinceStats:
    """The offer in one province on the date."""

    province: str
    providers: int
    organised: int  # trajectories offered on the date by a provider sited here
    workplaces: int  # sited here, with a recognition valid on the date
    places: int
    occupied: int
    learners: int  # living here, active on the date
    waiting: int  # of whom without a workplace


@dataclass(frozen=True)
class SchoolYearStats:
    """The offer over one school year (schooljaar)."""

    year: str  # 2026-2027
    first_day: dt.date
    last_day: dt.date
    organised: int
    recognised: int
    with_learners: int
    learners: int  # active on at least one day of the year
    starting: int  # whose start falls in the year


def province_of(address: Address | None) -> str:
    return (province(address.postcode) if address is not None else None) or UNKNOWN_PROVINCE


def provinces(catalogue: Catalogue, day: dt.date, active: list[Learner]) -> tuple[ProvinceStats, ...]:
    """Per province, in name order with ``unknown`` last."""
    providers: Counter[str] = Counter()
    organised: dict[str, set[str]] = {}
    for provider in catalogue.providers.values():
        where = province_of(provider.site)
        providers[where] += 1
        offered = organised.setdefault(where, set())
        offered.update(offer.trajectory for offer in provider.offers if offer.covers(day))
    placed = Counter(
        (placement.workplace, learner.trajectory) for learner in active for placement in learner.placements_on(day)
    )
    workplaces: Counter[str] = Counter()
    places: Counter[str] = Counter()
    occupied: Counter[str] = Counter()
    for workplace in catalogue.workplaces.values():
        where = province_of(workplace.site)
        recognised = False
        for trajectory in sorted({item.trajectory for item in workplace.recognitions}):
            recognition = workplace.recognition_on(trajectory, day)
            if recognition is not None:
                recognised = True
                places[where] += recognition.capacity
                occupied[where] += placed[(workplace.id, trajectory)]
        workplaces[where] += recognised
    learners = Counter(province_of(learner.home) for learner in active)
    waiting = Counter(province_of(learner.home) for learner in active if not learner.placements_on(day))
    names = {*providers, *workplaces, *learners}
    return tuple(
        ProvinceStats(
            name,
            providers[name],
            len(organised.get(name, ())),
            workplaces[name],
            places[name],
            occupied[name],
            learners[name],
            waiting[name],
        )
        for name in sorted(names, key=lambda name: (name == UNKNOWN_PROVINCE, name))
    )


def _runs_in(recognition: Recognition, first: dt.date, last: dt.date) -> bool:
    """Valid (in its period, not suspended or withdrawn) on at least one day of the span."""
    end = recognition.valid_until
    if recognition.status != ACTIVE:
        if recognition.status_from is None:
            return False
        stopped = recognition.status_from - dt.timedelta(days=1)
        end = stopped if end is None else min(end, stopped)
    return recognition.valid_from <= last and (end is None or first <= end)


def school_years(catalogue: Catalogue, day: dt.date) -> tuple[SchoolYearStats, ...]:
    """Per school year, oldest first (see the module doc for which years)."""
    learners = list(catalogue.learners.values())
    offers = [offer for provider in catalogue.providers.values() for offer in provider.offers]
    starts = [school_year(learner.start) for learner in learners] + [school_year(offer.start) for offer in offers]
    latest = max([school_year(day), *starts])
    earliest = max(min([school_year(day), *starts]), latest - MAX_SCHOOL_YEARS + 1)
    result = []
    for year in range(earliest, latest + 1):
        first, last = school_year_span(year)
        during = [learner for learner in learners if learner.start <= last and first <= learner.last_day]
        recognised = {
            recognition.trajectory
            for workplace in catalogue.workplaces.values()
            for recognition in workplace.recognitions
            if _runs_in(recognition, first, last)
        }
        result.append(
            SchoolYearStats(
                school_year_label(year),
                first,
                last,
                len(
                    {offer.trajectory for offer in offers if offer.overlaps(first, last)}
                    & catalogue.trajectories.keys()
                ),
                len(recognised & catalogue.trajectories.keys()),
                len({learner.trajectory for learner in during} & catalogue.trajectories.keys()),
                len(during),
                sum(1 for learner in learners if first <= learner.start <= last),
            )
        )
    return tuple(result)
