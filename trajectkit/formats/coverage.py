"""The coverage matrix as text, CSV, JSON, HTML or PDF: one function per format.

DOT and GraphML export the trajectory's graph instead (:mod:`trajectkit.formats.graph`).
Text formats return ``str``, PDF returns ``bytes``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trajectkit.analysis.coverage import CoverageMatrix, CoverageRow, PlaceSummary
from trajectkit.formats import columns, json_text
from trajectkit.sheets.cells import SpreadsheetWriter
from trajectkit.terminal import for_terminal
from trajectkit.translation import _

#: The language of the coverage map unless ``--lang``, ``language:`` or the locale say otherwise.
COVERAGE_LANGUAGE = "en"


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def _hours(value: float) -> str:
    return f"{value:g}"


# --------------------------------------------------------------------------- text


def coverage_text(matrix: CoverageMatrix) -> str:
    """A table per qualification and cluster, after a summary per learning place."""
    out: list[str] = []
    out.append(_("Coverage of %(trajectory)s %(title)s") % {"trajectory": matrix.trajectory, "title": matrix.title})
    out.append(
        _(
            "qualification %(qualification)s %(title)s; agreement %(agreement)s; %(hours)s h/week; "
            "%(competences)d professional competences, %(goals)d general-education goals"
        )
        % {
            "qualification": matrix.qualification,
            "title": matrix.qualification_title,
            "agreement": matrix.agreement,
            "hours": _hours(matrix.total_hours),
            "competences": matrix.competences,
            "goals": len(matrix.general_education),
        }
    )
    if matrix.learner:
        out.append(
            _(
                "learner %(learner)s: the effective trajectory (adjustments and own hours applied); "
                "std: the standard trajectory's share"
            )
            % {"learner": matrix.learner}
        )
    out.append("")
    header: tuple[str, ...] = (
        _("learning place"),
        _("type"),
        _("h/week"),
        _("hours"),
        _("learned"),
        _("competences"),
        _("gap"),
        _("assessed"),
        _("goals"),
        "",
    )
    standard = {place.id: place for place in matrix.standard_places}
    if matrix.learner:
        header = (*header[:-1], _("std hours"), _("std competences"), "")
    body = [
        (
            place.id,
            place.type,
            _hours(place.hours),
            _percent(place.hours_share),
            str(place.learned),
            _percent(place.competence_share),
            f"{place.gap * 100:+.0f}",
            str(place.assessed),
            str(place.goals_learned),
            *(_beside(standard.get(place.id)) if matrix.learner else ()),
            _("! many hours, few competences") if place.flagged else "",
        )
        for place in matrix.places
    ]
    out.extend(
        columns([header, *body], right={2, 3, 4, 5, 6, 7, 8, 9, 10} if matrix.learner else {2, 3, 4, 5, 6, 7, 8})
    )
    out.append("")
    out.append(
        _(
            "hours: share of the weekly hours; competences: share of the professional competences learned there; "
            "gap: the first minus the second, in points; ! flagged from +%(flag)s"
        )
        % {"flag": f"{matrix.gap_flag * 100:.0f}"}
    )
    out.append(_("Cells: L learned there, A assessed there, . neither."))
    if matrix.unallocated:
        out.append(_("Not allocated to any learning place: %(ids)s") % {"ids": ", ".join(matrix.unallocated)})
    places = [place.id for place in matrix.places]
    for group in matrix.qualifications:
        out.append("")
        out.append(f"{group.id} {group.title} ({group.scope})")
        for cluster in group.clusters:
            out.append(f"  {cluster.id or '-'} {cluster.title}")
            out.extend("    " + line for line in _row_table(cluster.rows, places))
    if matrix.general_education:
        out.append("")
        out.append(_("General education"))
        out.extend("    " + line for line in _row_table(matrix.general_education, places))
    return "\n".join(out) + "\n"


def _beside(place: PlaceSummary | None) -> tuple[str, str]:
    """The standard trajectory's shares of a place, beside a learner's."""
    if place is None:
        return ("-", "-")
    return (_percent(place.hours_share), _percent(place.competence_share))


def _row_table(rows: tuple[CoverageRow, ...], places: list[str]) -> list[str]:
    header = (_("competence"), *places, _("phase"), _("title"))
    body = [
        (
            row.competence,
            *(cell.code or "." for cell in row.cells),
            row.phase or "-",
            row.title + _remarks(row),
        )
        for row in rows
    ]
    return columns([header, *body])


def _remarks(row: CoverageRow) -> str:
    notes = []
    if not row.allocated:
        notes.append(_("not allocated"))
    if row.foreign:
        notes.append(_("not required by the qualification"))
    if len(row.clusters) > 1:
        notes.append(_("also in %(clusters)s") % {"clusters": ", ".join(row.clusters[1:])})
    return f" [{'; '.join(notes)}]" if notes else ""


# --------------------------------------------------------------------------- CSV and JSON


def coverage_csv(matrix: CoverageMatrix, delimiter: str = ",") -> str:
    """One line per competence; a column per learning place holding L, A, LA or nothing."""
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer, delimiter=delimiter)
    places = [place.id for place in matrix.places]
    writer.writerow(
        [
            "section",
            "qualification",
            "scope",
            "cluster",
            "competence",
            "title",
            "phase",
            *places,
            "clusters",
            "allocated",
            "foreign",
        ]
    )
    for group in matrix.qualifications:
        for cluster in group.clusters:
            for row in cluster.rows:
                writer.writerow(_csv_row("professional", group.id, group.scope, cluster.id or "", row))
    for row in matrix.general_education:
        writer.writerow(
            _csv_row("general-education", matrix.qualification, "", row.clusters[0] if row.clusters else "", row)
        )
    return buffer.getvalue()


def _csv_row(section: str, qualification: str, scope: str, cluster: str, row: CoverageRow) -> list[str]:
    return [
        section,
        qualification,
        scope,
        cluster,
        row.competence,
        row.title,
        row.phase or "",
        *(cell.code for cell in row.cells),
        " ".join(row.clusters),
        "yes" if row.allocated else "no",
        "yes" if row.foreign else "no",
    ]


def coverage_data(matrix: CoverageMatrix) -> dict[str, Any]:
    """The matrix as plain JSON data (shares as fractions, rounded to 4 decimals)."""
    places = [place.id for place in matrix.places]

    def row(item: CoverageRow) -> dict[str, Any]:
        return {
            "competence": item.competence,
            "title": item.title,
            "phase": item.phase,
            "clusters": list(item.clusters),
            "allocated": item.allocated,
            "foreign": item.foreign,
            "requires": list(item.requires),
            "learned_at": [place for place, cell in zip(places, item.cells, strict=True) if cell.learn],
            "assessed_by": [place for place, cell in zip(places, item.cells, strict=True) if cell.assess],
        }

    data: dict[str, Any] = {
        "trajectory": {
            "id": matrix.trajectory,
            "title": matrix.title,
            "qualification": matrix.qualification,
            "qualification_title": matrix.qualification_title,
            "agreement": matrix.agreement,
            "hours_per_week": matrix.total_hours,
        },
        "competences": matrix.competences,
        "general_education_goals": len(matrix.general_education),
        "gap_flag": matrix.gap_flag,
        "places": [_place_data(place) for place in matrix.places],
        "phases": [{"id": phase.id, "title": phase.title} for phase in matrix.phases],
        "qualifications": [
            {
                "id": group.id,
                "title": group.title,
                "scope": group.scope,
                "clusters": [
                    {"id": cluster.id, "title": cluster.title, "rows": [row(item) for item in cluster.rows]}
                    for cluster in group.clusters
                ],
            }
            for group in matrix.qualifications
        ],
        "general_education": [row(item) for item in matrix.general_education],
        "unallocated": list(matrix.unallocated),
    }
    if matrix.learner:
        data["learner"] = matrix.learner
        data["standard_places"] = [_place_data(place) for place in matrix.standard_places]
    return data


def _place_data(place: PlaceSummary) -> dict[str, Any]:
    return {
        "id": place.id,
        "type": place.type,
        "hours_per_week": place.hours,
        "hours_share": round(place.hours_share, 4),
        "competences_learned": place.learned,
        "competences_assessed": place.assessed,
        "competence_share": round(place.competence_share, 4),
        "goals_learned": place.goals_learned,
        "gap": round(place.gap, 4),
        "flagged": place.flagged,
    }


def coverage_json(matrix: CoverageMatrix) -> str:
    return json_text(coverage_data(matrix))


# --------------------------------------------------------------------------- HTML and PDF


def coverage_html(matrix: CoverageMatrix, templates: Path | None = None, language: str = COVERAGE_LANGUAGE) -> str:
    """The heatmap page, from ``coverage.html.j2`` in the (sandboxed) templates folder."""
    from trajectkit.rendering import render_document

    return render_document("coverage", language, templates, coverage=matrix)


def coverage_pdf(matrix: CoverageMatrix, templates: Path | None = None, language: str = COVERAGE_LANGUAGE) -> bytes:
    from trajectkit.rendering import render_document_pdf

    return render_document_pdf("coverage", language, templates, coverage=matrix)


#: Formats that show the matrix; ``dot`` and ``graphml`` export the graph instead.
FORMATS: dict[str, Callable[[CoverageMatrix], str | bytes]] = {
    "text": for_terminal(coverage_text),
    "csv": coverage_csv,
    "json": coverage_json,
    "html": coverage_html,
    "pdf": coverage_pdf,
}
