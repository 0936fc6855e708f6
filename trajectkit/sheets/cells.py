"""Cells of a sheet read back (xlsx or CSV): their text, their names, and what is wrong with them.

A sheet is untrusted input that people edited by hand, so every reader collects all
the bad cells as ``CellProblem``s (sheet, row, column as a spreadsheet names them)
instead of stopping at the first.

Cells written for a spreadsheet program never start a formula: a title such as
``=HYPERLINK("http://…"&A2,"Klik hier")`` in a catalogue would otherwise run when
the file is opened. As OWASP advises against CSV injection, a text that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a ``'`` in front
(``neutralised``), in CSV and xlsx alike, and reading takes it off again
(``restored``, in ``cell_text``): an export read back gives every value unchanged.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

#: What spreadsheet programs take as the start of a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")
#: The prefix that makes such a text plain text; before a quote too, so that reading
#: back can tell the prefix from a quote that was there.
QUOTE = "'"
_PREFIXED = FORMULA_STARTS | {QUOTE}


@dataclass(frozen=True, order=True)
class CellProblem:
    """A cell that cannot be read back: where (sheet, 1-based row and column) and why."""

    row: int
    column: int
    message: str
    header: str = ""
    sheet: str | None = None

    @property
    def cell(self) -> str:
        return f"{column_letter(self.column)}{self.row}"

    def __str__(self) -> str:
        sheet = f"sheet '{self.sheet}', " if self.sheet else ""
        header = f" ({self.header})" if self.header else ""
        return f"{sheet}row {self.row}, column {column_letter(self.column)}{header}: {self.message}"


#: Problems kept for one sheet; the rest are counted. A sheet of a million bad cells
#: would otherwise cost a quarter of a gigabyte and a report nobody reads.
MAX_CELL_PROBLEMS = 1_000


class CellProblems(list[CellProblem]):
    """The problems of one sheet: the first ``MAX_CELL_PROBLEMS`` kept, the others counted
    in ``more``."""

    def __init__(self) -> None:
        super().__init__()
        self.more = 0

    def append(self, problem: CellProblem) -> None:
        if len(self) < MAX_CELL_PROBLEMS:
            super().append(problem)
        else:
            self.more += 1


@dataclass(frozen=True)
class SheetRow:
    """One filled row below the header: its number and its cells as text."""

    number: int
    cells: list[str]
    columns: Mapping[str, int]

    def get(self, name: str) -> str:
        """The cell of the column called ``name`` (1-based in ``columns``), empty if absent."""
        column = self.columns.get(name)
        return self.cells[column - 1] if column is not None and column <= len(self.cells) else ""


def data_rows(table: Sequence[Sequence[Any]], columns: Mapping[str, int]) -> Iterator[SheetRow]:
    """The rows after the header that hold anything, numbered as the spreadsheet shows them."""
    for number, raw in enumerate(table[1:], start=2):
        cells = [cell_text(cell) for cell in raw]
        if any(cells):
            yield SheetRow(number, cells, columns)


def column_letter(number: int) -> str:
    """1 → A, 27 → AA, as spreadsheets name columns."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters or "?"


def cell_text(value: Any) -> str:
    """A cell as text: empty for nothing, ``12`` for the number 12.0, a neutralised
    text as it was before (``restored``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return restored(str(value)).strip()


def neutralised(text: str) -> str:
    """``text`` as a cell that no spreadsheet program runs as a formula."""
    if text[:1] in FORMULA_STARTS or (text[:1] == QUOTE and text[1:2] in _PREFIXED):
        return QUOTE + text
    return text


def restored(text: str) -> str:
    """The text ``neutralised`` was given."""
    if text[:1] == QUOTE and text[1:2] in _PREFIXED:
        return text[1:]
    return text


#: ``--delimiter`` names: Excel in a Belgian or Dutch locale splits CSV on ``;``, not on ``,``.
DELIMITERS = {",": ",", ";": ";", "tab": "\t"}


def csv_delimiter(name: str | None, output_format: str, language: str | None = None) -> str:
    """The cell separator ``--delimiter`` names; by default ``;`` when the reader's
    ``language`` is Dutch (:func:`trajectkit.translation.reader_language`: Excel in a
    Belgian or Dutch locale), else ``,``. A usage error unless the output is CSV, where
    it would silently do nothing."""
    from trajectkit.errors import UsageError
    from trajectkit.translation import _

    if name is None:
        return ";" if language == "nl" and output_format == "csv" else ","
    if output_format != "csv":
        raise UsageError(
            _("--delimiter is for CSV; --format %(format)s has no cells to separate") % {"format": output_format}
        )
    return DELIMITERS[name]


class SpreadsheetWriter:
    """``csv.writer`` whose text cells never start a formula (``neutralised``): for every
    CSV a person may open in Excel or LibreOffice."""

    def __init__(self, stream: IO[str], lineterminator: str = "\n", **options: Any) -> None:
        self._writer = csv.writer(stream, lineterminator=lineterminator, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralised(cell) if isinstance(cell, str) else cell for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
