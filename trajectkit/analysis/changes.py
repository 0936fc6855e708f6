"""One change between two versions of a document, and how the diff collects them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.model import Source
from trajectkit.problems import Location
from trajectkit.translation import N_, _

#: The fields that :meth:`Changes.fields` compares, as a change message names them.
FIELD_LABELS = {
    "title": N_("title"),
    "level": N_("level"),
    "sector": N_("sector"),
    "trajectory": N_("trajectory"),
    "start": N_("start"),
    "end": N_("end"),
    "qualification": N_("qualification"),
    "agreement": N_("agreement"),
    "school_years": N_("school years"),
}


@dataclass(frozen=True)
class Change:
    """One difference: in which document, what kind of change, about what, and where."""

    kind: str
    document: str
    what: str
    subject: str
    message: str
    location: Location
    old: str | None = None
    new: str | None = None


def show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)


class Changes:
    """Collects the changes of one document pair."""

    def __init__(self, kind: str, document: str) -> None:
        self.kind = kind
        self.document = document
        self.items: list[Change] = []

    def add(self, what: str, subject: str, message: str, where: Location, old: Any = None, new: Any = None) -> None:
        self.items.append(
            Change(
                self.kind,
                self.document,
                what,
                subject,
                message,
                where,
                None if old is None else show(old),
                None if new is None else show(new),
            )
        )

    def fields(self, old: Any, new: Any, names: Iterable[str], source: Source) -> None:
        for name in names:
            before, after = getattr(old, name), getattr(new, name)
            if before != after:
                label = _(FIELD_LABELS[name]) if name in FIELD_LABELS else name.replace("_", " ")
                self.add(
                    name.replace("_", "-"),
                    name,
                    _("%(field)s changed from %(old)s to %(new)s")
                    % {"field": label, "old": show(before), "new": show(after)},
                    source.at(name),
                    before,
                    after,
                )


def by_id(items: Iterable[Any], key: str = "id") -> dict[str, Any]:
    return {getattr(item, key): item for item in items}
