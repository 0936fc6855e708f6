"""Provinces from Belgian postcodes and distances, as matching and scenarios use them."""

from __future__ import annotations

import pytest

from trajectkit.analysis.geography import distance_km, nearness, province
from trajectkit.catalogue.model import Address


@pytest.mark.parametrize(
    ("postcode", "expected"),
    [
        ("9000", "Oost-Vlaanderen"),
        (9040, "Oost-Vlaanderen"),
        ("8500", "West-Vlaanderen"),
        ("3000", "Vlaams-Brabant"),
        ("1500", "Vlaams-Brabant"),
        ("3500", "Limburg"),
        ("2000", "Antwerpen"),
        ("1000", "Brussels Hoofdstedelijk Gewest"),
        ("4000", "Luik"),
        ("1012AB", None),
        ("999", None),
        (None, None),
    ],
)
def test_province_from_postcode(postcode, expected) -> None:
    assert province(postcode) == expected


def test_a_degree_of_latitude_is_111_km() -> None:
    # Along a meridian the great-circle distance is R * pi / 180 per degree, R = 6371.0088 km.
    assert distance_km((50.0, 4.0), (51.0, 4.0)) == pytest.approx(111.195, abs=0.001)


def test_distance_gent_kortrijk_is_40_km_as_the_crow_flies() -> None:
    # City halls of Gent and Kortrijk; by road it is about 45 km.
    assert distance_km((51.0543, 3.7174), (50.8280, 3.2649)) == pytest.approx(40.48, abs=0.05)
    assert distance_km((50.8280, 3.2649), (51.0543, 3.7174)) == distance_km((51.0543, 3.7174), (50.8280, 3.2649))


def test_nearness_prefers_coordinates_then_municipality_then_province() -> None:
    home = Address(postcode="9000", municipality="Gent", coordinates=(51.0543, 3.7174))
    sites = {
        "elsewhere": Address(postcode="3500", municipality="Hasselt"),
        "province": Address(postcode="9300", municipality="Aalst"),
        "far, with coordinates": Address(postcode="8500", municipality="Kortrijk", coordinates=(50.8280, 3.2649)),
        "municipality": Address(postcode="9000", municipality="gent "),
        "no address": None,
        "near, with coordinates": Address(postcode="9050", municipality="Gentbrugge", coordinates=(51.04, 3.76)),
    }
    ranked = sorted(sites, key=lambda name: nearness(home, sites[name]))
    assert ranked == [
        "near, with coordinates",
        "far, with coordinates",  # 40 km, still before any site without coordinates
        "municipality",
        "province",
        "elsewhere",
        "no address",
    ]
    assert nearness(home, sites["municipality"]) == (1, 0.0)
    assert nearness(None, sites["province"]) == (3, 0.0)
