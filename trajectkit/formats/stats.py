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
from trajectkit.translation import _

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
        return _("offered by a school or centre")
    return _("offered by a school or centre; the catalogue has no Provider")


def stats_text(stats: OfferStats) -> str:
    total = stats.total
    out = [
        _("Dual-learning offer on %(day)s") % {"day": stats.day.isoformat()},
        "",
        _(
            "Trajectories: %(developed)d developed, %(organised)d organised (%(note)s), "
            "%(recognised)d recognised (at least one recognised workplace), %(with_learners)d with learners."
        )
        % {
            "developed": total.developed,
            "organised": total.organised,
            "note": _organised_note(stats),
            "recognised": total.recognised,
            "with_learners": total.with_learners,
        },
        _(
            "Places: %(places)d recognised, %(occupied)d occupied (%(use)s); "
            "learners: %(learners)d active, %(waiting)d without a workplace."
        )
        % {
            "places": total.places,
            "occupied": total.occupied,
            "use": _percent(total.use),
            "learners": total.learners,
            "waiting": total.waiting,
        },
        _(
            "Mentors: %(mentors)d, of whom %(untrained)d without training. "
            "Recognitions ending by %(limit)s: %(expiring)d (%(places)d places)."
        )
        % {
            "mentors": stats.mentors,
            "untrained": len(stats.untrained_mentors),
            "limit": stats.expiry_limit.isoformat(),
            "expiring": len(stats.expiring),
            "places": stats.expiring_places,
        },
        "",
        _("Per level and sector"),
    ]
    header = (
        _("level"),
        _("sector"),
        _("developed"),
        _("organised"),
        _("recognised"),
        _("with learners"),
        _("places"),
        _("occupied"),
        _("use"),
        _("learners"),
        _("waiting"),
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
    rows.append(row(total, _("total"), ""))
    out += columns(rows, right={0, *range(2, 11)}, indent="  ")
    out += ["", _("Per level")]
    rows = [header[:1] + header[2:]] + [
        row(group, _level(group.level), "")[:1] + row(group, "", "")[2:] for group in stats.levels
    ]
    out += columns(rows, right=set(range(10)), indent="  ")
    out += ["", _("Per province (providers and workplaces by their site, learners by their home)")]
    rows = [
        (
            _("province"),
            _("providers"),
            _("organised"),
            _("workplaces"),
            _("places"),
            _("occupied"),
            _("learners"),
            _("waiting"),
        )
    ]
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
    out += ["", _("Per school year (at any time during the year)")]
    rows = [(_("school year"), _("organised"), _("recognised"), _("with learners"), _("learners"), _("starting"))]
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
    out += ["", _("Learners per trajectory")]
    rows = [
        (
            _("trajectory"),
            _("level"),
            _("sector"),
            _("providers"),
            _("workplaces"),
            _("places"),
            _("occupied"),
            _("learners"),
            _("waiting"),
            _("title"),
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
    out += ["", _("Mentors without training (%(count)d)") % {"count": len(stats.untrained_mentors)}]
    out += [
        f"  {item.workplace} {item.mentor} {item.name} ({item.workplace_name}), "
        + _("guides %(count)d learner(s)") % {"count": item.learners}
        for item in stats.untrained_mentors
    ]
    out += [
        "",
        _("Recognitions ending by %(limit)s (%(count)d)")
        % {"limit": stats.expiry_limit.isoformat(), "count": len(stats.expiring)},
    ]
    out += [
        f"  {item.valid_until.isoformat()}  {item.workplace} {item.trajectory}: "
        + _("%(capacity)d place(s), %(learners)d learner(s) there (%(name)s)")
        % {"capacity": item.capacity, "learners": item.learners, "name": item.workplace_name}
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
