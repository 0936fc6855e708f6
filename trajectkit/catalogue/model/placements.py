"""The individual side of a learner: placements, agreements, adjustments, guardians, rhythm.

Version 1 writes one ``workplace``/``mentor``/``agreement`` on the learner; version 1.1
may write ``placements`` instead. Both are read into :class:`Placement`, so that every
rule and command sees one shape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.model.base import Source, as_date, as_id, as_ids, source_field


@dataclass(frozen=True)
class Agreement:
    """Overeenkomst (OAO, SAO, arbeidsovereenkomst): its type, number, registration and
    early end (stopzetting). ``ended_on`` is the last day it ran."""

    type: str
    number: str | None = None
    registered_on: dt.date | None = None
    ended_on: dt.date | None = None
    end_reason: str | None = None
    source: Source = source_field()
    #: Where the type is written: the ``type`` key of the mapping form, else the value itself.
    type_source: Source = source_field()

    @classmethod
    def from_data(cls, data: Any, source: Source) -> Agreement | None:
        """The short form (a type id) or the mapping form; ``None`` when absent."""
        if data is None:
            return None
        if not isinstance(data, Mapping):
            return cls(as_id(data), source=source, type_source=source)
        number = data.get("number")
        return cls(
            as_id(data["type"]),
            as_id(number) if number is not None else None,
            as_date(data.get("registered_on")),
            as_date(data.get("ended_on")),
            data.get("end_reason"),
            source,
            source.child("type"),
        )


@dataclass(frozen=True)
class Placement:
    """Plaatsing: a workplace and mentor for a period, the workplace-type learning places
    it covers (empty: all of them), and its agreement.

    ``start`` and ``end`` are resolved: a missing ``from`` is the learner's start, a
    missing ``until`` the learner's end. A version 1 learner's placement has the
    learner's own node as its source, so a finding still points at ``workplace:``.
    """

    workplace: str
    mentor: str | None
    start: dt.date
    end: dt.date
    learning_places: tuple[str, ...] = ()
    agreement: Agreement | None = None
    source: Source = source_field()

    @property
    def last_day(self) -> dt.date:
        """The end, or the day the agreement stopped early when that comes first."""
        ended = self.agreement.ended_on if self.agreement is not None else None
        return min(self.end, ended) if ended is not None else self.end

    def in_force_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.last_day

    def covers(self, place: str, workplace_places: tuple[str, ...]) -> bool:
        """Whether this placement covers learning place ``place`` (of workplace type)."""
        return place in (self.learning_places or workplace_places)


@dataclass(frozen=True)
class Adjustment:
    """Aanpassing van het opleidingsplan: where this learner learns and is assessed on one
    competence, overriding the standard allocation (``None``: the standard's)."""

    competence: str
    at: tuple[str, ...] | None
    assessed_by: tuple[str, ...] | None
    phase: str | None
    reason: str | None
    source: Source = source_field()


@dataclass(frozen=True)
class Guardian:
    """Ouder of voogd, with contact details."""

    name: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class BlockWeek:
    """Blokweek: a period the learner spends at the training centre, first to last day."""

    start: dt.date
    until: dt.date
    source: Source = source_field()


@dataclass(frozen=True)
class TrainingCentre:
    """Opleidingscentrum: the training centre where the learner learns the trajectory's
    training-centre place (``place``; ``None``: its first), and its block weeks."""

    name: str
    place: str | None = None
    block_weeks: tuple[BlockWeek, ...] = ()
    source: Source = source_field()


@dataclass(frozen=True)
class RhythmSlot:
    """Part of a day in the weekly rhythm (uurrooster): a learning place, with times if given."""

    day: str
    place: str
    start: str | None = None
    until: str | None = None


def placements_of(data: Mapping[str, Any], src: Source, start: dt.date, end: dt.date) -> tuple[Placement, ...]:
    """The learner's placements: the ``placements`` list, or the version 1 workplace as one."""
    if "placements" in data:
        return tuple(
            _placement(item, src.child("placements", index), start, end)
            for index, item in enumerate(data["placements"])
        )
    if "workplace" not in data:
        return ()
    mentor = data.get("mentor")
    agreement = Agreement.from_data(data.get("agreement"), src.child("agreement"))
    return (Placement(as_id(data["workplace"]), as_id(mentor) if mentor else None, start, end, (), agreement, src),)


def _placement(item: Mapping[str, Any], src: Source, start: dt.date, end: dt.date) -> Placement:
    mentor = item.get("mentor")
    return Placement(
        as_id(item["workplace"]),
        as_id(mentor) if mentor is not None else None,
        as_date(item.get("from")) or start,
        as_date(item.get("until")) or end,
        as_ids(item.get("learning_places")),
        Agreement.from_data(item.get("agreement"), src.child("agreement")),
        src,
    )


def adjustments_of(data: Mapping[str, Any], src: Source) -> tuple[Adjustment, ...]:
    return tuple(
        Adjustment(
            as_id(item["competence"]),
            as_ids(item["at"]) if "at" in item else None,
            as_ids(item["assessed_by"]) if "assessed_by" in item else None,
            as_id(item["phase"]) if "phase" in item else None,
            item.get("reason"),
            src.child("adjustments", index),
        )
        for index, item in enumerate(data.get("adjustments", ()))
    )


def guardians_of(data: Mapping[str, Any]) -> tuple[Guardian, ...]:
    return tuple(
        Guardian(item["name"], item.get("email"), str(item["phone"]) if "phone" in item else None)
        for item in data.get("guardians", ())
    )


def training_centre_of(data: Mapping[str, Any], src: Source) -> TrainingCentre | None:
    centre = data.get("training_centre")
    if centre is None:
        return None
    here = src.child("training_centre")
    weeks = tuple(
        BlockWeek(
            dt.date.fromisoformat(item["from"]),
            dt.date.fromisoformat(item["until"]),
            here.child("block_weeks", index),
        )
        for index, item in enumerate(centre.get("block_weeks", ()))
    )
    place = centre.get("place")
    return TrainingCentre(centre["name"], as_id(place) if place is not None else None, weeks, here)


def rhythm_of(data: Mapping[str, Any] | None) -> tuple[Mapping[str, tuple[str, ...]], tuple[RhythmSlot, ...]]:
    """Days per place, and the timed slots: the by-day form gives both, the by-place form only days."""
    rhythm = data or {}
    if not any(isinstance(value, list) and any(isinstance(v, Mapping) for v in value) for value in rhythm.values()):
        return {as_id(place): tuple(days) for place, days in rhythm.items()}, ()
    slots = tuple(
        RhythmSlot(day, as_id(slot["place"]), slot.get("from"), slot.get("until"))
        for day, day_slots in rhythm.items()
        for slot in day_slots
    )
    days: dict[str, list[str]] = {}
    for slot in slots:
        if slot.day not in days.setdefault(slot.place, []):
            days[slot.place].append(slot.day)
    return {place: tuple(listed) for place, listed in days.items()}, slots
