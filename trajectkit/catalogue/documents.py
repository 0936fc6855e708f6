"""Documents as loading leaves them: plain data that remembers where every key and item stood."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from trajectkit.problems import DocumentRef, Location

Mark = tuple[int, int]


class MarkedMap(dict):
    """A YAML mapping: ``mark`` is where it starts, ``key_marks`` where each key stands."""

    __slots__ = ("key_marks", "mark")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}


class MarkedSeq(list):
    """A YAML sequence: ``mark`` is where it starts, ``item_marks`` where each item starts."""

    __slots__ = ("item_marks", "mark")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[Mark] = []


def locate(data: Any, path: Iterable[str | int], default: Mark = (1, 1)) -> Mark:
    """Line and column of the key or item at ``path``; the nearest ancestor if it is absent."""
    mark = getattr(data, "mark", default)
    node = data
    for step in path:
        if isinstance(node, MarkedMap) and step in node.key_marks:
            mark = node.key_marks[step]
            node = node.get(step)
        elif isinstance(node, MarkedSeq) and isinstance(step, int) and 0 <= step < len(node):
            mark = node.item_marks[step]
            node = node[step]
        else:
            break
    return mark


@dataclass(frozen=True)
class Document:
    """One YAML document of a file, as plain data with marks."""

    path: str
    index: int
    data: Any
    mark: Mark

    @functools.cached_property
    def ref(self) -> DocumentRef:
        """Its kind and id as written (either may be missing or not text); worked out
        once, as every location in the document names it."""
        data = self.data
        if not isinstance(data, dict):
            return DocumentRef(None, None)
        kind, ident = data.get("kind"), data.get("id")
        return DocumentRef(
            kind if isinstance(kind, str) else None,
            str(ident) if isinstance(ident, (str, int, float)) and not isinstance(ident, bool) else None,
        )

    def location(self, *path: str | int) -> Location:
        line, column = locate(self.data, path, self.mark)
        return Location(self.path, line, column, self.ref)
