"""Reading a workbook for ``import``: damaged or hostile files end in a clear message, in
bounded memory and time, never a traceback.

Every case is a mutation of a real exported workbook (``MUTATIONS``), run through the
command. openpyxl parses lazily, while the rows are read, so each case reaches the
part of the reading it breaks.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from plan_support import SAMPLES
from processes import PEAK_LIMIT_MIB, trajectkit

from trajectkit.sheets.workbook import MAX_CELLS, MAX_UNPACKED_BYTES

SHEET = "xl/worksheets/sheet1.xml"
WORKBOOK = "xl/workbook.xml"
A2 = b'<c r="A2" t="inlineStr">'
Parts = dict[str, bytes]
Mutation = Callable[[Parts], bytes]


def pack(parts: Parts, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def replace(part: str, old: bytes, new: bytes) -> Mutation:
    def mutate(parts: Parts) -> bytes:
        assert old in parts[part], (part, old)
        return pack({**parts, part: parts[part].replace(old, new, 1)})

    return mutate


def set_part(part: str, data: bytes | Callable[[bytes], bytes]) -> Mutation:
    return lambda parts: pack({**parts, part: data(parts[part]) if callable(data) else data})


def drop(part: str) -> Mutation:
    return lambda parts: pack({name: data for name, data in parts.items() if name != part})


def shared_string(index: str) -> Mutation:
    """The first competence id as a shared string (as Excel writes it) with ``index``."""

    def mutate(parts: Parts) -> bytes:
        changed = dict(parts)
        changed["xl/sharedStrings.xml"] = (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            b"<si><t>bkc0051279</t></si></sst>"
        )
        changed["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        changed["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        changed[SHEET] = re.sub(
            rb'<c r="A2" t="inlineStr"><is><t>[^<]*</t></is></c>',
            b'<c r="A2" t="s"><v>' + index.encode() + b"</v></c>",
            parts[SHEET],
            count=1,
        )
        return pack(changed)

    return mutate


def flip_byte(part: str, offset: int) -> Mutation:
    """One byte of ``part``'s compressed data inverted, in the zip as it is stored."""

    def mutate(parts: Parts) -> bytes:
        data = bytearray(pack(parts))
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
            info = archive.getinfo(part)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        data[start + offset] ^= 0xFF
        return bytes(data)

    return mutate


def _typed(kind: str, value: str) -> Mutation:
    return replace(SHEET, A2 + b"<is><t>", f'<c r="A2" t="{kind}"><v>{value}</v><is><t>'.encode())


DOCTYPE = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'

#: name: (mutation, exit code, words of the message). 2: the workbook cannot be read;
#: 1: read, and its cells are reported; 0: still a good matrix.
MUTATIONS: dict[str, tuple[Mutation, int, str]] = {
    "bad-cell-reference": (replace(SHEET, b'<c r="A2"', b'<c r="2A"'), 2, "sheet 'Allocations', row 2 cannot be read"),
    "column-past-xfd": (replace(SHEET, b'<c r="A2"', b'<c r="ZZZZ2"'), 2, "row 2 cannot be read"),
    "row-number-as-text": (replace(SHEET, b'<row r="2"', b'<row r="two"'), 2, "row 2 cannot be read"),
    "row-zero": (replace(SHEET, b'<c r="A2"', b'<c r="A0"'), 0, "wrote"),
    "shared-string-out-of-range": (shared_string("99"), 2, "row 2 cannot be read"),
    "shared-string-not-a-number": (shared_string("x"), 2, "row 2 cannot be read"),
    "shared-string-ok": (shared_string("0"), 0, "wrote"),
    "date-that-is-not-a-date": (_typed("d", "not a date"), 2, "row 2 cannot be read"),
    "number-that-is-not-a-number": (_typed("n", "abc"), 2, "row 2 cannot be read"),
    "number-infinite": (_typed("n", "1e99999"), 1, "unknown competence 'inf'"),
    "boolean-two": (_typed("b", "2"), 1, "unknown competence 'TRUE'"),
    "error-value": (_typed("e", "#REF!"), 1, "'#REF!' is not an id"),
    "unknown-cell-type": (replace(SHEET, A2, b'<c r="A2" t="zz">'), 1, "missing competence id"),
    "formula-without-value": (replace(SHEET, A2 + b"<is><t>", b'<c r="A2"><f>1/0</f><is><t>'), 1, "missing"),
    "style-index-out-of-range": (replace(SHEET, b'<c r="A1" s="1"', b'<c r="A1" s="999"'), 0, "wrote"),
    "flipped-byte-in-the-sheet": (flip_byte(SHEET, 200), 2, "the part xl/worksheets/sheet1.xml is damaged"),
    "flipped-byte-in-the-workbook": (flip_byte(WORKBOOK, 10), 2, "the part xl/workbook.xml is damaged"),
    "empty-sheets": (
        set_part(WORKBOOK, lambda data: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)),
        2,
        "the workbook has no sheet",
    ),
    "no-workbook-part": (drop(WORKBOOK), 2, "not a readable .xlsx workbook"),
    "no-content-types": (drop("[Content_Types].xml"), 2, "not a readable .xlsx workbook"),
    "no-relationships": (drop("xl/_rels/workbook.xml.rels"), 2, "not a readable .xlsx workbook"),
    "no-styles": (drop("xl/styles.xml"), 0, "wrote"),
    "no-matrix-sheet": (drop(SHEET), 1, "sheet 'Legend'"),
    "truncated-sheet": (set_part(SHEET, lambda data: data[:5000]), 2, "cannot be read: no element found"),
    "sheet-that-is-not-xml": (set_part(SHEET, b"\x00\x01garbage"), 2, "not a readable .xlsx workbook"),
    "workbook-that-is-not-xml": (set_part(WORKBOOK, b"<broken"), 2, "not a readable .xlsx workbook"),
    "styles-that-are-not-xml": (set_part("xl/styles.xml", b"<broken"), 2, "not a readable .xlsx workbook"),
    "properties-that-are-not-xml": (set_part("docProps/core.xml", b"<broken"), 2, "not a readable .xlsx workbook"),
    "entity-expansion": (
        set_part(SHEET, lambda data: DOCTYPE + data.replace(b"<t>Competence</t>", b"<t>&b;</t>")),
        2,
        "declares a document type or entities",
    ),
    "external-entity": (
        set_part(SHEET, lambda data: EXTERNAL + data.replace(b"<t>Competence</t>", b"<t>&x;</t>")),
        2,
        "declares a document type or entities",
    ),
    "sheet-relationship-to-nothing": (
        replace("xl/_rels/workbook.xml.rels", b'Target="/xl/worksheets/sheet1.xml"', b'Target="/xl/nowhere.xml"'),
        1,
        "sheet 'Legend'",
    ),
    "wrong-dimension": (
        replace(SHEET, b'<dimension ref="A1:I33" />', b'<dimension ref="A1:XFD1048576" />'),
        0,
        "wrote",
    ),
    "stored-uncompressed": (lambda parts: pack(parts, zipfile.ZIP_STORED), 0, "wrote"),
    "rich-text-header": (
        replace(SHEET, b"<is><t>Competence</t></is>", b"<is><r><t>Compe</t></r><r><t>tence</t></r></is>"),
        0,
        "wrote",
    ),
    "empty-header": (replace(SHEET, b"<is><t>Competence</t></is>", b"<is></is>"), 1, "no 'Competence' column"),
    "a-cell-twice": (
        replace(SHEET, b'</row><row r="3"', b'<c r="A2" t="inlineStr"><is><t>x</t></is></c></row><row r="3"'),
        1,
        "unknown competence 'x'",
    ),
    "not-a-zip": (lambda parts: b"PK\x03\x04 not really", 2, "not an .xlsx workbook"),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Parts]:
    """The samples and the parts of their exported workbook, made once."""
    from click.testing import CliRunner

    from trajectkit.cli import main

    folder = tmp_path_factory.mktemp("exported")
    shutil.copytree(SAMPLES, folder / "catalogue")
    result = CliRunner().invoke(main, ["export", str(folder / "catalogue"), "-o", str(folder / "m.xlsx")])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(folder / "m.xlsx") as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    return folder / "catalogue", parts


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_damaged_workbook_is_reported_not_crashed_on(cli, exported, tmp_path: Path, name: str) -> None:
    catalogue, parts = exported
    mutate, code, words = MUTATIONS[name]
    (tmp_path / "m.xlsx").write_bytes(mutate(dict(parts)))
    result = cli("import", "m.xlsx", catalogue, "--out", "new.yaml")
    assert result.exit_code == code, result.output
    assert words in result.output
    assert (tmp_path / "new.yaml").exists() == (code == 0)


def _csv_of(rows: int, columns: int) -> bytes:
    return ("\r\n".join(",".join("x" for _ in range(columns)) for _ in range(rows)) + "\r\n").encode()


def test_a_csv_of_five_million_cells_is_refused_in_little_memory(exported, tmp_path: Path) -> None:
    """100,000 rows of 55 cells: 515 MB before; now refused at the cell limit."""
    catalogue, _ = exported
    (tmp_path / "big.csv").write_bytes(_csv_of(100_000, 55))
    run = trajectkit("import", "big.csv", catalogue, "--out", "new.yaml", cwd=tmp_path, timeout=120)
    assert run.code == 2, run.output
    assert f"more than {MAX_CELLS:,} filled cells" in run.output
    assert run.peak_mib < PEAK_LIMIT_MIB, run.peak_mib


def test_a_workbook_of_a_quarter_gigabyte_is_refused_unpacked(exported, tmp_path: Path) -> None:
    """238 MB of sheet XML: 559 MB and nearly two minutes before; now refused by its size."""
    catalogue, parts = exported
    row = b'<row r="9">' + b"".join(b'<c r="A9" t="inlineStr"><is><t>x</t></is></c>' for _ in range(50)) + b"</row>"
    filler = row * (238 * 1024 * 1024 // len(row))
    sheet = parts[SHEET].replace(b"</sheetData>", filler + b"</sheetData>")
    (tmp_path / "big.xlsx").write_bytes(pack({**parts, SHEET: sheet}))
    run = trajectkit("import", "big.xlsx", catalogue, "--out", "new.yaml", cwd=tmp_path, timeout=120)
    assert run.code == 2, run.output
    assert f"over the limit of {MAX_UNPACKED_BYTES:,}" in run.output
    assert run.peak_mib < PEAK_LIMIT_MIB, run.peak_mib


def test_a_workbook_just_inside_the_limits_is_read_in_bounded_memory(exported, tmp_path: Path) -> None:
    """As many cells as the limit allows, in a sheet as large as the zip may unpack to:
    read to the end (the cells are then reported), under the memory limit."""
    catalogue, parts = exported
    # Ten cells per row, to the right of the headers.
    rows = b"".join(
        b'<row r="%d">' % number
        + b"".join(
            b'<c r="%s%d" t="inlineStr"><is><t>v</t></is></c>' % (column, number)
            for column in (b"J", b"K", b"L", b"M", b"N", b"O", b"P", b"Q", b"R", b"S")
        )
        + b"</row>"
        for number in range(40, 40 + MAX_CELLS // 10 - 100)
    )
    sheet = parts[SHEET].replace(b"</sheetData>", rows + b"</sheetData>")
    assert len(sheet) < MAX_UNPACKED_BYTES
    (tmp_path / "full.xlsx").write_bytes(pack({**parts, SHEET: sheet}))
    run = trajectkit("import", "full.xlsx", catalogue, "--out", "new.yaml", cwd=tmp_path, timeout=300)
    assert run.code == 1, run.output[-2000:]
    assert "a value in a column without header" in run.output
    assert run.peak_mib < PEAK_LIMIT_MIB, run.peak_mib


# --------------------------------------------------------------------------- random mutations

#: Seeded, so that a failing case can be run again by its number.
RANDOM_CASES = 240
_TOKENS = (
    b'<c r="A2" t="d"><v>x</v></c>',
    b' r="ZZZ0"',
    b' t="s"',
    b"<v>99999</v>",
    b"&#0;",
    b"<row/>",
    b"</sheetData>",
)


def _random_mutation(parts: Parts, seed: int) -> bytes:
    """One of: a flipped byte, a cut, a doubled span, a token dropped in, or a truncated
    archive — in a part chosen by ``seed``."""
    import random

    rng = random.Random(seed)
    name = rng.choice(sorted(name for name in parts if name.endswith(".xml")))
    data = bytearray(parts[name])
    at = rng.randrange(len(data))
    kind = seed % 5
    if kind == 0:
        data[at] ^= 1 << rng.randrange(8)
    elif kind == 1:
        del data[at : at + rng.randrange(1, 200)]
    elif kind == 2:
        data[at:at] = data[at : at + rng.randrange(1, 200)]
    elif kind == 3:
        data[at:at] = rng.choice(_TOKENS)
    else:
        return pack(parts)[: rng.randrange(30, 2_000)]
    return pack({**parts, name: bytes(data)})


@pytest.mark.parametrize("block", range(4))
def test_randomly_damaged_workbooks_end_in_a_documented_exit_code(cli, exported, tmp_path: Path, block: int) -> None:
    """Every mutation ends in 0, 1 or 2 with a message; an exception fails the test (the
    ``cli`` fixture does not catch), naming the case."""
    catalogue, parts = exported
    for seed in range(block, RANDOM_CASES, 4):
        sheet = tmp_path / f"m{seed}.xlsx"
        sheet.write_bytes(_random_mutation(dict(parts), seed))
        result = cli("import", sheet.name, catalogue, "--out", f"new{seed}.yaml")
        assert result.exit_code in (0, 1, 2), (seed, result.output)
        assert "Traceback" not in result.output, (seed, result.output)
        assert (tmp_path / f"new{seed}.yaml").exists() == (result.exit_code == 0), (seed, result.output)
