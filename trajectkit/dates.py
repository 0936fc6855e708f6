"""The reference date of a run, read one way everywhere.

A command that answers "on a date" (scenario, match, stats, progress) or prints one (a
plan, an attest, an export) takes it, in this order, from ``--on``, ``today:`` in
``trajectkit.yaml``, or ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention:
whole seconds since 1970-01-01 UTC); else today's date, which it says on standard
error. The same input and reference date give the same output bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from trajectkit.errors import UsageError
from trajectkit.terminal import note
from trajectkit.translation import _

if TYPE_CHECKING:
    from trajectkit.config import Config

ENV_VAR = "SOURCE_DATE_EPOCH"
_SECONDS = re.compile(r"[0-9]{1,12}")  # ASCII digits only: '²' is a digit to str.isdigit()
#: The last second a four-digit year can hold; later dates cannot be printed as ISO dates.
_LAST_SECOND = int(dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC).timestamp())


#: The days trajectkit reads and answers on. Date arithmetic (a school year later,
#: months later, the day before) must stay inside what ``datetime.date`` holds, so
#: ``0001-01-01`` and ``9999-12-31`` are refused with a message, not an overflow.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)
SUPPORTED = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"


def supported(day: dt.date) -> bool:
    """Whether ``day`` lies in the years trajectkit plans for (see :data:`FIRST_DAY`)."""
    return FIRST_DAY <= day <= LAST_DAY


def checked_reference(day: dt.date, where: str) -> dt.date:
    """``day`` as a reference date; a usage error outside :data:`SUPPORTED`."""
    if not supported(day):
        raise UsageError(
            _("%(where)s %(day)s is outside the dates trajectkit supports (%(supported)s)")
            % {"where": where, "day": day.isoformat(), "supported": SUPPORTED}
        )
    return day


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC moment without time zone; ``None`` when unset or empty.

    A value that is not a whole number of seconds up to the year 9999 is a usage error:
    silently ignoring it would make a build that asked to be reproducible read the clock.
    """
    raw = environ.get(ENV_VAR, "").strip()
    if not raw:
        return None
    if not _SECONDS.fullmatch(raw) or int(raw) > _LAST_SECOND:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise UsageError(
            _(
                "%(variable)s=%(value)s is not a number of seconds since 1970-01-01 (up to the year 9999); "
                "unset it or give a whole number, e.g. %(variable)s=1788220800"
            )
            % {"variable": ENV_VAR, "value": repr(shown)}
        )
    return dt.datetime.fromtimestamp(int(raw), dt.UTC).replace(tzinfo=None)


def source_date(environ: Mapping[str, str] = os.environ) -> dt.date | None:
    """The day of ``SOURCE_DATE_EPOCH``, or ``None`` when it is not set."""
    moment = source_date_epoch(environ)
    return checked_reference(moment.date(), f"the day of {ENV_VAR}") if moment is not None else None


def today() -> dt.date:
    """The clock's date, read here only (tests replace it)."""
    return dt.date.today()


def given_date(on: dt.date | None, config: Config, environ: Mapping[str, str] = os.environ) -> dt.date | None:
    """``--on``, else ``today`` from the configuration, else the date of SOURCE_DATE_EPOCH;
    ``None`` when none is given (a plan then takes a date from the learner's file)."""
    if on is not None:
        return checked_reference(on, "--on")
    if config.today is not None:
        return checked_reference(config.today, "today:")
    return source_date(environ)


def reference_date(on: dt.date | None, config: Config, environ: Mapping[str, str] = os.environ) -> dt.date:
    """``--on``, else ``today`` from the configuration, else the date of SOURCE_DATE_EPOCH;
    else today's date, said on standard error (:func:`clock_date`)."""
    given = given_date(on, config, environ)
    return given if given is not None else clock_date()


def clock_date() -> dt.date:
    """Today's date for a run given none, said on standard error so that it can be given again."""
    day = today()
    note(
        _("trajectkit: on %(day)s, today (give --on YYYY-MM-DD for another date)") % {"day": day.isoformat()},
        err=True,
    )
    return day


# --------------------------------------------------------------------------- calendar

#: A Flemish school year (schooljaar) runs from 1 September to 31 August.
SCHOOL_YEAR_START_MONTH = 9


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has none (31 Aug + 6 → 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def school_year(day: dt.date) -> int:
    """The year in which the school year of ``day`` began: 2026 for 2026-09-01 … 2027-08-31."""
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


def school_year_label(start_year: int) -> str:
    """``2026-2027``, as school years are written."""
    return f"{start_year}-{start_year + 1}"


def school_year_span(start_year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the school year that begins in ``start_year``."""
    return dt.date(start_year, SCHOOL_YEAR_START_MONTH, 1), dt.date(
        start_year + 1, SCHOOL_YEAR_START_MONTH, 1
    ) - dt.timedelta(days=1)
