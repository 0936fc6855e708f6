"""Where PyYAML's pure-Python parser, the reference, parts from YAML and libyaml.

The reference (``loading.REFERENCE_PARSER``) reads a file when PyYAML has no libyaml,
and again when libyaml found a syntax error, so that the error is worded alike. Two
things valid in YAML, which libyaml reads, it refuses:

- a tab between tokens: after ``:``, ``-``, ``,``, ``[``, ``{`` or ``?``, or at the end
  of a line or before a comment (``a:<tab>b``). That tab is read as a space, which
  changes no value and no place. A tab in the indentation stays an error for both;
  a tab inside a plain value (``a<tab>b``), which libyaml keeps and the reference
  refuses, the loader refuses from both;
- a ``?`` inside a plain value within ``[ ]`` or ``{ }``
  (``{website: https://example.org/?page=1}``). It is read through a stand-in
  character, one the text does not hold, and put back in every key, value and
  message afterwards.

``tests/catalogue/test_parser_paths.py`` holds both parsers to the same reading.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from trajectkit.catalogue.documents import Document, MarkedMap, MarkedSeq
from trajectkit.catalogue.files import Refused, decode
from trajectkit.problems import DocumentRef, Finding, Location

#: Corners read past, at most, in one file; beyond, the reference's error stands.
MAX_CORNERS = 100
#: What a ``?`` inside a value in brackets is read as (a private-use character).
STAND_IN = "\ue000"
_INDICATORS_BEFORE_A_TAB = ":-,[{?"


def _at(raw: bytes, findings: list[Finding]) -> tuple[list[str], int, int, str] | None:
    """The lines of ``raw``, and the line, column and character a syntax finding points at."""
    for finding in findings:
        location = finding.location
        if finding.rule != "yaml-syntax" or location.line is None or location.column is None:
            continue
        try:
            lines = decode(raw).split("\n")
        except Refused:
            return None
        if location.line > len(lines):
            return None
        line, at = location.line - 1, location.column - 1
        return lines, line, at, lines[line][at : at + 1]
    return None


def _with(lines: list[str], line: int, at: int, character: str) -> bytes:
    text = lines[line]
    lines[line] = text[:at] + character + text[at + 1 :]
    return "\n".join(lines).encode("utf-8")


def past_corner(raw: bytes, findings: list[Finding], stand_in: bool) -> tuple[bytes, bool] | None:
    """``raw`` with the character the first syntax finding complains of read as libyaml
    reads it, and whether that took the stand-in; ``None`` where it is no such corner.
    ``stand_in``: whether the stand-in may be used (the file holds none of its own,
    :func:`holds_stand_in`)."""
    found = _at(raw, findings)
    if found is None:
        return None
    lines, line, at, character = found
    if character == "\t" and _between_tokens(lines[line], at):
        return _with(lines, line, at, " "), False
    if character == "?" and stand_in and not _starts_a_key(lines[line], at):
        return _with(lines, line, at, STAND_IN), True
    return None


def _between_tokens(text: str, at: int) -> bool:
    """Whether the tab at ``at`` separates tokens: not in the indentation, and after an
    indicator or before the end of the line or a comment."""
    before, after = text[:at].rstrip(" \t"), text[at + 1 :].lstrip(" \t")
    if not before:
        return False  # indentation
    return before[-1] in _INDICATORS_BEFORE_A_TAB or not after.strip("\r") or after.startswith("#")


def _starts_a_key(text: str, at: int) -> bool:
    """Whether the ``?`` at ``at`` starts a ``? key`` rather than standing inside a value."""
    before = text[:at].rstrip(" ")
    return (not before or before[-1] in "[{,") and text[at + 1 : at + 2] in ("", " ")


def holds_stand_in(raw: bytes) -> bool:
    """Whether the file's own text holds the stand-in, which then cannot be used."""
    return STAND_IN.encode("utf-8") in raw


def _put_back(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(STAND_IN, "?")
    if isinstance(value, MarkedMap):
        mapping = MarkedMap(value.mark)
        for key, item in value.items():
            mapping[_put_back(key)] = _put_back(item)
        mapping.key_marks.update({_put_back(key): mark for key, mark in value.key_marks.items()})
        return mapping
    if isinstance(value, MarkedSeq):
        sequence = MarkedSeq(value.mark)
        sequence.extend(_put_back(item) for item in value)
        sequence.item_marks.extend(value.item_marks)
        return sequence
    return value


def restored(documents: list[Document]) -> list[Document]:
    """The documents with every ``?`` back in its place."""
    return [Document(document.path, document.index, _put_back(document.data), document.mark) for document in documents]


def _ref_put_back(ref: DocumentRef | None) -> DocumentRef | None:
    if ref is None:
        return None
    return dataclasses.replace(ref, kind=_put_back(ref.kind), id=_put_back(ref.id))


def restored_findings(findings: list[Finding]) -> list[Finding]:
    """The findings with every ``?`` back in their messages."""
    return [
        Finding(
            Location(
                finding.location.path,
                finding.location.line,
                finding.location.column,
                _ref_put_back(finding.location.document),
            ),
            finding.rule,
            _put_back(finding.message),
        )
        for finding in findings
    ]
