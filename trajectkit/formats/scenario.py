"""A scenario's answer as text or JSON: one function per format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from trajectkit.analysis.scenario import Alternative, HoursBreach, Scenario
from trajectkit.formats import json_text
from trajectkit.terminal import for_terminal
from trajectkit.translation import N_, _

#: How near an alternative is (``Alternative.nearness``), translated when shown.
NEARNESS = (N_("coordinates"), N_("municipality"), N_("province"), N_("elsewhere"))


def _where(item: Alternative) -> str:
    place = ", ".join(part for part in (item.municipality, item.province) if part)
    nearness = _(item.nearness)
    distance = f", {item.distance_km:g} km" if item.distance_km is not None else f", {nearness}"
    return f"{place}{distance}" if place else nearness


def scenario_text(scenario: Scenario) -> str:
    out = []
    removed = [_("workplace %(id)s") % {"id": ident} for ident in scenario.without_workplaces]
    removed += [_("learning place %(id)s") % {"id": ident} for ident in scenario.without_places]
    out.append(
        _("Scenario: without %(removed)s, on %(day)s") % {"removed": ", ".join(removed), "day": scenario.on.isoformat()}
    )
    if scenario.without_workplaces:
        out.append("")
        if not scenario.learners:
            out.append(_("No learner active on that date is placed there."))
        for learner in scenario.learners:
            home = _(", lives in %(home)s") % {"home": learner.home} if learner.home else ""
            out.append(
                _("%(learner)s %(name)s (%(trajectory)s%(home)s) loses %(workplace)s")
                % {
                    "learner": learner.learner,
                    "name": learner.name,
                    "trajectory": learner.trajectory,
                    "home": home,
                    "workplace": learner.workplace,
                }
            )
            if learner.alternatives:
                for item in learner.alternatives:
                    out.append(
                        f"  -> {item.workplace} {item.name} ({_where(item)}): "
                        + _("%(free)d of %(capacity)d free") % {"free": item.free, "capacity": item.capacity}
                    )
            else:
                out.append("  " + _("no other recognised workplace with a free place"))
            out.extend(f"  x  {item.workplace} {item.name}: {item.reason}" for item in learner.rejected)
        out.extend(_replacement_text(scenario))
    for loss in scenario.places:
        out.append("")
        out.append(
            _("%(trajectory)s %(title)s loses %(place)s (%(type)s, %(hours)s h/week)")
            % {
                "trajectory": loss.trajectory,
                "title": loss.title,
                "place": loss.place,
                "type": loss.place_type,
                "hours": f"{loss.hours_per_week:g}",
            }
        )
        if loss.orphaned:
            out.append("  " + _("learned only there (%(count)d):") % {"count": len(loss.orphaned)})
            out.extend(f"    {item.id} {item.title}" for item in loss.orphaned)
        else:
            out.append("  " + _("every competence is also learned at another place"))
        out.extend(f"  {_breach_text(breach)}" for breach in loss.breaches)
        if loss.unassessed:
            out.append("  " + _("assessed only there (%(count)d):") % {"count": len(loss.unassessed)})
            out.extend(f"    {item.id} {item.title}" for item in loss.unassessed)
        if loss.learners:
            out.append("  " + _("learners who still need them (%(count)d):") % {"count": len(loss.learners)})
            out.extend(f"    {need.learner} {need.name}: {', '.join(need.competences)}" for need in loss.learners)
    if scenario.without_places and not scenario.places:
        out.append("")
        out.append(_("No trajectory has that learning place."))
    return "\n".join(out) + "\n"


def _replacement_text(scenario: Scenario) -> list[str]:
    replacement = scenario.replacement
    if replacement is None or not scenario.learners:
        return []
    placed = len(replacement.assignments)
    out = [
        "",
        _("Placed together, as match places learners: %(placed)d of %(learners)d can go elsewhere")
        % {"placed": placed, "learners": len(scenario.learners)},
    ]
    for item in replacement.assignments:
        out.append(
            f"  {item.learner.id} {item.learner.name} -> {item.workplace.id} {item.workplace.name}, {item.distance.describe()}"
        )
    if replacement.unmatched:
        out.append(_("Left without a place (%(count)d):") % {"count": len(replacement.unmatched)})
        out.extend(
            f"  {left.learner.id} {left.learner.name}: [{left.reason}] {left.detail}" for left in replacement.unmatched
        )
    return out


def _breach_text(breach: HoursBreach) -> str:
    if breach.what == "agreement":
        return _(
            "the %(agreement)s no longer holds: it needs %(requirement)s hours a week at the workplace, "
            "%(hours)s are left"
        ) % {"agreement": breach.agreement, "requirement": breach.requirement, "hours": f"{breach.hours:g}"}
    return _("the week no longer fits: the profile allows %(requirement)s hours in total, %(hours)s are left") % {
        "requirement": breach.requirement,
        "hours": f"{breach.hours:g}",
    }


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    return {
        "on": scenario.on.isoformat(),
        "without_workplaces": list(scenario.without_workplaces),
        "without_places": list(scenario.without_places),
        "unsolved": scenario.unsolved,
        "replacement": _replacement_data(scenario),
        "learners": [
            {
                "learner": learner.learner,
                "name": learner.name,
                "trajectory": learner.trajectory,
                "workplace": learner.workplace,
                "home": learner.home,
                "alternatives": [
                    {
                        "workplace": item.workplace,
                        "name": item.name,
                        "municipality": item.municipality,
                        "province": item.province,
                        "nearness": item.nearness,
                        "distance_km": item.distance_km,
                        "capacity": item.capacity,
                        "taken": item.taken,
                        "free": item.free,
                    }
                    for item in learner.alternatives
                ],
                "rejected": [
                    {"workplace": item.workplace, "name": item.name, "reason": item.reason} for item in learner.rejected
                ],
            }
            for learner in scenario.learners
        ],
        "places": [
            {
                "trajectory": loss.trajectory,
                "place": loss.place,
                "type": loss.place_type,
                "hours_per_week": loss.hours_per_week,
                "orphaned": [{"competence": item.id, "title": item.title} for item in loss.orphaned],
                "assessed_only_there": [{"competence": item.id, "title": item.title} for item in loss.unassessed],
                "learners": [
                    {"learner": need.learner, "name": need.name, "competences": list(need.competences)}
                    for need in loss.learners
                ],
                "hours_no_longer_fit": [
                    {
                        "bound": breach.what,
                        "agreement": breach.agreement,
                        "requirement": breach.requirement,
                        "hours": breach.hours,
                    }
                    for breach in loss.breaches
                ],
            }
            for loss in scenario.places
        ],
    }


def _replacement_data(scenario: Scenario) -> dict[str, Any] | None:
    replacement = scenario.replacement
    if replacement is None:
        return None
    return {
        "affected": len(scenario.learners),
        "placed": len(replacement.assignments),
        "left": len(replacement.unmatched),
        "placements": [
            {
                "learner": item.learner.id,
                "workplace": item.workplace.id,
                "mentor": item.mentor.id,
                "distance_km": round(item.distance.km, 3),
                "distance_basis": item.distance.basis,
            }
            for item in replacement.assignments
        ],
        "left_without_place": [
            {"learner": left.learner.id, "reason": left.reason, "detail": left.detail} for left in replacement.unmatched
        ],
    }


def scenario_json(scenario: Scenario) -> str:
    return json_text(scenario_data(scenario))


FORMATS: dict[str, Callable[[Scenario], str]] = {"text": for_terminal(scenario_text), "json": scenario_json}
