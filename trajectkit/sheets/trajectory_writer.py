"""A trajectory file with new ``clusters`` and ``allocations``, everything else kept.

Only the lines of those two top-level keys are rewritten, item by item: an item the
sheet did not change keeps its lines exactly (comments, wrapped lists), a changed
item is written anew but keeps the comments above it, the comment after its first
line and its ``x-`` keys, and a new item is written in the file's indentation. Every
other line of the file (other keys, the other documents of a multi-document file)
stays byte for byte, so an unchanged round trip gives the same file back.

The result is read back and compared with what was meant. If the file's layout does
not allow the line surgery (a flow-style root, keys not in column 1), the document
is written anew from its data instead, without its comments.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from trajectkit.catalogue.documents import Document
from trajectkit.catalogue.loading import parse_bytes
from trajectkit.catalogue.model import Allocation, Cluster, StandardTrajectory
from trajectkit.catalogue.yaml_text import flow, flow_list, mapping_item, plain, scalar
from trajectkit.translation import _

_KEYS = ("clusters", "allocations")
_DOCUMENT_MARKER = re.compile(r"^(---|\.\.\.)(\s|$)")
_TRAILING_COMMENT = re.compile(r"\s+(#.*)$")


class RewriteError(Exception):
    """The new file would not hold what was meant (a bug, or a layout not handled)."""


def rewrite_trajectory(
    text: str,
    path: str,
    trajectory: StandardTrajectory,
    allocations: tuple[Allocation, ...],
    clusters: tuple[Cluster, ...],
) -> str:
    """``text`` (the trajectory's file) with the trajectory's clusters and allocations replaced."""
    documents, findings = parse_bytes(text.encode("utf-8"), path)
    if findings:
        raise RewriteError(
            _("%(path)s does not read cleanly any more: %(reason)s") % {"path": path, "reason": findings[0].message}
        )
    document = _find(documents, trajectory)
    expected = replace(trajectory, allocations=allocations, clusters=clusters)
    request = _Request(text, document, trajectory, allocations, clusters)
    for attempt in (_splice, _redump):
        try:
            new_text = attempt(request)
        except RewriteError:
            continue
        if _holds(new_text, path, document.index, expected):
            if "\r\n" in text:  # the new lines follow the file's line ends
                new_text = new_text.replace("\r\n", "\n").replace("\n", "\r\n")
            return new_text
    raise RewriteError(_("cannot rewrite %(path)s so that it holds the imported allocations") % {"path": path})


@dataclass(frozen=True)
class _Request:
    """What to rewrite: the file's text, the trajectory's document and model, the new items."""

    text: str
    document: Document
    trajectory: StandardTrajectory
    allocations: tuple[Allocation, ...]
    clusters: tuple[Cluster, ...]


def _find(documents: list[Document], trajectory: StandardTrajectory) -> Document:
    for document in documents:
        data = document.data
        if (
            isinstance(data, Mapping)
            and data.get("kind") == "StandardTrajectory"
            and str(data.get("id")) == trajectory.id
        ):
            return document
    raise RewriteError(_("trajectory %(id)s is not in its file any more") % {"id": trajectory.id})


def _holds(text: str, path: str, index: int, expected: StandardTrajectory) -> bool:
    documents, findings = parse_bytes(text.encode("utf-8"), path)
    if findings:
        return False
    for document in documents:
        if document.index == index:
            try:
                return StandardTrajectory.from_document(document) == expected
            except (KeyError, TypeError, ValueError):
                return False
    return False


# --------------------------------------------------------------------------- items


def allocation_lines(allocation: Allocation, old: Mapping[str, Any] | None, indent: int = 2) -> list[str]:
    """A new ``- competence:`` item, with the old item's ``x-`` keys."""
    pairs = [
        ("competence", scalar(allocation.competence)),
        ("at", flow_list(allocation.at)),
        ("assessed_by", flow_list(allocation.assessed_by)),
    ]
    if allocation.phase is not None:
        pairs.append(("phase", scalar(allocation.phase)))
    if allocation.requires:
        pairs.append(("requires", flow_list(allocation.requires)))
    return mapping_item(pairs + _extras(old), indent)


def cluster_lines(cluster: Cluster, old: Mapping[str, Any] | None, indent: int = 2) -> list[str]:
    """A new ``- id:`` cluster item, with the old item's ``x-`` keys."""
    pairs = [
        ("id", scalar(cluster.id)),
        ("title", scalar(cluster.title)),
        ("competences", flow_list(cluster.competences)),
    ]
    return mapping_item(pairs + _extras(old), indent)


def _extras(item: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    if item is None:
        return []
    return [(str(key), flow(value)) for key, value in item.items() if str(key).startswith("x-")]


@dataclass(frozen=True)
class _Block:
    """What to write under one key: the new items and how to recognise the old ones."""

    key: str
    items: tuple[Allocation, ...] | tuple[Cluster, ...]
    old: dict[str, Allocation | Cluster]

    @staticmethod
    def ident(item: Any) -> str:
        if isinstance(item, Allocation):
            return item.competence
        if isinstance(item, Cluster):
            return item.id
        return str(item.get("competence", item.get("id"))) if isinstance(item, Mapping) else ""

    def lines(self, item: Allocation | Cluster, old_data: Mapping[str, Any] | None, indent: int) -> list[str]:
        if isinstance(item, Allocation):
            return allocation_lines(item, old_data, indent)
        return cluster_lines(item, old_data, indent)


def _blocks(request: _Request) -> list[_Block]:
    trajectory = request.trajectory
    return [
        _Block("clusters", request.clusters, {cluster.id: cluster for cluster in trajectory.clusters}),
        _Block("allocations", request.allocations, {item.competence: item for item in trajectory.allocations}),
    ]


# --------------------------------------------------------------------------- line surgery


def _splice(request: _Request) -> str:
    """Rewrite the two blocks item by item: an item the sheet did not change keeps its
    lines (comments, wrapping) exactly, so an unchanged round trip changes nothing."""
    data = request.document.data
    marks = getattr(data, "key_marks", None)
    if not marks or any(column != 1 for _, column in marks.values()) or any(key not in marks for key in _KEYS):
        raise RewriteError("the root mapping is not in block style at column 1")
    lines = request.text.splitlines(keepends=True)
    starts = sorted(line for line, _ in marks.values())  # 1-based
    end_of_document = _document_end(lines, starts[-1])
    # Replace from the bottom up so the line numbers above stay right.
    for block in sorted(_blocks(request), key=lambda item: marks[item.key][0], reverse=True):
        start = marks[block.key][0]
        following = [line for line in starts if line > start]
        end = _trim_trailing(lines, start, following[0] if following else end_of_document)
        lines[start - 1 : end - 1] = _rewrite_block(lines, start, end, data.get(block.key), block)
    return "".join(lines)


def _rewrite_block(lines: list[str], start: int, end: int, old_items: Any, block: _Block) -> list[str]:
    """The lines from the key (line ``start``) up to line ``end`` (excluded), rewritten."""
    item_starts = list(getattr(old_items, "item_marks", []) or [])
    item_lines = [line for line, _ in item_starts]
    in_block_style = (
        bool(item_lines)
        and item_lines[0] > start
        and all(a < b for a, b in itertools.pairwise(item_lines))
        and all(lines[line - 1].lstrip().startswith("-") for line in item_lines)
    )
    if not in_block_style:
        # `key: []`, flow style or no items: write the block anew under the key.
        new = [line for item in block.items for line in block.lines(item, None, 2)]
        return _key_line(lines[start - 1], block.key) + _header_comments(lines, start, end) + new
    indent = len(lines[item_lines[0] - 1]) - len(lines[item_lines[0] - 1].lstrip(" "))
    header = lines[start : item_lines[0] - 1]
    spans: dict[str, tuple[list[str], list[str], Mapping[str, Any]]] = {}
    leading: list[str] = []
    for number, line in enumerate(item_lines):
        stop = item_lines[number + 1] if number + 1 < len(item_lines) else end
        own = lines[line - 1 : stop - 1]
        trailing: list[str] = []
        while len(own) > 1 and (own[-1].strip() == "" or own[-1].lstrip().startswith("#")):
            trailing.insert(0, own.pop())
        item = old_items[number]
        spans.setdefault(block.ident(item), (leading, own, item))
        leading = trailing
    footer = leading
    out = [lines[start - 1], *header]
    for item in block.items:
        ident = block.ident(item)
        if ident not in spans:
            out += block.lines(item, None, indent)
            continue
        before, own, old_data = spans[ident]
        out += before
        if block.old.get(ident) == item:
            out += own
        else:
            out += _carry_comment(block.lines(item, old_data, indent), own[0])
    return out + footer


def _carry_comment(new: list[str], old_first_line: str) -> list[str]:
    """The comment after the old item's first line, after the new first line, same column."""
    text = old_first_line.rstrip("\r\n")
    comment = _TRAILING_COMMENT.search(text)
    if not comment or text.count("#") != 1 or not new:
        return new
    column = comment.start(1)
    first = new[0].rstrip("\n")
    first = f"{first:<{column}}{comment.group(1)}" if len(first) < column else f"{first}  {comment.group(1)}"
    return [first + "\n", *new[1:]]


def _document_end(lines: list[str], after: int) -> int:
    """1-based line just past the document: the next ``---``/``...`` line, or the end."""
    for number in range(after + 1, len(lines) + 1):
        if _DOCUMENT_MARKER.match(lines[number - 1]):
            return number
    return len(lines) + 1


def _trim_trailing(lines: list[str], start: int, end: int) -> int:
    """Leave blank lines and unindented comments before the next key where they are."""
    while end - 1 > start:
        line = lines[end - 2]
        if line.strip() == "" or line.startswith("#"):
            end -= 1
        else:
            break
    return end


def _key_line(line: str, key: str) -> list[str]:
    """``key:`` keeping a comment that followed it; an inline flow value is dropped."""
    match = re.match(rf"^{re.escape(key)}\s*:\s*(#.*)?$", line.rstrip("\r\n"))
    if match:
        return [line if line.endswith("\n") else line + "\n"]
    comment = _TRAILING_COMMENT.search(line.rstrip("\r\n"))
    suffix = f"  {comment.group(1)}" if comment and "'" not in line and '"' not in line else ""
    return [f"{key}:{suffix}\n"]


def _header_comments(lines: list[str], start: int, end: int) -> list[str]:
    """The comment lines right under the key: they describe the whole block."""
    kept = []
    for number in range(start + 1, end):
        if not lines[number - 1].strip().startswith("#"):
            break
        kept.append(lines[number - 1])
    return kept


# --------------------------------------------------------------------------- fallback


def _redump(request: _Request) -> str:
    """The file with the trajectory's document written anew (its comments are lost)."""
    document = request.document
    lines = request.text.splitlines(keepends=True)
    start, column = document.mark
    end = _document_end(lines, start)
    data = plain(document.data)
    new_blocks = {
        block.key: [
            line
            for item in block.items
            for line in block.lines(item, _old_item(document.data.get(block.key), block, item), 2)
        ]
        for block in _blocks(request)
    }
    out: list[str] = []
    before = lines[start - 1][: column - 1]
    if before.strip():  # e.g. `--- {kind: ...}`: keep the marker on a line of its own
        out.append(before.rstrip() + "\n")
    for key, value in data.items():
        if key in _KEYS:
            out.append(f"{key}:\n")
            out += new_blocks[key]
        else:
            out.append(f"{scalar(key)}: {flow(value)}\n")
    for key in _KEYS:
        if key not in data:
            out.append(f"{key}:\n")
            out += new_blocks[key]
    return "".join(lines[: start - 1] + out + lines[end - 1 :])


def _old_item(items: Any, block: _Block, item: Allocation | Cluster) -> Mapping[str, Any] | None:
    for old in items or ():
        if isinstance(old, Mapping) and block.ident(old) == block.ident(item):
            return old
    return None
