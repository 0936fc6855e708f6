"""Output formats of the commands other than ``validate``: one module per command.

Each module has a ``FORMATS`` dict from format name to function. The names are also
listed here, without importing those modules, so that ``--format`` choices and
``--help`` stay light; a test holds the two equal. ``validate``'s formats are the
reporters (``trajectkit.reporters``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Mapping
from typing import Any

from trajectkit import __version__

#: Format names per command, the first one the default.
FORMAT_NAMES: dict[str, tuple[str, ...]] = {
    "rules": ("text", "markdown"),
    "plan": ("pdf", "html"),
    "coverage": ("text", "html", "pdf", "csv", "json", "dot", "graphml"),
    "attest": ("text", "json", "pdf", "elm"),
    "scenario": ("text", "json"),
    "diff": ("text", "json", "github"),
    "export": ("xlsx", "csv", "case", "elm"),
    "match": ("text", "json", "csv"),
    "stats": ("text", "json", "csv", "html", "pdf"),
    "progress": ("text", "json", "csv", "html", "pdf"),
}

#: Formats that are bytes, not text: they need an output file.
BINARY_FORMATS = frozenset({"pdf", "xlsx"})


def columns(rows: list[tuple[str, ...]], right: Collection[int] = frozenset(), indent: str = "") -> list[str]:
    """``rows`` as aligned text columns two spaces apart, those in ``right`` aligned
    right, each line after ``indent``: the tables of the commands' text formats."""
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    return [
        indent
        + "  ".join(
            value.rjust(widths[index]) if index in right else value.ljust(widths[index])
            for index, value in enumerate(row)
        ).rstrip()
        for row in rows
    ]


def json_text(data: Mapping[str, Any]) -> str:
    """``data`` as indented UTF-8 JSON, ending with the ``tool`` that wrote it, as in
    ``validate``'s JSON: the mark by which a later run knows the file is its own
    output and may replace it (``trajectkit.atomic``)."""
    document = {**data, "tool": {"name": "trajectkit", "version": __version__}}
    return json.dumps(finite(document), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def finite(data: Any) -> Any:
    """``data`` with every NaN or infinite number as ``null``: JSON has no ``NaN``, and
    a reader that gets one fails on the whole file. The loader refuses them in the
    catalogue; this keeps arithmetic on extreme values from writing one."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, Mapping):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [finite(item) for item in data]
    return data
