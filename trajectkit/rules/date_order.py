"""An end date lies before its start date.

What it checks: a learner's `end` is not before its `start`; a recognition's
`valid_until` is not before its `valid_from`; a provider's offer runs `until` no
earlier than `from`; a placement's `until` (default: the learner's end) is not
before its `from`, and its agreement's `ended_on` not before the placement's `from`
(the learner's start for a version 1 `agreement`); a block week of the learner's
`training_centre` does not end (`until`) before its `from`. The same day for both is allowed
(one day). Reported at the end date.

Why it matters: a reversed period silently means "never": a recognition that ends
before it starts only shows up later as a learner's `recognition-missing`, and a
learner whose end comes first gets a signed plan that runs from September 2026 to
June 2025.

Example that fails::

    kind: Learner
    id: L-2026-0001
    start: 2026-09-01
    end: 2025-06-30          # before the start

Example that passes::

    kind: Learner
    id: L-2026-0001
    start: 2026-09-01
    end: 2028-06-30

How to fix: correct the date that is wrong (often a year typed twice or swapped).

Options: none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from trajectkit.catalogue.model import Learner
from trajectkit.problems import Finding, Level, Location
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "date-order"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for learner in catalogue.learners.values():
        yield from _order(
            learner.source.at("end"),
            _("%(learner)s ends") % {"learner": learner.id},
            learner.start,
            learner.end,
            "start",
        )
        yield from _placements(learner)
    for workplace in catalogue.workplaces.values():
        for recognition in workplace.recognitions:
            if recognition.valid_until is not None:
                yield from _order(
                    recognition.source.at("valid_until"),
                    _("the recognition of %(workplace)s for %(trajectory)s ends")
                    % {"workplace": workplace.id, "trajectory": recognition.trajectory},
                    recognition.valid_from,
                    recognition.valid_until,
                    "valid_from",
                )
    for provider in catalogue.providers.values():
        for offer in provider.offers:
            if offer.until is not None:
                yield from _order(
                    offer.source.at("until"),
                    _("the offer of %(trajectory)s by %(provider)s ends")
                    % {"trajectory": offer.trajectory, "provider": provider.id},
                    offer.start,
                    offer.until,
                    "from",
                )


def _placements(learner: Learner) -> Iterator[Finding]:
    for placement in learner.placements:
        what = _("the placement of %(learner)s at %(workplace)s") % {
            "learner": learner.id,
            "workplace": placement.workplace,
        }
        if placement.source is not learner.source:  # a version 1 placement is the learner's own period
            yield from _order(
                placement.source.at("until"),
                _("%(what)s ends") % {"what": what},
                placement.start,
                placement.end,
                "from",
            )
        agreement = placement.agreement
        if agreement is not None and agreement.ended_on is not None:
            yield from _order(
                agreement.source.at("ended_on"),
                _("the agreement of %(what)s ends") % {"what": what},
                placement.start,
                agreement.ended_on,
                "from",
            )
    centre = learner.training_centre
    if centre is not None:
        for week in centre.block_weeks:
            yield from _order(
                week.source.at("until"),
                _("a block week of %(learner)s at %(centre)s ends") % {"learner": learner.id, "centre": centre.name},
                week.start,
                week.until,
                "from",
            )
    if not learner.placements and learner.agreement is not None and learner.agreement.ended_on is not None:
        yield from _order(
            learner.agreement.source.at("ended_on"),
            _("the agreement of %(learner)s ends") % {"learner": learner.id},
            learner.start,
            learner.agreement.ended_on,
            "start",
        )


def _order(where: Location, what: str, start: dt.date, end: dt.date, start_key: str) -> Iterator[Finding]:
    if end < start:
        yield Finding(
            where,
            ID,
            _("%(what)s on %(end)s, before it starts (%(start_key)s %(start)s); correct one of the two dates")
            % {"what": what, "end": end, "start_key": start_key, "start": start},
        )
