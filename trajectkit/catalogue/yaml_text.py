"""Writing YAML by hand, in the catalogue's own style, with PyYAML deciding the quoting.

The files trajectkit writes (an imported trajectory, a qualification from CSV) are
meant to be read and edited by people: two-space block style, short lists of ids in
flow style ``[a, b]``, and quotes only where YAML needs them (``'yes'``, ``'0130'``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import yaml

_WIDE = 1_000_000  # never fold a line: one value, one line


def scalar(value: Any) -> str:
    """A scalar as it follows ``key: `` in block context, quoted when YAML needs it."""
    text = yaml.safe_dump({"k": value}, allow_unicode=True, width=_WIDE, default_flow_style=False, sort_keys=False)
    text = text[len("k: ") :].rstrip("\n")
    if "\n" in text and isinstance(value, str):
        # A line break inside: a JSON string is a one-line YAML double-quoted scalar.
        return json.dumps(value, ensure_ascii=False)
    return text


def flow(value: Any) -> str:
    """Any value (list, mapping, scalar) on one line in flow style: ``[a, b]``, ``{k: v}``."""
    text = yaml.safe_dump(plain(value), allow_unicode=True, width=_WIDE, default_flow_style=True, sort_keys=False)
    return text.removesuffix("\n...\n").rstrip("\n")


def flow_list(values: Iterable[Any]) -> str:
    return flow(list(values))


def plain(value: Any) -> Any:
    """Loaded data (``MarkedMap``, ``MarkedSeq``) as plain dicts and lists PyYAML can write."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [plain(item) for item in value]
    return value


def mapping_item(pairs: Sequence[tuple[str, str]], indent: int = 2) -> list[str]:
    """A list item ``- key: value`` with its other keys below it; values already written."""
    lines = []
    for number, (key, text) in enumerate(pairs):
        lead = " " * indent + ("- " if number == 0 else "  ")
        lines.append(f"{lead}{key}: {text}\n")
    return lines
