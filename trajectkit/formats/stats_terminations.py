"""The terminations (stopzettingen) part of ``trajectkit stats``: text rows, JSON and
the columns the CSV adds per trajectory."""

from __future__ import annotations

from typing import Any

from trajectkit.analysis.terminations import END_REASONS, UNKNOWN, TerminationGroup, TerminationStats
from trajectkit.formats import columns
from trajectkit.translation import N_, _

#: The reason columns of the CSV, one per ``end_reason`` and one for none given.
REASON_KEYS = (*END_REASONS, UNKNOWN)
CSV_COLUMNS = (
    "terminations",
    *(f"terminations_{reason}" for reason in REASON_KEYS),
    "median_days_to_termination",
)


def median_text(median: float | None) -> str:
    if median is None:
        return "–"
    return f"{median:.0f}" if median == int(median) else f"{median:.1f}"


def _median_value(median: float | None) -> float | int | None:
    """Whole days as an integer, a median between two as its half."""
    if median is None:
        return None
    return int(median) if median == int(median) else median


def terminations_text(stats: TerminationStats, day: str) -> list[str]:
    total = stats.total
    out = ["", _("Agreements ended early (stopzetting) up to %(day)s: %(count)d") % {"day": day, "count": total.count}]
    if not total.count:
        return out
    out[-1] += _("; median %(days)s days from the start of the placement") % {"days": median_text(total.median_days)}
    for title, name, groups in (
        (N_("By reason"), N_("reason"), stats.reasons),
        (N_("By trajectory"), N_("trajectory"), stats.trajectories),
        (N_("By sector"), N_("sector"), stats.sectors),
        (N_("By province (of the learner's home)"), N_("province"), stats.provinces),
        (N_("By school year (of the end)"), N_("school year"), stats.school_years),
    ):
        out += ["", f"  {_(title)}"]
        rows: list[tuple[str, ...]] = [(_(name), _("terminations"), _("median days"))]
        rows += [(group.key, str(group.count), median_text(group.median_days)) for group in groups]
        out += columns(rows, right={1, 2}, indent="    ")
    return out


def _group(group: TerminationGroup, name: str) -> dict[str, Any]:
    return {name: group.key, "terminations": group.count, "median_days": _median_value(group.median_days)}


def terminations_data(stats: TerminationStats) -> dict[str, Any]:
    return {
        "total": stats.total.count,
        "median_days": _median_value(stats.total.median_days),
        "by_reason": [_group(group, "reason") for group in stats.reasons],
        "by_trajectory": [_group(group, "trajectory") for group in stats.trajectories],
        "by_sector": [_group(group, "sector") for group in stats.sectors],
        "by_province": [_group(group, "province") for group in stats.provinces],
        "by_school_year": [_group(group, "school_year") for group in stats.school_years],
        "agreements": [
            {
                "learner": item.learner,
                "trajectory": item.trajectory,
                "reason": item.reason,
                "ended_on": item.ended_on.isoformat(),
                "days": item.days,
            }
            for item in stats.items
        ],
    }


def terminations_cells(stats: TerminationStats, trajectory: str) -> tuple[Any, ...]:
    """The CSV cells of :data:`CSV_COLUMNS` for one trajectory."""
    group = stats.of_trajectory(trajectory)
    reasons = stats.by_reason_of(trajectory)
    median = _median_value(group.median_days)
    return (group.count, *(reasons[key] for key in REASON_KEYS), "" if median is None else median)
