"""The offer's statistics as text, JSON, CSV or a one-page HTML/PDF dashboard: one function per format.

The dashboard is ``templates/stats.html.j2`` rendered in the plans' sandbox (inline
SVG charts, no JavaScript).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trajectkit.analysis.stats import (
    GroupStats,
    OfferStats,
    TrajectoryStats,
    UntrainedMentor,
)
from trajectkit.formats import columns, json_text
from trajectkit.formats.stats_terminations import (
    CSV_COLUMNS,
    terminations_cells,
    terminations_data,
    terminations_text,
)
from trajectkit.sheets.cells import SpreadsheetWriter
from trajectkit.terminal import for_terminal

#: The dashboard's language unless ``--lang``, ``language:`` or the locale say otherwise.
STATS_LANGUAGE = "en"
#: The dashboard shows this many sectors; the others are summed as "other sectors".
DASHBOARD_SECTORS = 10
#: ... and this many items of each list.
DASHBOARD_LIST = 6
#: Learners per trajectory, grouped for the dashboard's histogram: (label, low, high).
LEARNER_BANDS = (("none", 0, 0), ("1–4", 1, 4), ("5–9", 5, 9), ("10–19", 10, 19), ("20–49", 20, 49), ("50+", 50, None))


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f} %"


def _level(level: int | None) -> str:
    return "?" if level is None else str(level)


# --------------------------------------------------------------------------- text


def _organised_note(stats: OfferStats) -> str:
    """What "organised" means, and why it may be 0: a catalogue without providers."""
    if stats.providers:
        return "offered by a school or centre"
    return "offered by a school or centre; the catalogue has no Provider"


def stats_text(stats: OfferStats) -> str:
    total = stats.total
    out = [
        f"Dual-learning offer on {stats.day.isoformat()}",
        "",
        (
            f"Trajectories: {total.developed} developed, {total.organised} organised ({_organised_note(stats)}), "
            f"{total.recognised} recognised (at least one recognised workplace), {total.with_learners} with learners."
        ),
        (
            f"Places: {total.places} recognised, {total.occupied} occupied ({_percent(total.use)}); "
            f"learners: {total.learners} active, {total.waiting} without a workplace."
        ),
        (
            f"Mentors: {stats.mentors}, of whom {len(stats.untrained_mentors)} without training. "
            f"Recognitions ending by {stats.expiry_limit.isoformat()}: {len(stats.expiring)} ({stats.expiring_places} places)."
        ),
        "",
        "Per level and sector",
    ]
    header = (
        "level",
        "sector",
        "developed",
        "organised",
        "recognised",
        "with learners",
        "places",
        "occupied",
        "use",
        "learners",
        "waiting",
    )

    def row(group: GroupStats, level: str, sector: str) -> tuple[str, ...]:
        return (
            level,
            sector,
            str(group.developed),
            str(group.organised),
            str(group.recognised),
            str(group.with_learners),
            str(group.places),
            str(group.occupied),
            _percent(group.use),
            str(group.learners),
            str(group.waiting),
        )

    rows = [header] + [row(group, _level(group.level), group.sector) for group in stats.groups]
    rows.append(row(total, "total", ""))
    out += columns(rows, right={0, *range(2, 11)}, indent="  ")
    out += ["", "Per level"]
    rows = [header[:1] + header[2:]] + [
        row(group, _level(group.level), "")[:1] + row(group, "", "")[2:] for group in stats.levels
    ]
    out += columns(rows, right=set(range(10)), indent="  ")
    out += ["", "Per province (providers and workplaces by their site, learners by their home)"]
    rows = [("province", "providers", "organised", "workplaces", "places", "occupied", "learners", "waiting")]
    rows += [
        (
            item.province,
            str(item.providers),
            str(item.organised),
            str(item.workplaces),
            str(item.places),
            str(item.occupied),
            str(item.learners),
            str(item.waiting),
        )
        for item in stats.provinces
    ]
    out += columns(rows, right=set(range(1, 8)), indent="  ")
    out += ["", "Per school year (at any time during the year)"]
    rows = [("school year", "organised", "recognised", "with learners", "learners", "starting")]
    rows += [
        (
            item.year,
            str(item.organised),
            str(item.recognised),
            str(item.with_learners),
            str(item.learners),
            str(item.starting),
        )
        for item in stats.school_years
    ]
    out += columns(rows, right=set(range(1, 6)), indent="  ")
    out += terminations_text(stats.terminations, stats.day.isoformat())
    out += ["", "Learners per trajectory"]
    rows = [
        (
            "trajectory",
            "level",
            "sector",
            "providers",
            "workplaces",
            "places",
            "occupied",
            "learners",
            "waiting",
            "title",
        )
    ]
    rows += [
        (
            item.id,
            _level(item.level),
            item.sector,
            str(item.providers),
            str(item.workplaces),
            str(item.places),
            str(item.occupied),
            str(item.learners),
            str(item.waiting),
            item.title,
        )
        for item in stats.trajectories
    ]
    out += columns(rows, right={1, 3, 4, 5, 6, 7, 8}, indent="  ")
    out += ["", f"Mentors without training ({len(stats.untrained_mentors)})"]
    out += [
        f"  {item.workplace} {item.mentor} {item.name} ({item.workplace_name}), guides {item.learners} learner(s)"
        for item in stats.untrained_mentors
    ]
    out += ["", f"Recognitions ending by {stats.expiry_limit.isoformat()} ({len(stats.expiring)})"]
    out += [
        f"  {item.valid_until.isoformat()}  {item.workplace} {item.trajectory}: {item.capacity} place(s), "
        f"{item.learners} learner(s) there ({item.workplace_name})"
        for item in stats.expiring
    ]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- JSON and CSV


def _group(group: GroupStats) -> dict[str, Any]:
    return {
        "level": group.level,
        "sector": group.sector,
        "developed": group.developed,
        "organised": group.organised,
        "recognised": group.recognised,
        "with_learners": group.with_learners,
        "places": group.places,
        "occupied": group.occupied,
        "use": None if group.use is None else round(group.use, 4),
        "learners": group.learners,
        "waiting": group.waiting,
    }


def stats_data(stats: OfferStats) -> dict[str, Any]:
    return {
        "date": stats.day.isoformat(),
        "expiring_by": stats.expiry_limit.isoformat(),
        "total": _group(stats.total),
        "groups": [_group(group) for group in stats.groups],
        "levels": [_group(group) for group in stats.levels],
        "sectors": [_group(group) for group in stats.sectors],
        "trajectories": [
            {
                "id": item.id,
                "title": item.title,
                "level": item.level,
                "sector": item.sector,
                "approval": item.approval,
                "organised": item.organised,
                "providers": item.providers,
                "recognised": item.recognised,
                "workplaces": item.workplaces,
                "places": item.places,
                "occupied": item.occupied,
                "learners": item.learners,
                "waiting": item.waiting,
            }
            for item in stats.trajectories
        ],
        "provinces": [
            {
                "province": item.province,
                "providers": item.providers,
                "organised": item.organised,
                "workplaces": item.workplaces,
                "places": item.places,
                "occupied": item.occupied,
                "learners": item.learners,
                "waiting": item.waiting,
            }
            for item in stats.provinces
        ],
        "school_years": [
            {
                "school_year": item.year,
                "from": item.first_day.isoformat(),
                "until": item.last_day.isoformat(),
                "organised": item.organised,
                "recognised": item.recognised,
                "with_learners": item.with_learners,
                "learners": item.learners,
                "starting": item.starting,
            }
            for item in stats.school_years
        ],
        "terminations": terminations_data(stats.terminations),
        "providers": stats.providers,
        "workplaces": stats.workplaces,
        "mentors": stats.mentors,
        "untrained_mentors": [
            {
                "workplace": m.workplace,
                "workplace_name": m.workplace_name,
                "mentor": m.mentor,
                "name": m.name,
                "learners": m.learners,
            }
            for m in stats.untrained_mentors
        ],
        "expiring_recognitions": [
            {
                "workplace": r.workplace,
                "workplace_name": r.workplace_name,
                "trajectory": r.trajectory,
                "valid_until": r.valid_until.isoformat(),
                "capacity": r.capacity,
                "learners": r.learners,
                "days_left": r.days_left,
            }
            for r in stats.expiring
        ],
    }


def stats_json(stats: OfferStats) -> str:
    return json_text(stats_data(stats))


def stats_csv(stats: OfferStats, delimiter: str = ",") -> str:
    """One row per trajectory, with its level and sector, to pivot in a spreadsheet; the
    last columns count its agreements ended early, per reason, and their median days."""
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer, delimiter=delimiter)
    writer.writerow(
        (
            "trajectory",
            "title",
            "level",
            "sector",
            "approval",
            "organised",
            "providers",
            "recognised",
            "workplaces",
            "places",
            "occupied",
            "learners",
            "waiting",
            *CSV_COLUMNS,
        )
    )
    for item in stats.trajectories:
        writer.writerow(
            (
                item.id,
                item.title,
                "" if item.level is None else item.level,
                item.sector,
                item.approval or "",
                "yes" if item.organised else "no",
                item.providers,
                "yes" if item.recognised else "no",
                item.workplaces,
                item.places,
                item.occupied,
                item.learners,
                item.waiting,
                *terminations_cells(stats.terminations, item.id),
            )
        )
    return buffer.getvalue()


# --------------------------------------------------------------------------- HTML


@dataclass(frozen=True)
class Band:
    """A bar of the histogram: trajectories with this many learners."""

    label: str
    trajectories: int


@dataclass(frozen=True)
class Dashboard:
    """What the dashboard template draws, beside the statistics themselves."""

    stats: OfferStats
    sectors: tuple[GroupStats, ...]  # the largest sectors, then "other sectors" if any
    bands: tuple[Band, ...]
    busiest: tuple[TrajectoryStats, ...]  # most learners first
    mentors: tuple[UntrainedMentor, ...]  # untrained, those guiding most learners first


def dashboard(stats: OfferStats) -> Dashboard:
    sectors = sorted(stats.sectors, key=lambda group: (-group.developed, group.sector))
    shown = sectors[:DASHBOARD_SECTORS]
    rest = sectors[DASHBOARD_SECTORS:]
    if rest:
        parts = [item for item in stats.trajectories if item.sector in {group.sector for group in rest}]
        shown.append(GroupStats.of(None, f"{len(rest)} other sectors", parts))
    bands = tuple(
        Band(
            label,
            sum(1 for item in stats.trajectories if low <= item.learners and (high is None or item.learners <= high)),
        )
        for label, low, high in LEARNER_BANDS
    )
    busiest = tuple(
        sorted((item for item in stats.trajectories if item.learners), key=lambda item: (-item.learners, item.id))[
            :DASHBOARD_LIST
        ]
    )
    mentors = tuple(sorted(stats.untrained_mentors, key=lambda m: (-m.learners, m.workplace, m.mentor)))
    return Dashboard(stats, tuple(shown), bands, busiest, mentors)


def stats_html(stats: OfferStats, templates: Path | None = None, language: str = STATS_LANGUAGE) -> str:
    """The one-page dashboard, from ``stats.html.j2`` in the (sandboxed) templates folder."""
    from trajectkit.rendering import render_document

    return render_document("stats", language, templates, board=dashboard(stats), limit=DASHBOARD_LIST)


def stats_pdf(stats: OfferStats, templates: Path | None = None, language: str = STATS_LANGUAGE) -> bytes:
    """The dashboard laid out by WeasyPrint (A4 landscape), e.g. to project or print."""
    from trajectkit.rendering import render_document_pdf

    return render_document_pdf("stats", language, templates, board=dashboard(stats), limit=DASHBOARD_LIST)


FORMATS: dict[str, Callable[[OfferStats], str | bytes]] = {
    "text": for_terminal(stats_text),
    "json": stats_json,
    "csv": stats_csv,
    "html": stats_html,
    "pdf": stats_pdf,
}
