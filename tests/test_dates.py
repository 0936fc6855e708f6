"""The reference date, read one way: --on, then today: in the configuration, then SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt

import pytest

from trajectkit.config import Config
from trajectkit.dates import reference_date, source_date, source_date_epoch
from trajectkit.errors import UsageError
from trajectkit.profile import DEFAULT_PROFILE, load_profile

PLAIN = Config(profile=load_profile(DEFAULT_PROFILE))
CONFIGURED = Config(profile=PLAIN.profile, today=dt.date(2027, 2, 1))
EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}  # 2026-09-21 UTC


def test_on_wins_then_the_configuration_then_the_epoch() -> None:
    on = dt.date(2026, 10, 1)
    assert reference_date(on, CONFIGURED, EPOCH) == on
    assert reference_date(None, CONFIGURED, EPOCH) == dt.date(2027, 2, 1)
    assert reference_date(None, PLAIN, EPOCH) == dt.date(2026, 9, 21)


def test_without_any_date_it_says_how_to_give_one() -> None:
    with pytest.raises(UsageError, match="give --on YYYY-MM-DD"):
        reference_date(None, PLAIN, {})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", dt.datetime(1970, 1, 1)),
        (" 1790000000 ", dt.datetime(2026, 9, 21, 14, 13, 20)),
        ("253402300799", dt.datetime(9999, 12, 31, 23, 59, 59)),
        ("", None),
    ],
)
def test_the_epoch_is_whole_seconds_in_utc(value: str, expected: dt.datetime | None) -> None:
    assert source_date_epoch({"SOURCE_DATE_EPOCH": value}) == expected


@pytest.mark.parametrize("value", ["not a number", "-1", "1.5", "²", "253402300800", "9" * 400])
def test_an_epoch_that_is_not_whole_seconds_is_a_usage_error(value: str) -> None:
    with pytest.raises(UsageError, match=r"SOURCE_DATE_EPOCH=.* is not a number of seconds"):
        source_date({"SOURCE_DATE_EPOCH": value})
