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


def test_distance_gent_kortrijk_is_about_45_km() -> None:
    assert distance_km((51.0543, 3.7174), (50.8280, 3.2649)) == pytest.approx(40.0, abs=5)


def test_nearness_prefers_coordinates_then_municipality_then_province() -> None:
    gent = Address(postcode="9000", municipality="Gent")
    assert nearness(gent, Address(postcode="9000", municipality="gent ")) == (1, 0.0)
    assert nearness(gent, Address(postcode="9300", municipality="Aalst")) == (2, 0.0)
    assert nearness(gent, Address(postcode="8500", municipality="Kortrijk")) == (3, 0.0)
    a = Address(coordinates=(51.0, 3.7))
    assert nearness(a, Address(coordinates=(51.0, 3.7)))[0] == 0
