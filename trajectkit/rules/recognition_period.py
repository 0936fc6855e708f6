"""A recognition runs longer than the profile allows.

What it checks: a recognition's period, from `valid_from` to `valid_until` (both
included), is at most `recognition.max_years` years (Flanders: 5, so a recognition
from 2025-09-01 may run until 2030-08-31). A recognition without `valid_until` is
not checked: its end is not known yet. Reported at `valid_until`.

Why it matters: a workplace is recognised (erkend) per programme and site for a
limited period and is then checked again; a longer period in the catalogue keeps a
workplace counted as recognised after its recognition has lapsed.

Example that fails::

    recognitions:
      - trajectory: OT-00214
        valid_from: 2024-09-01
        valid_until: 2034-08-31    # ten years
        capacity: 2

Example that passes::

    recognitions:
      - trajectory: OT-00214
        valid_from: 2024-09-01
        valid_until: 2029-08-31    # five years
        capacity: 2

How to fix: enter the end date of the recognition as granted; a renewal is a new
recognition with its own period.

Options: `recognition.max_years` in the profile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from trajectkit.dates import months_later
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "recognition-period"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    limit = context.profile.get("recognition.max_years")
    if limit is None:
        return
    months = round(limit.value * 12)
    for workplace in context.catalogue.workplaces.values():
        for recognition in workplace.recognitions:
            until = recognition.valid_until
            if until is None or until < recognition.valid_from:
                continue  # open-ended, or reversed (date-order reports it)
            last = months_later(recognition.valid_from, months) - dt.timedelta(days=1)
            if until > last:
                yield Finding(
                    recognition.source.at("valid_until"),
                    ID,
                    _(
                        "the recognition of %(workplace)s for %(trajectory)s runs from %(valid_from)s to "
                        "%(until)s, longer than %(limit)s years%(limit_source)s; it can run until %(last)s at the "
                        "latest"
                    )
                    % {
                        "workplace": workplace.id,
                        "trajectory": recognition.trajectory,
                        "valid_from": recognition.valid_from,
                        "until": until,
                        "limit": limit,
                        "limit_source": limit.cite(),
                        "last": last,
                    },
                )
