"""The valid part of a document that breaks its schema, so rules can still check the rest.

A document with a schema error is reported (rule ``schema``), and its broken nodes are
left out: an unknown key, a value of the wrong type or form, a list item or mapping
that misses a required key. What remains is a copy that passes the schema, with the
marks of the original, so every rule points at the same lines as before and all
problems of a run are found at once. When a required key of the document itself
cannot be kept, nothing is salvaged and the document is not modelled (its ids still
resolve, see :mod:`trajectkit.catalogue.catalogue`).

Which commands may use a document with errors is not decided here: the schema
findings stay in the report, and ``validation/refusal.py`` refuses on them as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.documents import Document, MarkedMap, MarkedSeq

Path = tuple[str | int, ...]

#: Rounds of pruning before giving up; each round removes at least one node, and
#: a node's removal can break only its parent (a required key, a minimum of items).
MAX_ROUNDS = 12
#: Errors looked at per round; aliases can repeat one broken subtree very often.
MAX_ERRORS = 500


@dataclass(frozen=True)
class Salvage:
    """The document cut down to what passes its schema, and what was left out: each
    cut's path (in the copy of its round) and the value written there."""

    document: Document
    dropped: tuple[tuple[Path, Any], ...]

    def lost(self, key: str) -> list[Any]:
        """The items of the document's list ``key`` that were left out, all of them when
        the whole list was: a rule must not mistake them for absent."""
        found: list[Any] = []
        for path, value in self.dropped:
            if path == (key,):
                found.extend(value if isinstance(value, list) else ())
            elif len(path) == 2 and path[0] == key:
                found.append(value)
        return found


def salvage(document: Document, schema: str) -> Salvage | None:
    """The largest part of ``document`` that we know how to keep and that passes
    ``schema``; ``None`` when even its top-level required keys cannot be kept."""
    from trajectkit.catalogue.schema import validator

    check = validator(schema)
    data = document.data
    dropped: list[tuple[Path, Any]] = []
    for _ in range(MAX_ROUNDS):
        cuts = _cuts(check.iter_errors(data))
        if not cuts:
            return Salvage(Document(document.path, document.index, data, document.mark), tuple(dropped))
        if () in cuts:
            return None
        dropped.extend((cut, _at(data, cut)) for cut in sorted(cuts, key=str))
        data = _without(data, cuts)
    return None


def _cuts(errors: Iterable[Any]) -> set[Path]:
    """Where each error is cut off: the node it is about, the unknown keys themselves,
    the keys that lack a dependency."""
    cuts: set[Path] = set()
    for count, error in enumerate(errors):
        if count >= MAX_ERRORS:
            break
        path: Path = tuple(error.absolute_path)
        instance = error.instance
        if error.validator == "additionalProperties" and isinstance(instance, dict):
            allowed = set(error.schema.get("properties", {}))
            cuts.update((*path, key) for key in instance if key not in allowed and not str(key).startswith("x-"))
        elif "propertyNames" in error.schema_path and isinstance(instance, str):
            cuts.add((*path, instance))  # a key of the wrong form: that key and its value
        elif error.validator == "dependentRequired" and isinstance(instance, dict):
            for key, needs in error.validator_value.items():
                if key in instance and any(need not in instance for need in needs):
                    cuts.add((*path, key))
        else:
            cuts.add(path)
    # A cut inside another cut goes with it (checked by prefix: a document can hold
    # hundreds of thousands of unknown keys).
    return {cut for cut in cuts if not any(cut[:depth] in cuts for depth in range(len(cut)))}


def _without(data: Any, cuts: set[Path]) -> Any:
    """A copy of ``data`` without the subtrees at ``cuts``; marks come along, so the
    kept keys and items are located where they were written."""
    above = {cut[:depth] for cut in cuts for depth in range(len(cut))}
    return _copy(data, cuts, above, ())


def _copy(node: Any, cuts: set[Path], above: set[Path], here: Path) -> Any:
    if here not in above:
        return node  # nothing is cut below: the node is shared, not copied
    if isinstance(node, MarkedMap):
        kept = MarkedMap(node.mark)
        for key, value in node.items():
            if (*here, key) not in cuts:
                kept[key] = _copy(value, cuts, above, (*here, key))
        kept.key_marks = {key: mark for key, mark in node.key_marks.items() if (*here, key) not in cuts}
        return kept
    if isinstance(node, MarkedSeq):
        items = MarkedSeq(node.mark)
        for index, (value, mark) in enumerate(zip(node, node.item_marks, strict=True)):
            if (*here, index) not in cuts:
                items.append(_copy(value, cuts, above, (*here, index)))
                items.item_marks.append(mark)
        return items
    return node


def _at(data: Any, path: Path) -> Any:
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node
