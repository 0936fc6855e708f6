"""The allocation matrix (toewijzingsmatrix): a trajectory's allocations as a table.

One row per competence: id, title, qualification, cluster, phase, one column per
learning place with a mark, and the prerequisites. A mark says what happens at that
place: ``L`` the competence is learned there (``at``), ``A`` it is assessed there
(``assessed_by``), ``LA`` both, empty neither.

``build_matrix`` turns a trajectory into the table (pure data, no file format);
``read_matrix`` turns a table someone edited back into allocations and clusters,
collecting every bad cell (sheet, row, column) instead of stopping at the first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.model import Allocation, Cluster, LearningPlace, StandardTrajectory
from trajectkit.sheets.cells import CellProblem, CellProblems, cell_text, column_letter, data_rows
from trajectkit.translation import N_, SOURCE_LANGUAGE, every_translation, in_language

LEARN = "L"
ASSESS = "A"
MARKS = ("L", "A", "LA")
MARK_MEANINGS = (
    ("L", N_("learned here (at)")),
    ("A", N_("assessed here (assessed_by)")),
    ("LA", N_("learned and assessed here")),
    ("", N_("(empty) neither")),
)

# The column headers, in English; a sheet is written in one language (``headers``) and
# read back in any (``_known_column``).
COMPETENCE = N_("Competence")
TITLE = N_("Title")
QUALIFICATION = N_("Qualification")
CLUSTER = N_("Cluster")
PHASE = N_("Phase")
REQUIRES = N_("Requires")

# Other spellings accepted on import, lower case, besides each header in every language.
_ALIASES = {
    COMPETENCE: ("competence", "competence id", "id", "competentie"),
    TITLE: ("title", "titel"),
    QUALIFICATION: ("qualification", "kwalificatie"),
    CLUSTER: ("cluster", "clusters"),
    PHASE: ("phase", "fase"),
    REQUIRES: ("requires", "prerequisites", "vereist"),
}
_ID = re.compile(r"^[A-Za-z0-9._-]+$")
_SEPARATORS = re.compile(r"[,;\s]+")
_PLACE_HEADER = re.compile(r"^(?P<id>[^\s()]+)\s*(\((?P<type>[^)]*)\))?$")


@dataclass(frozen=True)
class MatrixRow:
    """One competence of the matrix; ``marks`` follow the trajectory's learning places."""

    competence: str
    title: str
    qualification: str
    clusters: tuple[str, ...]
    phase: str
    marks: tuple[str, ...]
    requires: tuple[str, ...]


@dataclass(frozen=True)
class AllocationMatrix:
    """The table for one trajectory, plus what a spreadsheet needs for its lists."""

    trajectory: str
    title: str
    places: tuple[LearningPlace, ...]
    phases: tuple[tuple[str, str], ...]
    clusters: tuple[tuple[str, str], ...]
    rows: tuple[MatrixRow, ...]

    def headers(self, language: str = SOURCE_LANGUAGE) -> list[str]:
        fixed = [in_language(language, name) for name in (COMPETENCE, TITLE, QUALIFICATION, CLUSTER, PHASE)]
        return [*fixed, *(place_header(place) for place in self.places), in_language(language, REQUIRES)]

    def table(self, language: str = SOURCE_LANGUAGE) -> list[list[str]]:
        """Header row (in ``language``), then one row of text cells per competence."""
        rows = [self.headers(language)]
        for row in self.rows:
            rows.append(
                [
                    row.competence,
                    row.title,
                    row.qualification,
                    join_ids(row.clusters),
                    row.phase,
                    *row.marks,
                    join_ids(row.requires),
                ]
            )
        return rows

    def mark_columns(self) -> range:
        """0-based indexes of the learning-place columns."""
        start = 5
        return range(start, start + len(self.places))


def place_header(place: LearningPlace) -> str:
    return f"{place.id} ({place.type})"


def join_ids(ids: Sequence[str]) -> str:
    return ", ".join(ids)


def mark_of(learned: bool, assessed: bool) -> str:
    return (LEARN if learned else "") + (ASSESS if assessed else "")


def build_matrix(catalogue: Catalogue, trajectory: StandardTrajectory) -> AllocationMatrix:
    """Rows in allocation order, then required competences without allocation, then
    competences that are only in a cluster, so that an import gives every one back."""
    order: list[str] = []
    for competence in (
        *(allocation.competence for allocation in trajectory.allocations),
        *catalogue.required_competences(trajectory),
        *(competence for cluster in trajectory.clusters for competence in cluster.competences),
    ):
        if competence not in order:
            order.append(competence)
    rows = []
    for competence in order:
        allocation = trajectory.allocation(competence)
        rows.append(
            MatrixRow(
                competence=competence,
                title=catalogue.title_of(competence) if catalogue.is_competence(competence) else "",
                qualification=_qualification_of(catalogue, competence),
                clusters=tuple(cluster.id for cluster in trajectory.clusters if competence in cluster.competences),
                phase=(allocation.phase or "") if allocation else "",
                marks=tuple(
                    mark_of(place.id in allocation.at, place.id in allocation.assessed_by) if allocation else ""
                    for place in trajectory.learning_places
                ),
                requires=allocation.requires if allocation else (),
            )
        )
    return AllocationMatrix(
        trajectory=trajectory.id,
        title=trajectory.title,
        places=trajectory.learning_places,
        phases=tuple((phase.id, phase.title) for phase in trajectory.phases),
        clusters=tuple((cluster.id, cluster.title) for cluster in trajectory.clusters),
        rows=tuple(rows),
    )


def _qualification_of(catalogue: Catalogue, competence: str) -> str:
    item = catalogue.competences.get(competence) or catalogue.general_education.get(competence)
    return item.qualification if item else ""


# --------------------------------------------------------------------------- import


@dataclass(frozen=True)
class ImportedMatrix:
    """What a sheet says: the new allocations and clusters of the trajectory."""

    allocations: tuple[Allocation, ...]
    clusters: tuple[Cluster, ...]
    problems: tuple[CellProblem, ...] = field(default=())
    more_problems: int = 0  # beyond those kept (``cells.MAX_CELL_PROBLEMS``)

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_mark(text: str) -> tuple[bool, bool] | None:
    """``L``, ``A``, ``LA`` (any order, case or separator) → (learned, assessed); ``None`` if not a mark."""
    letters = re.sub(r"[\s+/,&-]", "", text.upper())
    if not letters:
        return (False, False)
    if set(letters) - {LEARN, ASSESS}:
        return None
    return (LEARN in letters, ASSESS in letters)


def read_matrix(
    table: Sequence[Sequence[Any]],
    trajectory: StandardTrajectory,
    catalogue: Catalogue,
    sheet: str | None = None,
) -> ImportedMatrix:
    """Allocations and clusters from ``table`` (first row: headers), or the problems found."""
    reader = _MatrixReader(trajectory, catalogue, sheet)
    return reader.read(table)


class _MatrixReader:
    """Reads one table; collects problems as it goes (one instance per table)."""

    def __init__(self, trajectory: StandardTrajectory, catalogue: Catalogue, sheet: str | None) -> None:
        self.trajectory = trajectory
        self.catalogue = catalogue
        self.sheet = sheet
        self.problems = CellProblems()
        self.headers: list[str] = []

    def problem(self, row: int, column: int, message: str) -> None:
        header = self.headers[column - 1] if 0 < column <= len(self.headers) else ""
        self.problems.append(CellProblem(row, column, message, header, self.sheet))

    def read(self, table: Sequence[Sequence[Any]]) -> ImportedMatrix:
        if not table or not any(cell_text(cell) for cell in table[0]):
            self.problems.append(
                CellProblem(
                    1, 1, f"no header row; the first row names the columns ({COMPETENCE}, {TITLE}, ...)", "", self.sheet
                )
            )
            return ImportedMatrix((), (), tuple(self.problems), self.problems.more)
        columns = self._columns(table[0])
        if columns is None:
            return ImportedMatrix((), (), tuple(sorted(self.problems)), self.problems.more)
        allocations, memberships = self._rows(table, columns)
        clusters = self._clusters(memberships, columns[CLUSTER])
        if self.problems:
            return ImportedMatrix((), (), tuple(sorted(self.problems)), self.problems.more)
        return ImportedMatrix(tuple(allocations), clusters)

    # ----------------------------------------------------------------- header

    def _columns(self, header_row: Sequence[Any]) -> dict[str, int] | None:
        """Column number (1-based) of each known column and of each place (``place:<id>``)."""
        self.headers = [cell_text(cell) for cell in header_row]
        places = {place.id: place for place in self.trajectory.learning_places}
        columns: dict[str, int] = {}
        for number, header in enumerate(self.headers, start=1):
            if not header or header.lower().startswith("x-"):
                continue  # x- columns are the user's own notes, as x- keys are in YAML
            name = self._known_column(header)
            if name is None:
                match = _PLACE_HEADER.match(header)
                place = match.group("id") if match else None
                if place in places:
                    name = f"place:{place}"
                else:
                    close = difflib.get_close_matches(place or header, list(places), n=1, cutoff=0.6)
                    hint = f"did you mean '{close[0]}'? " if close else ""
                    self.problem(
                        1,
                        number,
                        f"unknown learning place '{header}'; {hint}the places of {self.trajectory.id} are "
                        f"{', '.join(places)} (add a place in the trajectory file first), and the other "
                        f"columns are {', '.join(_ALIASES)}",
                    )
                    continue
            if name in columns:
                self.problem(
                    1, number, f"column '{header}' appears twice (first in column {column_letter(columns[name])})"
                )
                continue
            columns[name] = number
        missing = [name for name in (COMPETENCE, CLUSTER, PHASE, REQUIRES) if name not in columns]
        for name in missing:
            self.problem(
                1,
                len(self.headers) + 1,
                f"no '{name}' column; `trajectkit export` writes one: keep it (empty cells are fine)",
            )
        if missing:
            return None
        for place in places:
            if f"place:{place}" not in columns:
                self.problem(
                    1,
                    len(self.headers) + 1,
                    f"no column for learning place '{place}'; keep one column per place of "
                    f"{self.trajectory.id}, empty cells where nothing happens",
                )
        return columns

    @staticmethod
    def _known_column(header: str) -> str | None:
        lowered = header.strip().lower()
        for name, aliases in _ALIASES.items():
            if lowered in aliases or lowered in {header.lower() for header in every_translation(name)}:
                return name
        return None

    # ----------------------------------------------------------------- rows

    def _rows(
        self, table: Sequence[Sequence[Any]], columns: dict[str, int]
    ) -> tuple[list[Allocation], dict[str, list[str]]]:
        places = [place.id for place in self.trajectory.learning_places]
        phases = [phase.id for phase in self.trajectory.phases]
        clusters = [cluster.id for cluster in self.trajectory.clusters]
        allocations: list[Allocation] = []
        memberships: dict[str, list[str]] = {cluster: [] for cluster in clusters}
        first_rows: dict[str, int] = {}
        id_column = columns[COMPETENCE]
        for row in data_rows(table, columns):
            row_number, cell = row.number, row.get
            for number, text in enumerate(row.cells, start=1):
                if text and (number > len(self.headers) or not self.headers[number - 1]):
                    self.problem(
                        row_number, number, "a value in a column without header; name the column or clear the cell"
                    )
            competence = cell(COMPETENCE)
            if not competence:
                self.problem(
                    row_number, id_column, "missing competence id: every filled row needs the id of its competence"
                )
                continue
            if not _ID.match(competence):
                self.problem(
                    row_number, id_column, f"'{competence}' is not an id (letters, digits, '-', '_' and '.', no spaces)"
                )
                continue
            if competence in first_rows:
                self.problem(
                    row_number,
                    id_column,
                    f"duplicate competence row: {competence} is already on row {first_rows[competence]}; merge the two rows",
                )
                continue
            first_rows[competence] = row_number
            if not self.catalogue.is_competence(competence):
                self.problem(row_number, id_column, self._unknown_competence(competence))
            learned: list[str] = []
            assessed: list[str] = []
            # A bad mark or a missing place column already says what is wrong with the
            # row; "learned nowhere" on top of it would only repeat it.
            marks_known = all(f"place:{place}" in columns for place in places)
            for place in places:
                place_column = columns.get(f"place:{place}")
                if place_column is None:
                    continue
                text = cell(f"place:{place}")
                mark = parse_mark(text)
                if mark is None:
                    self.problem(
                        row_number,
                        place_column,
                        f"unknown mark '{text}'; use L (learned here), A (assessed here), LA (both) or leave it empty",
                    )
                    marks_known = False
                    continue
                if mark[0]:
                    learned.append(place)
                if mark[1]:
                    assessed.append(place)
            phase = cell(PHASE) or None
            if phase is not None and phase not in phases:
                self.problem(row_number, columns[PHASE], self._unknown("phase", phase, phases))
            row_clusters = [item for item in _SEPARATORS.split(cell(CLUSTER)) if item]
            for cluster in row_clusters:
                if cluster not in memberships:
                    self.problem(row_number, columns[CLUSTER], self._unknown("cluster", cluster, clusters))
                elif competence not in memberships[cluster]:
                    memberships[cluster].append(competence)
            requires = tuple(dict.fromkeys(item for item in _SEPARATORS.split(cell(REQUIRES)) if item))
            for required in requires:
                if not self.catalogue.is_competence(required):
                    self.problem(row_number, columns[REQUIRES], self._unknown_competence(required))
            if (learned or assessed or phase or requires) and marks_known:
                first_place = min((columns[f"place:{p}"] for p in places), default=id_column)
                if not learned:
                    self.problem(
                        row_number, first_place, f"{competence} is learned nowhere: mark at least one place L (or LA)"
                    )
                if not assessed:
                    self.problem(
                        row_number, first_place, f"{competence} is assessed nowhere: mark at least one place A (or LA)"
                    )
            if learned or assessed or phase or requires:
                allocations.append(Allocation(competence, tuple(learned), tuple(assessed), phase, requires))
        return allocations, memberships

    def _unknown(self, what: str, value: str, known: list[str]) -> str:
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        listed = ", ".join(known) if known else "none"
        return f"unknown {what} '{value}'; {hint}the {what}s of {self.trajectory.id} are: {listed}"

    def _unknown_competence(self, competence: str) -> str:
        known = sorted(self.catalogue.competences) + sorted(self.catalogue.general_education)
        close = difflib.get_close_matches(competence, known, n=1, cutoff=0.8)
        hint = f"; did you mean '{close[0]}'?" if close else "; give the qualification files on the command line too"
        return f"unknown competence '{competence}': not in the catalogue{hint}"

    # ----------------------------------------------------------------- clusters

    def _clusters(self, memberships: dict[str, list[str]], cluster_column: int) -> tuple[Cluster, ...]:
        """The trajectory's clusters with the sheet's members: the order in the file is
        kept for competences that stay, new ones follow in row order."""
        clusters = []
        for cluster in self.trajectory.clusters:
            members = memberships.get(cluster.id, [])
            kept = [competence for competence in cluster.competences if competence in members]
            added = [competence for competence in members if competence not in cluster.competences]
            competences = tuple(kept + added)
            if not competences:
                self.problem(
                    1,
                    cluster_column,
                    f"cluster {cluster.id} ({cluster.title}) has no competence left in the sheet; a cluster needs at "
                    f"least one (remove it from the trajectory and its certificates first)",
                )
            clusters.append(Cluster(cluster.id, cluster.title, competences))
        return tuple(clusters)
