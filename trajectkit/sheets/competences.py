"""A professional qualification from a CSV list of competences (``import-competences``).

The competences of a beroepskwalificatie usually arrive as a table: one row per
competence with ``id`` and ``title``, optionally ``knowledge`` and ``skills`` with
several items separated by ``;``. This writes them as a ``ProfessionalQualification``
document; every bad cell (missing id or title, an id with spaces, a duplicate id,
an unknown column) is reported by row and column, and then nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from trajectkit.catalogue.model import Competence, PartialQualification
from trajectkit.catalogue.yaml_text import flow_list, scalar
from trajectkit.sheets.cells import CellProblem, CellProblems, cell_text, data_rows

ID = "id"
TITLE = "title"
KNOWLEDGE = "knowledge"
SKILLS = "skills"
# Header names accepted, lower case; Dutch as the official dossiers use it.
COLUMNS = {
    ID: ("id", "code", "competence", "competentie"),
    TITLE: ("title", "titel", "omschrijving"),
    KNOWLEDGE: ("knowledge", "kennis"),
    SKILLS: ("skills", "vaardigheden"),
}
ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]+$")


@dataclass(frozen=True)
class CompetenceList:
    """What a CSV file says: the competences in order, or the cells that are wrong."""

    competences: tuple[Competence, ...]
    problems: tuple[CellProblem, ...]
    more_problems: int = 0  # beyond those kept (``cells.MAX_CELL_PROBLEMS``)


def read_competences(rows: list[list[str]], qualification: str) -> CompetenceList:
    """Competences from ``rows`` (first row: headers ``id,title[,knowledge,skills]``)."""
    problems = CellProblems()
    headers = [cell_text(cell) for cell in rows[0]] if rows else []
    columns: dict[str, int] = {}
    for number, header in enumerate(headers, start=1):
        name = next((key for key, names in COLUMNS.items() if header.lower() in names), None)
        if name is None:
            if header and not header.lower().startswith("x-"):
                problems.append(
                    CellProblem(
                        1, number, f"unknown column '{header}'; the columns are id, title, knowledge, skills", header
                    )
                )
            continue
        if name in columns:
            problems.append(CellProblem(1, number, f"column '{header}' appears twice", header))
            continue
        columns[name] = number
    for name in (ID, TITLE):
        if name not in columns:
            problems.append(
                CellProblem(
                    1,
                    len(headers) + 1,
                    f"no '{name}' column; the first row names the columns: id,title[,knowledge,skills]",
                )
            )
    if problems:
        return CompetenceList((), tuple(problems), problems.more)

    def header_of(name: str) -> str:
        return headers[columns[name] - 1]

    competences: list[Competence] = []
    first_rows: dict[str, int] = {}
    for row in data_rows(rows, columns):
        row_number, cell = row.number, row.get
        ident, title = cell(ID), cell(TITLE)
        bad = False
        if not ident:
            problems.append(CellProblem(row_number, columns[ID], "missing competence id", header_of(ID)))
            bad = True
        elif not ID_PATTERN.match(ident):
            problems.append(
                CellProblem(
                    row_number,
                    columns[ID],
                    f"'{ident}' is not an id (letters, digits, '-', '_' and '.', no spaces)",
                    header_of(ID),
                )
            )
            bad = True
        elif ident in first_rows:
            problems.append(
                CellProblem(
                    row_number,
                    columns[ID],
                    f"duplicate competence id {ident}, already on row {first_rows[ident]}",
                    header_of(ID),
                )
            )
            bad = True
        else:
            first_rows[ident] = row_number
        if not title:
            problems.append(
                CellProblem(
                    row_number, columns[TITLE], f"missing title for {ident or 'this competence'}", header_of(TITLE)
                )
            )
            bad = True
        if bad:
            continue
        competences.append(Competence(ident, title, qualification, _items(cell(KNOWLEDGE)), _items(cell(SKILLS))))
    if not competences and not problems:
        problems.append(CellProblem(2, 1, "no competences: the file has a header row only"))
    return CompetenceList(tuple(competences) if not problems else (), tuple(sorted(problems)), problems.more)


def _items(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(";") if item.strip())


def qualification_yaml(
    qualification: str,
    title: str,
    level: int,
    competences: tuple[Competence, ...],
    source: str,
    partial_qualifications: tuple[PartialQualification, ...] = (),
) -> str:
    """The ``ProfessionalQualification`` document, with a comment saying where it came from."""
    lines = [
        f"# Beroepskwalificatie {' '.join(title.split())}: competences imported from {Path(source).name}\n",
        "# by `trajectkit import-competences`."
        + ("\n" if partial_qualifications else " Add partial_qualifications (deelkwalificaties) if any.\n"),
        "kind: ProfessionalQualification\n",
        f"id: {scalar(qualification)}\n",
        f"title: {scalar(title)}\n",
        f"level: {level}\n",
        "competences:\n",
    ]
    for competence in competences:
        lines.append(f"  - id: {scalar(competence.id)}\n")
        lines.append(f"    title: {scalar(competence.title)}\n")
        for key, items in ((KNOWLEDGE, competence.knowledge), (SKILLS, competence.skills)):
            if items:
                lines.append(f"    {key}:\n")
                lines += [f"      - {scalar(item)}\n" for item in items]
    if partial_qualifications:
        lines.append("partial_qualifications:\n")
        for part in partial_qualifications:
            lines.append(f"  - id: {scalar(part.id)}\n")
            lines.append(f"    title: {scalar(part.title)}\n")
            lines.append(f"    competences: {flow_list(part.competences)}\n")
    return "".join(lines)
