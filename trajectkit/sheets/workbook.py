"""The allocation matrix as a file: an Excel workbook (openpyxl) or CSV, and back.

The workbook has the matrix on its first sheet, with bold headers, frozen panes
(header row and competence columns), a filter, and data validation: a drop-down of
marks on every learning-place column, of phases and of clusters. A ``Legend`` sheet
explains the marks and lists the places, phases and clusters the drop-downs use.

The bytes are the same for the same matrix: the workbook's dates and its zip
entries' dates are fixed (``SOURCE_DATE_EPOCH``, else 1980-01-01), never the clock. Reading refuses what would cost too much before
openpyxl sees it (file size, unpacked size, rows), since a sheet is untrusted input.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trajectkit.atomic import atomic_output, write_atomic
from trajectkit.errors import UsageError
from trajectkit.sheets.cells import SpreadsheetWriter, neutralised
from trajectkit.sheets.matrix import MARK_MEANINGS, MARKS, AllocationMatrix
from trajectkit.terminal import escape
from trajectkit.translation import N_, SOURCE_LANGUAGE, _, every_translation, in_language

MATRIX_SHEET = N_("Allocations")
LEGEND_SHEET = N_("Legend")
FORMATS = ("xlsx", "csv")

#: What a sheet for ``import`` may cost (SECURITY.md): a matrix has a row per
#: competence and a column per learning place, so real ones stay far below these.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024  # openpyxl holds every shared string in memory
MAX_PARTS = 1_000
MAX_ROWS = 100_000
MAX_COLUMNS = 500
MAX_CELLS = 1_000_000  # filled cells kept, CSV and xlsx alike
SHARED_STRINGS = "xl/sharedStrings.xml"
# Rows below the last competence that still get the drop-downs, for rows people add.
SPARE_ROWS = 200
_FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_WIDTHS = {0: 14, 1: 48, 2: 22, 3: 12, 4: 14}


@dataclass(frozen=True)
class Table:
    """Cells read from a file: the sheet's name (none for CSV) and its rows."""

    sheet: str | None
    rows: list[list[Any]]


def format_for(path: str | Path, given: str | None = None) -> str:
    """``--format``, else the file's suffix."""
    if given:
        return given
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise UsageError(
        _("%(path)s: cannot tell the format from the name; use --format xlsx or --format csv") % {"path": path}
    )


# --------------------------------------------------------------------------- writing


def write_matrix(
    matrix: AllocationMatrix,
    path: str | Path,
    file_format: str,
    delimiter: str = ",",
    language: str = SOURCE_LANGUAGE,
) -> None:
    """The matrix as a CSV file or workbook with headers (and legend) in ``language``."""
    try:
        if file_format == "csv":
            write_csv(matrix, path, delimiter, language)
        else:
            write_atomic(path, workbook_bytes(matrix, language))
    except OSError as error:
        raise UsageError(_("%(path)s: cannot write: %(reason)s") % {"path": path, "reason": error.strerror}) from error


def write_csv(
    matrix: AllocationMatrix, path: str | Path, delimiter: str = ",", language: str = SOURCE_LANGUAGE
) -> None:
    """UTF-8 with a byte-order mark, so Excel does not guess another encoding (with any
    ``delimiter``); CRLF rows."""
    with atomic_output(path) as stream:
        stream.write("\ufeff")
        SpreadsheetWriter(stream, lineterminator="\r\n", delimiter=delimiter).writerows(matrix.table(language))


def workbook_bytes(matrix: AllocationMatrix, language: str = SOURCE_LANGUAGE) -> bytes:
    """The .xlsx file of ``matrix`` in ``language``, byte for byte the same on every run."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheet: Worksheet = workbook.active  # type: ignore[assignment]  # a new workbook has one sheet, a worksheet
    sheet.title = in_language(language, MATRIX_SHEET)
    legend = workbook.create_sheet(in_language(language, LEGEND_SHEET))
    table = matrix.table(language)
    _append_text(sheet, table)
    bold = Font(bold=True)
    fill = PatternFill("solid", start_color="FFDDEBF7")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    columns = len(table[0])
    for index in range(columns):
        width = _WIDTHS.get(index, 30 if index == columns - 1 else 16)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    marks = matrix.mark_columns()
    for row in sheet.iter_rows(min_row=2):
        for index in marks:
            row[index].alignment = Alignment(horizontal="center")
    sheet.freeze_panes = "C2"  # headers and the competence id and title stay in view
    last_row = len(table)
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{last_row}"

    lists = _write_legend(legend, matrix, bold, language)

    def words(message: str) -> str:
        return in_language(language, message)

    validated_to = last_row + SPARE_ROWS

    def validate(column: int, formula: str, message: str, strict: bool = True) -> None:
        letter = get_column_letter(column + 1)
        rule = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
            errorTitle="trajectkit",
            error=words(message),
        )
        rule.add(f"{letter}2:{letter}{validated_to}")
        sheet.add_data_validation(rule)

    for index in marks:
        validate(
            index, '"' + ",".join(MARKS) + '"', N_("Use L (learned here), A (assessed here), LA (both) or leave empty.")
        )
    if "phases" in lists:
        validate(4, lists["phases"], N_("Choose a phase of the trajectory (Legend sheet)."))
    if "clusters" in lists:
        # Several clusters in one cell are allowed (with a warning, as the validator gives).
        validate(3, lists["clusters"], N_("Choose a cluster of the trajectory (Legend sheet)."), strict=False)

    properties = workbook.properties
    properties.creator = "trajectkit"
    properties.lastModifiedBy = "trajectkit"
    properties.title = _xml_text(f"{matrix.trajectory} {matrix.title}")
    properties.created = properties.modified = _document_date()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return _with_fixed_dates(buffer.getvalue())


def _write_legend(legend: Any, matrix: AllocationMatrix, bold: Any, language: str) -> dict[str, str]:
    """Explain the marks and list places, phases and clusters; the ranges for the drop-downs."""
    from openpyxl.utils import get_column_letter

    def words(message: str) -> str:
        return in_language(language, message)

    _append_text(legend, [[f"{matrix.trajectory} — {matrix.title}"], []])
    legend["A1"].font = bold
    ranges: dict[str, str] = {}
    sections = [
        (words(N_("Mark")), words(N_("Meaning")), [(mark, words(meaning)) for mark, meaning in MARK_MEANINGS], None),
        (words(N_("Learning place")), words(N_("Type")), [(place.id, place.type) for place in matrix.places], None),
        (words(N_("Phase")), words(N_("Title")), list(matrix.phases), "phases"),
        (words(N_("Cluster")), words(N_("Title")), list(matrix.clusters), "clusters"),
    ]
    for heading, second, items, name in sections:
        legend.append([heading, second])
        header_row = legend.max_row
        for cell in legend[header_row]:
            cell.font = bold
        _append_text(legend, [list(item) for item in items])
        if name and items:
            first, last = header_row + 1, header_row + len(items)
            ranges[name] = f"={legend.title}!$A${first}:$A${last}"
        legend.append([])
    legend.column_dimensions[get_column_letter(1)].width = 18
    legend.column_dimensions[get_column_letter(2)].width = 48
    return ranges


def _append_text(sheet: Any, rows: list[list[str]]) -> None:
    """Rows of text cells: each ``neutralised``, with the characters XML cannot hold
    written as escapes, and typed as strings: openpyxl would make ``=…`` a formula and
    ``#N/A`` an error value."""
    for values in rows:
        texts = [_xml_text(neutralised(value)) for value in values]
        sheet.append(texts)
        if texts:
            for cell in next(sheet.iter_rows(min_row=sheet.max_row, max_row=sheet.max_row, max_col=len(texts))):
                cell.data_type = "s"


def _xml_text(text: str) -> str:
    """``text`` with the control characters XML cannot hold written as escapes (``\\x1b``)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub(lambda found: escape(found.group()), text)


def _document_date() -> dt.datetime:
    """The workbook's created/modified date: ``SOURCE_DATE_EPOCH`` if set, else 1980-01-01."""
    from trajectkit.dates import source_date_epoch

    return source_date_epoch() or dt.datetime(*_FIXED_ZIP_DATE)


def _with_fixed_dates(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so equal workbooks are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _FIXED_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return buffer.getvalue()


# --------------------------------------------------------------------------- reading


def read_table(path: str | Path) -> Table:
    """The cells of an .xlsx workbook (its ``Allocations`` sheet, else the first) or a CSV file."""
    file = Path(path)
    file_format = format_for(file)
    try:
        size = file.stat().st_size
    except OSError as error:
        raise UsageError(_("%(path)s: cannot read: %(reason)s") % {"path": file, "reason": error.strerror}) from error
    if size > MAX_FILE_BYTES:
        raise UsageError(
            _("%(path)s: %(size)s bytes, over the limit of %(limit)s for a sheet")
            % {"path": file, "size": f"{size:,}", "limit": f"{MAX_FILE_BYTES:,}"}
        )
    if file_format == "csv":
        return _read_csv(file)
    return _read_xlsx(file)


def _read_csv(file: Path) -> Table:
    """The rows of a CSV file, streamed: memory grows with the cells kept, not the text."""
    raw = file.read_bytes()
    try:
        raw.decode("utf-8-sig")  # where the first bad byte is; the text itself is read below
    except UnicodeDecodeError as error:
        raise UsageError(
            _("%(path)s: not UTF-8 text (byte %(byte)s); in Excel save it as 'CSV UTF-8 (comma delimited)'")
            % {"path": file, "byte": error.start}
        ) from error
    first_line = raw.split(b"\n", 1)[0]
    # Excel in a Belgian or Dutch locale writes `;` between cells.
    delimiter = max((",", ";", "\t"), key=lambda separator: first_line.count(separator.encode()))
    text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline="")
    budget = _Budget(file)
    rows = []
    try:
        for row in csv.reader(text, delimiter=delimiter):
            budget.take(row)
            rows.append(row)
    except csv.Error as error:
        raise UsageError(
            _("%(path)s: not a readable CSV file: %(reason)s") % {"path": file, "reason": error}
        ) from error
    return Table(None, rows)


class _Budget:
    """Rows, columns and cells a sheet may have: refused beyond them, as soon as it is."""

    def __init__(self, file: Path, sheet: str | None = None) -> None:
        self.file = file
        self.where = _("sheet '%(sheet)s'") % {"sheet": sheet} if sheet else _("the file")
        self.rows = 0
        self.cells = 0

    def take(self, values: list[Any]) -> None:
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise UsageError(
                _("%(path)s: %(where)s has more than %(limit)s rows")
                % {"path": self.file, "where": self.where, "limit": f"{MAX_ROWS:,}"}
            )
        if len(values) > MAX_COLUMNS:
            raise UsageError(
                _("%(path)s: row %(row)s has more than %(limit)s columns")
                % {"path": self.file, "row": self.rows, "limit": MAX_COLUMNS}
            )
        self.cells += sum(1 for value in values if value not in (None, ""))
        if self.cells > MAX_CELLS:
            raise UsageError(
                _("%(path)s: %(where)s has more than %(limit)s filled cells")
                % {"path": self.file, "where": self.where, "limit": f"{MAX_CELLS:,}"}
            )


def _read_xlsx(file: Path) -> Table:
    """The rows of the workbook's matrix sheet. The zip is checked whole first (sizes,
    checksums); whatever openpyxl then meets that is not a workbook is a usage error
    naming the sheet and row, since it parses lazily, while the rows are read."""
    _check_archive(file)
    # openpyxl warns about what it repairs (a missing default style, names of a sheet
    # that is gone); the rows are all that counts here, and they are checked cell by cell.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_rows(file)


def _read_rows(file: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except _MALFORMED as error:
        raise UsageError(
            _("%(path)s: not a readable .xlsx workbook (%(reason)s)") % {"path": file, "reason": _reason(error)}
        ) from None
    budget: _Budget | None = None
    title = None
    try:
        if not workbook.sheetnames:
            raise UsageError(
                _("%(path)s: the workbook has no sheet; export the matrix again with `trajectkit export`")
                % {"path": file}
            )
        names = every_translation(MATRIX_SHEET)
        found = [name for name in workbook.sheetnames if name in names]
        sheet = workbook[found[0]] if found else workbook.worksheets[0]
        title = sheet.title
        budget = _Budget(file, title)
        # Some programs write a wrong size into the file; read every row there is.
        sheet.reset_dimensions()
        rows = []
        for row in sheet.iter_rows(values_only=True):
            values = list(row[: MAX_COLUMNS + 1])
            while values and values[-1] in (None, ""):
                values.pop()
            budget.take(values)
            rows.append(values)
    except _MALFORMED as error:
        where = (
            _("sheet '%(sheet)s', row %(row)s") % {"sheet": title, "row": budget.rows + 1}
            if budget is not None
            else _("the workbook")
        )
        raise UsageError(
            _("%(path)s: %(where)s cannot be read: %(reason)s")
            % {"path": file, "where": where, "reason": _reason(error)}
        ) from None
    finally:
        workbook.close()
    while rows and not rows[-1]:
        rows.pop()
    return Table(title, rows)


def _check_archive(file: Path) -> None:
    """Refuse a zip that unpacks to too much, holds too many parts, or is damaged
    (a checksum or compressed stream that does not match), before openpyxl opens it."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > MAX_PARTS:
                raise UsageError(
                    _("%(path)s: %(count)s parts in the zip, over the limit of %(limit)s")
                    % {"path": file, "count": f"{len(members):,}", "limit": f"{MAX_PARTS:,}"}
                )
            unpacked = sum(info.file_size for info in members)
            if unpacked > MAX_UNPACKED_BYTES:
                raise UsageError(
                    _("%(path)s: unpacks to %(size)s bytes, over the limit of %(limit)s")
                    % {"path": file, "size": f"{unpacked:,}", "limit": f"{MAX_UNPACKED_BYTES:,}"}
                )
            for info in members:
                if info.filename == SHARED_STRINGS and info.file_size > MAX_SHARED_STRINGS_BYTES:
                    raise UsageError(
                        _("%(path)s: its shared strings unpack to %(size)s bytes, over the limit of %(limit)s")
                        % {"path": file, "size": f"{info.file_size:,}", "limit": f"{MAX_SHARED_STRINGS_BYTES:,}"}
                    )
                _check_member(file, archive, info)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise UsageError(
            _("%(path)s: not an .xlsx workbook (%(reason)s)") % {"path": file, "reason": _reason(error)}
        ) from None


def _check_member(file: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Read one part through (its size is bounded above); zipfile checks the CRC at the end."""
    try:
        with archive.open(info) as stream:
            while stream.read(1024 * 1024):
                pass
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, ValueError) as error:
        raise UsageError(
            _("%(path)s: the part %(part)s is damaged (%(reason)s)")
            % {"path": file, "part": info.filename, "reason": _reason(error)}
        ) from None


#: What openpyxl raises on a part that is not what a workbook holds: bad cell
#: references, shared-string indexes, dates and numbers (ValueError, LookupError,
#: TypeError), XML that is not well-formed (ParseError is a SyntaxError) or declares
#: entities (defusedxml's errors are ValueErrors), a damaged stream (zlib.error).
_MALFORMED: tuple[type[BaseException], ...] = (
    ValueError,
    LookupError,
    TypeError,
    AttributeError,
    ArithmeticError,
    SyntaxError,
    RecursionError,
    EOFError,
    OSError,
    NotImplementedError,
    zlib.error,
    zipfile.BadZipFile,
)


def _reason(error: BaseException) -> str:
    """What went wrong, in one line: the first cause openpyxl wrapped, if any."""
    from defusedxml import DefusedXmlException

    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return "its XML declares a document type or entities, which a workbook never needs"
        error, cause = cause, cause.__cause__
    text = " ".join(str(error).split())
    return text[:200] if text else type(error).__name__
