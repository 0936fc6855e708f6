"""De datum van het plan: the date a learning plan is printed on, and what it may not precede.

A plan reports dated facts from the learner's file: competences attained (``attained``
and evaluation results), evaluations, the registration and early end of each
agreement, and the signatures of every plan version it shows (those dated on or before
the plan's date). A document dated before one of them would say something that had
not happened yet, so:

- without a given date (no ``--on``, ``today:`` or ``SOURCE_DATE_EPOCH``) the plan is
  dated today (said on standard error), or on the latest plan version or reported fact
  when that is later;
- a given date before a reported fact refuses that learner's plan
  (:func:`check_document_date`), naming the fact, its file and line, and the earliest
  date that would do.

Planned dates are not facts: a placement that starts after the plan's date, an
evaluation moment still to come and the phases are the plan itself. A plan version
dated after the plan's date is not shown (the plan as it stood on that date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from trajectkit.analysis.plan_context import PlanRefused
from trajectkit.catalogue.model import Learner, Source
from trajectkit.problems import Location

#: The rule id of a plan refused for its date.
PLAN_DATE = "plan-date"


@dataclass(frozen=True)
class ReportedFact:
    """A dated fact the plan reports: what happened, on which day, where the file says so."""

    day: dt.date
    what: str
    where: Location | None


def document_day(learner: Learner, printed: dt.date | None, clock: dt.date) -> dt.date:
    """The plan's date: ``printed`` when given (``--on``, ``today:``, ``SOURCE_DATE_EPOCH``),
    else ``clock`` (today), or the latest plan version or reported fact when later."""
    if printed is not None:
        return printed
    versions = (version.date for version in learner.plan_versions)
    facts = (fact.day for fact in reported_facts(learner, dt.date.max))
    return max((clock, *versions, *facts))


def reported_facts(learner: Learner, day: dt.date) -> tuple[ReportedFact, ...]:
    """The dated facts a plan of ``learner`` on ``day`` reports, in file order."""
    return tuple(_facts(learner, day))


def check_document_date(learner: Learner, day: dt.date) -> None:
    """Refuse (:class:`PlanRefused`, rule ``plan-date``) a plan dated before a fact it reports."""
    later = [fact for fact in reported_facts(learner, day) if fact.day > day]
    if not later:
        return
    latest = max(later, key=lambda fact: fact.day)
    where = f" ({latest.where.path}:{latest.where.line})" if latest.where is not None else ""
    raise PlanRefused(
        learner.id,
        f"the plan is dated {day.isoformat()}, before {latest.what} on {latest.day.isoformat()}{where} "
        f"that it reports; give --on {latest.day.isoformat()} or later",
        PLAN_DATE,
    )


def _facts(learner: Learner, day: dt.date) -> Iterator[ReportedFact]:
    for item in learner.attained:
        yield ReportedFact(item.date, f"{item.competence} attained", _at(item.source, "date"))
    for evaluation in learner.evaluations:
        yield ReportedFact(evaluation.date, "an evaluation", _at(evaluation.source, "date"))
    stated = [(placement.agreement, f"the agreement at {placement.workplace}") for placement in learner.placements]
    if not learner.placements:
        stated.append((learner.agreement, "the agreement"))
    for agreement, what in stated:
        if agreement is None:
            continue
        if agreement.registered_on is not None:
            yield ReportedFact(agreement.registered_on, f"{what} registered", _at(agreement.source, "registered_on"))
        if agreement.ended_on is not None:
            yield ReportedFact(agreement.ended_on, f"{what} ended", _at(agreement.source, "ended_on"))
    for version in learner.plan_versions:
        if version.date > day or version.signed is None:
            continue
        for party in ("learner", "guardian", "workplace", "school"):
            signed = version.signed_on(party)
            if signed is not None:
                where = _at(version.source, "signed", party)
                yield ReportedFact(signed, f"the signature of the {party} on version {version.version}", where)


def _at(source: Source, *keys: str) -> Location | None:
    """Where the file writes the fact; the node above it when that key is not there."""
    if getattr(source, "document", None) is None:
        return None
    try:
        return source.at(*keys)
    except (KeyError, IndexError, TypeError):
        return source.at()
