"""Where learners and workplaces are: Belgian provinces from postcodes, and distances.

Matching and scenarios prefer a workplace close to the learner: by coordinates when
both have them, else the same municipality, else the same province.
"""

from __future__ import annotations

import math

from trajectkit.catalogue.model import Address

#: Belgian postcode ranges (inclusive) and their province (or region, for Brussels).
PROVINCE_RANGES: tuple[tuple[int, int, str], ...] = (
    (1000, 1299, "Brussels Hoofdstedelijk Gewest"),
    (1300, 1499, "Waals-Brabant"),
    (1500, 1999, "Vlaams-Brabant"),
    (2000, 2999, "Antwerpen"),
    (3000, 3499, "Vlaams-Brabant"),
    (3500, 3999, "Limburg"),
    (4000, 4999, "Luik"),
    (5000, 5999, "Namen"),
    (6000, 6599, "Henegouwen"),
    (6600, 6999, "Luxemburg"),
    (7000, 7999, "Henegouwen"),
    (8000, 8999, "West-Vlaanderen"),
    (9000, 9999, "Oost-Vlaanderen"),
)

EARTH_RADIUS_KM = 6371.0088


def province(postcode: str | int | None) -> str | None:
    """The province of a Belgian postcode, or ``None`` when it is not one."""
    if postcode is None:
        return None
    text = str(postcode).strip()
    if not text.isdigit() or len(text) != 4:
        return None
    number = int(text)
    for low, high, name in PROVINCE_RANGES:
        if low <= number <= high:
            return name
    return None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance between two ``(lat, lon)`` points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def same_municipality(a: Address | None, b: Address | None) -> bool:
    if a is None or b is None or not a.municipality or not b.municipality:
        return False
    return a.municipality.strip().casefold() == b.municipality.strip().casefold()


def same_province(a: Address | None, b: Address | None) -> bool:
    here = province(a.postcode) if a else None
    return here is not None and b is not None and here == province(b.postcode)


def nearness(a: Address | None, b: Address | None) -> tuple[int, float]:
    """A sort key, smaller is closer: (tier, km) with tier 0 coordinates, 1 municipality, 2 province, 3 elsewhere."""
    if a is not None and b is not None and a.coordinates and b.coordinates:
        return (0, distance_km(a.coordinates, b.coordinates))
    if same_municipality(a, b):
        return (1, 0.0)
    if same_province(a, b):
        return (2, 0.0)
    return (3, 0.0)
