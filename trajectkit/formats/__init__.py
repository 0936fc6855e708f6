"""Output formats of the commands other than ``validate``: one module per command.

Each module has a ``FORMATS`` dict from format name to function. The names are also
listed here, without importing those modules, so that ``--format`` choices and
``--help`` stay light; a test holds the two equal. ``validate``'s formats are the
reporters (``trajectkit.reporters``).
"""

from __future__ import annotations

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
}

#: Formats that are bytes, not text: they need an output file.
BINARY_FORMATS = frozenset({"pdf", "xlsx"})
