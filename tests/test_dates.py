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


@pytest.mark.parametrize(
    "args",
    [("match", "{samples}"), ("scenario", "{samples}", "--without", "WP-0002"), ("stats", "{samples}")],
    ids=["match", "scenario", "stats"],
)
def test_match_scenario_and_stats_answer_for_today_without_on(
    cli, samples, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    import trajectkit.dates

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(trajectkit.dates, "today", lambda: dt.date(2026, 10, 5))
    result = cli(*(arg.format(samples=samples) for arg in args))
    assert result.exit_code == 0, result.output
    assert "2026-10-05" in result.stdout.splitlines()[0]
    assert result.stderr == "trajectkit: on 2026-10-05, today (give --on YYYY-MM-DD for another date)\n"


def test_without_any_date_it_is_today_and_says_how_to_give_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import trajectkit.dates

    monkeypatch.setattr(trajectkit.dates, "today", lambda: dt.date(2026, 12, 3))
    assert reference_date(None, PLAIN, {}) == dt.date(2026, 12, 3)
    assert "on 2026-12-03, today (give --on YYYY-MM-DD" in capsys.readouterr().err


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
