"""What changed in a learner's file: the individual agreement, the placements, the
hours, the evaluations and the plan versions; and which changes no plan version records.

Placements are matched by workplace, in their order (the second placement at WP-0003
on one side is the second at WP-0003 on the other); adjustments by competence;
evaluations by moment and date; plan versions by number.

A change to what the learning plan agrees (trajectory, start, end, hours, adjustments,
placements) is *unrecorded* when the learner's last plan version on the NEW side is
signed and was already there on the OLD side: the plan the parties signed no longer
says what the file does, and no new version (a draft to sign, or a signed one) records
the change. Evaluations, plan versions and an agreement's early end (``ended_on``,
``end_reason``: ``placement-ended``) are records, not agreements, and never make a
change unrecorded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from trajectkit.analysis.changes import Change, Changes, show
from trajectkit.catalogue.model import Adjustment, Learner, Placement, Source
from trajectkit.catalogue.model.progress import PARTIES, SIGNED, Evaluation, PlanVersion
from trajectkit.problems import Location
from trajectkit.translation import N_, _

LEARNER = "Learner"
#: The ``what`` of the changes that alter the agreed plan.
PLAN_CHANGES = frozenset(
    {
        "trajectory",
        "start",
        "end",
        "hours",
        "adjustment-added",
        "adjustment-removed",
        "adjustment-changed",
        "placement-added",
        "placement-removed",
        "placement-changed",
    }
)


@dataclass(frozen=True)
class UnrecordedChange:
    """A learner whose agreed plan changed after the last signed version, with no new version."""

    learner: str
    name: str
    version: int
    signed_on: str  # the version's date
    changes: tuple[str, ...]  # the kinds of change, e.g. adjustment-added
    location: Location  # the signed version in the NEW file


def learner_changes(old: Learner, new: Learner) -> list[Change]:
    found = Changes(LEARNER, new.id)
    src = new.source
    found.fields(old, new, ("trajectory", "start", "end"), src)
    _hours(found, old, new)
    _adjustments(found, old.adjustments, new.adjustments, src)
    _placements(found, old.placements, new.placements, src)
    _evaluations(found, old.evaluations, new.evaluations, src)
    _plan_versions(found, old.plan_versions, new.plan_versions, src)
    return found.items


def unrecorded(old: Learner, new: Learner, changes: Iterable[Change]) -> UnrecordedChange | None:
    """The learner's plan changes that no plan version records (see the module doc)."""
    kinds = tuple(dict.fromkeys(change.what for change in changes if change.what in PLAN_CHANGES))
    if not kinds or not new.plan_versions:
        return None
    last = new.plan_versions[-1]
    if last.status != SIGNED or last.version not in {version.version for version in old.plan_versions}:
        return None
    return UnrecordedChange(new.id, new.name, last.version, last.date.isoformat(), kinds, last.source.at())


def _hours(found: Changes, old: Learner, new: Learner) -> None:
    before, after = old.hours_per_week or {}, new.hours_per_week or {}
    for place in sorted(set(before) | set(after)):
        was, now = before.get(place), after.get(place)
        if was != now:
            where = new.source.at("hours_per_week", place) if now is not None else new.source.at("hours_per_week")
            found.add(
                "hours",
                place,
                _("the learner's hours per week at %(place)s changed from %(old)s to %(new)s")
                % {"place": place, "old": show(was), "new": show(now)},
                where,
                was,
                now,
            )


def _adjustment_text(item: Adjustment) -> str:
    parts = []
    if item.at is not None:
        parts.append(_("learned at %(at)s") % {"at": show(item.at)})
    if item.assessed_by is not None:
        parts.append(_("assessed by %(by)s") % {"by": show(item.assessed_by)})
    if item.phase is not None:
        parts.append(_("phase %(phase)s") % {"phase": item.phase})
    return ", ".join(parts) or _("no change of place")


def _adjustments(found: Changes, old: Iterable[Adjustment], new: Iterable[Adjustment], src: Source) -> None:
    before = {item.competence: item for item in old}  # the later of two holds, as in the trajectory
    after = {item.competence: item for item in new}
    for competence, item in after.items():
        was = before.get(competence)
        if was is None:
            found.add(
                "adjustment-added",
                competence,
                _("adjustment of %(competence)s added: %(adjustment)s")
                % {"competence": competence, "adjustment": _adjustment_text(item)}
                + (f" ({item.reason})" if item.reason else ""),
                item.source.at(),
                None,
                _adjustment_text(item),
            )
            continue
        differs = [
            f"{_(label)} {show(getattr(was, name))} → {show(getattr(item, name))}"
            for name, label in (
                ("at", N_("at")),
                ("assessed_by", N_("assessed by")),
                ("phase", N_("phase")),
                ("reason", N_("reason")),
            )
            if getattr(was, name) != getattr(item, name)
        ]
        if differs:
            found.add(
                "adjustment-changed",
                competence,
                _("adjustment of %(competence)s changed: %(changes)s")
                % {"competence": competence, "changes": "; ".join(differs)},
                item.source.at(),
                _adjustment_text(was),
                _adjustment_text(item),
            )
    for competence, item in before.items():
        if competence not in after:
            found.add(
                "adjustment-removed",
                competence,
                _("adjustment of %(competence)s removed: the standard trajectory's allocation holds again")
                % {"competence": competence},
                src.at("adjustments"),
                _adjustment_text(item),
                None,
            )


def _keyed(placements: Iterable[Placement]) -> dict[tuple[str, int], Placement]:
    """Placements by (workplace, how many at that workplace came before)."""
    seen: Counter[str] = Counter()
    keyed = {}
    for placement in placements:
        keyed[(placement.workplace, seen[placement.workplace])] = placement
        seen[placement.workplace] += 1
    return keyed


def _period(placement: Placement) -> str:
    return f"{placement.start.isoformat()} – {placement.end.isoformat()}"


def _agreement(placement: Placement) -> dict[str, object]:
    agreement = placement.agreement
    if agreement is None:
        return {}
    return {
        N_("agreement type"): agreement.type,
        N_("agreement number"): agreement.number,
        N_("registered on"): agreement.registered_on,
        N_("ended on"): agreement.ended_on,
        N_("end reason"): agreement.end_reason,
    }


#: The differences of a placement that record its early end rather than change the plan.
ENDING = frozenset({"ended on", "end reason"})


def _placement_differences(was: Placement, placement: Placement) -> dict[str, str]:
    """What differs, by label: ``mentor``, ``from``, ``until``, ``learning places`` and
    the agreement's fields (``ended on`` ...), each as ``label old → new``."""
    pairs: dict[str, tuple[object, object]] = {
        N_("mentor"): (was.mentor, placement.mentor),
        N_("from"): (was.start, placement.start),
        N_("until"): (was.end, placement.end),
        N_("learning places"): (was.learning_places, placement.learning_places),
    }
    was_agreement, agreement = _agreement(was), _agreement(placement)
    for label in dict.fromkeys([*was_agreement, *agreement]):
        pairs[label] = (was_agreement.get(label), agreement.get(label))
    return {label: f"{_(label)} {show(a)} → {show(b)}" for label, (a, b) in pairs.items() if a != b}


def _placements(found: Changes, old: Iterable[Placement], new: Iterable[Placement], src: Source) -> None:
    before, after = _keyed(old), _keyed(new)
    for key, placement in after.items():
        was = before.get(key)
        if was is None:
            found.add(
                "placement-added",
                placement.workplace,
                _("placement at %(workplace)s added (%(period)s, mentor %(mentor)s)")
                % {"workplace": placement.workplace, "period": _period(placement), "mentor": show(placement.mentor)},
                placement.source.at("workplace"),
                None,
                _period(placement),
            )
            continue
        differs = _placement_differences(was, placement)
        if not differs:
            continue
        ended = set(differs) <= ENDING
        found.add(
            "placement-ended" if ended else "placement-changed",
            placement.workplace,
            _("placement at %(workplace)s changed: %(changes)s")
            % {"workplace": placement.workplace, "changes": "; ".join(differs.values())},
            placement.source.at("agreement" if ended else "workplace"),
            show(_agreement(was).get("ended on")) if ended else _period(was),
            show(_agreement(placement).get("ended on")) if ended else _period(placement),
        )
    for key, placement in before.items():
        if key not in after:
            found.add(
                "placement-removed",
                placement.workplace,
                _("placement at %(workplace)s (%(period)s) removed")
                % {"workplace": placement.workplace, "period": _period(placement)},
                src.at("placements"),
                _period(placement),
                None,
            )


def _evaluation_key(evaluation: Evaluation) -> str:
    return f"{evaluation.moment or 'evaluation'} on {evaluation.date.isoformat()}"


def _evaluation_name(evaluation: Evaluation) -> str:
    """The evaluation as a change message names it, in the run's language."""
    return _("%(moment)s on %(date)s") % {
        "moment": evaluation.moment or _("evaluation"),
        "date": evaluation.date.isoformat(),
    }


def _evaluations(found: Changes, old: Iterable[Evaluation], new: Iterable[Evaluation], src: Source) -> None:
    before = {_evaluation_key(item): item for item in old}
    after = {_evaluation_key(item): item for item in new}
    for key, item in after.items():
        was = before.get(key)
        results = {result.competence: result.status for result in item.results}
        if was is None:
            found.add(
                "evaluation-added",
                key,
                _("%(evaluation)s added: %(count)s result(s)")
                % {"evaluation": _evaluation_name(item), "count": len(item.results)}
                + (
                    _(", %(count)s attained") % {"count": sum(1 for r in item.results if r.attained)}
                    if item.results
                    else ""
                ),
                item.source.at(),
                None,
                str(len(item.results)),
            )
            continue
        earlier = {result.competence: result.status for result in was.results}
        none = _("(none)")
        differs = [
            f"{competence} {earlier.get(competence, none)} → {results.get(competence, none)}"
            for competence in dict.fromkeys([*earlier, *results])
            if earlier.get(competence) != results.get(competence)
        ]
        if was.note != item.note:
            differs.append(_("note %(old)s → %(new)s") % {"old": show(was.note), "new": show(item.note)})
        if differs:
            found.add(
                "evaluation-changed",
                key,
                _("%(evaluation)s changed: %(changes)s")
                % {"evaluation": _evaluation_name(item), "changes": "; ".join(differs)},
                item.source.at(),
            )
    for key, item in before.items():
        if key not in after:
            found.add(
                "evaluation-removed",
                key,
                _("%(evaluation)s removed") % {"evaluation": _evaluation_name(item)},
                src.at("evaluations"),
            )


def _signatures(version: PlanVersion) -> str:
    dates = [f"{party} {version.signed_on(party)}" for party in PARTIES if version.signed_on(party) is not None]
    return ", ".join(dates) or _("no signature dates")


def _plan_versions(found: Changes, old: Iterable[PlanVersion], new: Iterable[PlanVersion], src: Source) -> None:
    before = {item.version: item for item in old}
    after = {item.version: item for item in new}
    for number, item in after.items():
        was = before.get(number)
        if was is None:
            found.add(
                "plan-version-added",
                str(number),
                _("plan version %(version)s (%(status)s, %(date)s) added")
                % {"version": number, "status": item.status, "date": item.date.isoformat()}
                + (f": {item.change}" if item.change else ""),
                item.source.at(),
                None,
                item.status,
            )
        elif (was.status, was.date, _signatures(was), was.change) != (
            item.status,
            item.date,
            _signatures(item),
            item.change,
        ):
            found.add(
                "plan-version-changed",
                str(number),
                _("plan version %(version)s changed: %(old)s → %(new)s; signed %(old_signed)s → %(new_signed)s")
                % {
                    "version": number,
                    "old": was.status,
                    "new": item.status,
                    "old_signed": _signatures(was),
                    "new_signed": _signatures(item),
                },
                item.source.at(),
                was.status,
                item.status,
            )
    for number in before:
        if number not in after:
            found.add(
                "plan-version-removed",
                str(number),
                _("plan version %(version)s removed") % {"version": number},
                src.at("plan_versions"),
            )
