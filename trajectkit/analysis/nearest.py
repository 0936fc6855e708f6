"""The nearest workplaces with a free place, for a learner's home: distances and the search.

Distance is in km when the learner's home and the workplace's site both have
``coordinates``; otherwise a km-equivalent by tier (:data:`TIER_KM`): 5 in the same
municipality, 30 in the same province (from the Belgian postcode), 100 elsewhere or
when an address is missing. Sites with coordinates are found through a grid of
cells, the others through an index by municipality and province.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from trajectkit.analysis.geography import distance_km, province, same_municipality
from trajectkit.catalogue.model import Address
from trajectkit.translation import _

#: km-equivalent of a pair without coordinates on both sides, by tier.
TIER_KM = {"municipality": 5.0, "province": 30.0, "elsewhere": 100.0}

#: Why a learner stays unmatched when every workplace with a free place is beyond the limit.
TOO_FAR = "too-far"

# Grid cells for the nearest-workplace search, in degrees (about 11 km by 10 km in Flanders).
_CELL_LAT = 0.1
_CELL_LON = 0.15
_KM_PER_DEGREE = math.pi * 6371.0088 / 180


@dataclass(frozen=True)
class Distance:
    """How far a learner's home is from a site: km, and on what basis."""

    km: float
    basis: str  # "coordinates" | "municipality" | "province" | "elsewhere"

    @property
    def cost(self) -> int:
        """Whole metres, for the solver."""
        return round(self.km * 1000)

    def describe(self) -> str:
        """Words that follow "is": "12.3 km away", "in the same province (counted as 30 km)"."""
        if self.basis == "coordinates":
            return _("%(km)s km away") % {"km": f"{self.km:.1f}"}
        where = {
            "municipality": _("in the same municipality"),
            "province": _("in the same province"),
            "elsewhere": _("not in the same province"),
        }
        return _("%(where)s (counted as %(km)s km)") % {"where": where[self.basis], "km": f"{self.km:g}"}


@dataclass
class Slot:
    """A workplace's recognised places for one trajectory on the date, as the solver sees them."""

    workplace: str
    name: str
    site: Address | None
    capacity: int  # of the recognition
    free: int  # on the date, before this run
    mentored: bool  # has a mentor who meets the profile
    missing: frozenset[str]  # competences taught only at the workplace that it cannot offer
    left: int = 0  # free places not yet given in this run


@dataclass(frozen=True)
class Seeker:
    """A learner to place, as the solver sees them."""

    id: str
    home: Address | None
    held: frozenset[str]  # competences attained or exempted


def distance_between(home: Address | None, site: Address | None) -> Distance:
    """The distance used for matching (see the module doc)."""
    if home is not None and site is not None and home.coordinates and site.coordinates:
        return Distance(distance_km(home.coordinates, site.coordinates), "coordinates")
    if same_municipality(home, site):
        return Distance(TIER_KM["municipality"], "municipality")
    here = province(home.postcode) if home else None
    if here is not None and site is not None and here == province(site.postcode):
        return Distance(TIER_KM["province"], "province")
    return Distance(TIER_KM["elsewhere"], "elsewhere")


#: A candidate while searching: (cost in metres, slot index, km, basis); sorts by cost, then id.
_Found = tuple[int, int, float, str]


class Nearest:
    """The workplaces of one trajectory, indexed to find a learner's nearest quickly.

    Sites with coordinates sit in a grid searched ring by ring; all sites are also
    grouped by municipality and province, for pairs that are compared by tier.
    """

    def __init__(self, slots: list[Slot], limit_km: float | None) -> None:
        self.slots = slots  # in workplace id order
        self.limit = limit_km
        self.grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.tiers = {"all": _TierIndex(), "plain": _TierIndex()}  # plain: sites without coordinates
        self.restricted = [index for index, slot in enumerate(slots) if slot.missing]
        self.points: dict[int, tuple[float, float]] = {}
        top = 0.0
        for index, slot in enumerate(slots):
            site = slot.site
            self.tiers["all"].add(index, site)
            if site is not None and site.coordinates:
                self.grid[_cell(site.coordinates)].append(index)
                self.points[index] = site.coordinates
                top = max(top, abs(site.coordinates[0]))
            else:
                self.tiers["plain"].add(index, site)
        self.top_latitude = top
        self.ring_cache: dict[tuple[int, int], list[tuple[int, list[int]]]] = {}

    def excluded(self, held: frozenset[str]) -> set[int]:
        """Slots that cannot offer a competence this learner still has to learn there."""
        return {index for index in self.restricted if self.slots[index].missing - held}

    def candidates(self, home: Address | None, held: frozenset[str], need: int | None) -> list[tuple[Distance, int]]:
        """The learner's nearest usable slots (by cost, then workplace id), until they hold
        ``need`` places; all of them within the limit when ``need`` is None."""
        excluded = self.excluded(held)
        if home is not None and home.coordinates:
            found = self._by_coordinates(home.coordinates, excluded, need)
            found += self._by_tier(home, excluded, need, self.tiers["plain"])
        else:
            found = self._by_tier(home, excluded, need, self.tiers["all"])
        found.sort()  # (cost, slot index): slots are in workplace id order
        kept = []
        places = 0
        for _cost, index, km, basis in found:
            kept.append((Distance(km, basis), index))
            places += self.slots[index].free
            if need is not None and places >= need:
                break
        return kept

    def _by_tier(self, home: Address | None, excluded: set[int], need: int | None, index: _TierIndex) -> list[_Found]:
        """Same municipality, then same province, then elsewhere; in id order within a tier."""
        found: list[_Found] = []
        places = 0
        for name, members in index.tiers_of(home):
            km = TIER_KM[name]
            if self.limit is not None and km > self.limit:
                break
            for member in members:
                if member in excluded:
                    continue
                found.append((round(km * 1000), member, km, name))
                places += self.slots[member].free
                if need is not None and places >= need:
                    return found
        return found

    def _by_coordinates(self, home: tuple[float, float], excluded: set[int], need: int | None) -> list[_Found]:
        """Ring by ring around the home's cell, until the places within the distance
        that no later ring can undercut reach ``need`` (or everything is seen)."""
        if not self.grid:
            return []
        latitude = min(89.0, max(self.top_latitude, abs(home[0])))
        # A site beyond ring r is at least r whole cells away (5 % margin for the sphere).
        per_ring = 0.95 * _KM_PER_DEGREE * min(_CELL_LAT, _CELL_LON * math.cos(math.radians(latitude)))
        found: list[_Found] = []
        places = 0
        for ring, members in self._rings(_cell(home)):
            for index in members:
                if index in excluded:
                    continue
                km = distance_km(home, self.points[index])
                if self.limit is None or km <= self.limit:
                    found.append((round(km * 1000), index, km, "coordinates"))
                    places += self.slots[index].free
            beyond = ring * per_ring
            if self.limit is not None and beyond > self.limit:
                break
            if (
                need is not None
                and places >= need
                and sum(self.slots[i].free for _, i, km, _ in found if km <= beyond) >= need
            ):
                break
        return found

    def _rings(self, centre: tuple[int, int]) -> list[tuple[int, list[int]]]:
        """The occupied cells as rings around ``centre`` (Chebyshev distance), nearest first;
        learners of one neighbourhood share the answer."""
        rings = self.ring_cache.get(centre)
        if rings is None:
            grouped: dict[int, list[int]] = defaultdict(list)
            for cell in sorted(self.grid):
                grouped[max(abs(cell[0] - centre[0]), abs(cell[1] - centre[1]))].extend(self.grid[cell])
            rings = self.ring_cache[centre] = sorted(grouped.items())
        return rings


class _TierIndex:
    """Slot indices by municipality and by province, each list in workplace id order."""

    def __init__(self) -> None:
        self.ordered: list[int] = []
        self.municipality: dict[str, list[int]] = defaultdict(list)
        self.province: dict[str, list[int]] = defaultdict(list)
        self.keys: dict[int, tuple[str | None, str | None]] = {}

    def add(self, index: int, site: Address | None) -> None:
        town = _town(site)
        region = province(site.postcode) if site else None
        self.ordered.append(index)
        self.keys[index] = (town, region)
        if town:
            self.municipality[town].append(index)
        if region:
            self.province[region].append(index)

    def tiers_of(self, home: Address | None) -> Iterator[tuple[str, Iterable[int]]]:
        """The tiers as ``distance_between`` assigns them, nearest first, members lazily."""
        town = _town(home)
        region = province(home.postcode) if home else None
        yield "municipality", self.municipality.get(town, []) if town else []
        yield (
            "province",
            (i for i in self.province.get(region, []) if not town or self.keys[i][0] != town) if region else [],
        )
        yield (
            "elsewhere",
            (
                i
                for i in self.ordered
                if not (town and self.keys[i][0] == town) and not (region and self.keys[i][1] == region)
            ),
        )


def _town(address: Address | None) -> str | None:
    """The municipality as ``same_municipality`` compares it."""
    return address.municipality.strip().casefold() if address is not None and address.municipality else None


def _cell(coordinates: tuple[float, float]) -> tuple[int, int]:
    return (math.floor(coordinates[0] / _CELL_LAT), math.floor(coordinates[1] / _CELL_LON))
