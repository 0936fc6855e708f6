"""What every model object shares: where it is written, and reading ids and dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from trajectkit.catalogue.documents import Document
from trajectkit.problems import Location


@dataclass(frozen=True)
class Source:
    """Where a thing is written: a document and the path of its node inside it."""

    document: Document
    path: tuple[str | int, ...] = ()

    def at(self, *keys: str | int) -> Location:
        """Location of this node, or of a key or item below it."""
        return self.document.location(*self.path, *keys)

    def child(self, *keys: str | int) -> Source:
        return Source(self.document, (*self.path, *keys))

    def has(self, key: str) -> bool:
        """Whether this node is a mapping that writes ``key`` (a rule then points at the key)."""
        node: Any = self.document.data
        for step in self.path:
            node = node[step]
        return isinstance(node, dict) and key in node


def as_id(value: Any) -> str:
    return str(value)


def as_ids(values: Any) -> tuple[str, ...]:
    return tuple(as_id(value) for value in values or ())


def as_date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day``."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def source_field() -> Any:
    """The ``source`` field: not part of equality or repr; ``None`` only in hand-built objects."""
    return field(default=None, compare=False, repr=False)
