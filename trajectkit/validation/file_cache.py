"""Each catalogue file's parsed, schema-checked documents, kept between runs.

After one file of a large catalogue is edited, the report as a whole cannot be
reused (``trajectkit.validation.cache``), but every other file's reading can: its
documents with their marks, the findings of reading it and of its schema checks.
Only the edited file is parsed and checked again; the catalogue, the graph and the
rules, which see every file at once, run again on all of them.

An entry's key is a SHA-256 over the run's settings (``settings_key``: trajectkit's
code, the configuration and its limits, the profile, the language) and the file's
path and content. Entries are JSON, never pickle: the folder may come from a pull
request, and reading it must not run anything. An entry that cannot be read back
whole, as the loader would have built it, is a miss. A file whose reading stopped
(a syntax error, a limit) or that shares a mapping or list through an alias is not
kept: it is read again each time, as cheaply as before.

The run's own limits (``max_documents``, ``max_total_nodes``) count what earlier files
held; an entry is used only when the file, added to what the run has read so far,
stays clear of them, so that the result is the one reading it would give.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from trajectkit.catalogue.documents import Document, Mark, MarkedMap, MarkedSeq
from trajectkit.catalogue.files import Limits, Tally
from trajectkit.problems import DocumentRef, Finding, Location
from trajectkit.validation.cache import ValidationCache, _prune, _write_in

#: Raised when what an entry holds changes shape; old entries then simply miss.
FILE_FORMAT = 2
#: The folder of per-file entries, inside the cache folder.
FILES = f"files-v{FILE_FORMAT}"
#: Entries kept: the least recently used beyond this are removed after a run that wrote
#: some. Four times the 2,300 files of all of Flanders (about 40 MB of entries each), so
#: a few branches or trajectkit versions fit, and the folder stays a few hundred MB.
MAX_FILE_ENTRIES = 10_000
#: Deeper than this is not kept: reading it back would recurse as deep.
_MAX_DEPTH = 200
_MAP, _SEQ = 0, 1
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class _NotKept(Exception):
    """This value cannot be written as an entry and read back the same."""


@dataclass(frozen=True)
class FileResult:
    """What reading and schema-checking one file gave."""

    documents: list[Document]
    findings: list[Finding]
    #: Per document, in order: its schema findings.
    schema: list[list[Finding]]
    #: What the file added to the run's tally: documents and values.
    counted: tuple[int, int]


@dataclass
class FileCache:
    """The per-file entries of one run, read from and written to ``cache``.

    ``parsed`` and ``reused`` count files, for tests and ``benchmarks/run.py``.
    """

    cache: ValidationCache
    settings: str
    reused: int = 0
    parsed: int = 0
    _schema: dict[int, list[Finding]] = field(default_factory=dict)
    _pending: list[tuple[str, list[Document], list[Finding], tuple[int, int]]] = field(default_factory=list)

    def key(self, name: str, raw: bytes) -> str:
        digest = hashlib.sha256(f"file\0{FILE_FORMAT}\0{self.settings}\0{name}\0".encode())
        digest.update(hashlib.sha256(raw).digest())
        return digest.hexdigest()

    def known(self, name: str, raw: bytes, limits: Limits, tally: Tally) -> tuple[list[Document], list[Finding]] | None:
        """The documents and findings of reading ``raw`` as ``name``, if kept and still
        what reading it now would give; the tally counts them as reading would."""
        key = self.key(name, raw)
        result = self._load(key)
        if result is None:
            return None
        documents, nodes = result.counted
        if tally.documents + documents >= limits.max_documents or tally.nodes + nodes > limits.max_total_nodes:
            return None  # near the run's limits: reading decides where it stops
        tally.documents += documents
        tally.nodes += nodes
        for document, schema in zip(result.documents, result.schema, strict=True):
            self._schema[id(document)] = schema
        self.reused += 1
        return result.documents, result.findings

    def read(
        self, name: str, raw: bytes, documents: list[Document], findings: list[Finding], counted: tuple[int, int]
    ) -> None:
        """``raw`` was read afresh into ``documents``; kept once their schema findings are known."""
        self.parsed += 1
        self._pending.append((self.key(name, raw), documents, findings, counted))

    def schema_findings(self, document: Document, check: Callable[[Document], list[Finding]]) -> list[Finding]:
        """The schema findings of ``document``: kept ones for a reused file, else ``check``'s."""
        kept = self._schema.get(id(document))
        if kept is not None:
            return kept
        found = check(document)
        self._schema[id(document)] = found
        return found

    def save(self) -> None:
        """Write the entries of the files read afresh; a file that cannot be kept is skipped."""
        if not self._pending:
            return
        with self.cache._opened(create=True, subfolder=FILES) as folder:
            if folder is None:
                return
            for key, documents, findings, counted in self._pending:
                try:
                    schema = [self._schema[id(document)] for document in documents]
                    data = _entry_to_data(key, documents, findings, schema, counted)
                    _write_in(folder, f"{key}.json", data)
                except (_NotKept, KeyError, ValueError, OSError):  # ValueError: a lone surrogate
                    continue
            _prune(folder, MAX_FILE_ENTRIES)
        self._pending.clear()

    def _load(self, key: str) -> FileResult | None:
        with self.cache._opened(create=False, subfolder=FILES) as folder:
            if folder is None:
                return None
            try:
                # Never through a link, and never waiting on a FIFO someone put there.
                descriptor = os.open(f"{key}.json", os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=folder)
                with os.fdopen(descriptor, "rb") as stream:
                    if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                        return None
                    document = json.load(stream)
                    with contextlib.suppress(OSError):
                        os.utime(stream.fileno())  # recently used: kept when older entries are pruned
                if document.get("key") != key:
                    return None
                return _entry_from_data(document["file"])
            except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
                return None


def file_cache_for(
    cache: ValidationCache, paths: Sequence[str], config_path: str | None, profile: str | None, exclude: Sequence[str]
) -> FileCache | None:
    """The per-file entries for a run with these settings; ``None`` when they cannot be read."""
    from trajectkit.validation.cache import settings_key

    settings = settings_key(paths, config_path, profile, exclude)
    return None if settings is None else FileCache(cache, settings)


# --------------------------------------------------------------------------- writing


def _entry_to_data(
    key: str, documents: list[Document], findings: list[Finding], schema: list[list[Finding]], counted: tuple[int, int]
) -> bytes:
    seen: set[int] = set()
    data = {
        "key": key,  # first: the cache's pruning recognises its own entries by it
        "file": {
            "documents": [[d.path, d.index, *d.mark, _value_to_data(d.data, seen, 0)] for d in documents],
            "findings": [_finding_to_data(finding) for finding in findings],
            "schema": [[_finding_to_data(finding) for finding in found] for found in schema],
            "counted": list(counted),
        },
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _value_to_data(value: Any, seen: set[int], depth: int) -> Any:
    """A map as ``[0, line, column, keys, their marks, values]``, a list as
    ``[1, line, column, item marks, items]``, marks flat (line, column, line, …);
    scalars as they are. Columns of like things read back in bulk."""
    if isinstance(value, (MarkedMap, MarkedSeq)):
        if id(value) in seen:
            raise _NotKept("shared through an alias")
        if depth > _MAX_DEPTH:
            raise _NotKept("too deep")
        seen.add(id(value))
        if isinstance(value, MarkedMap):
            keys = list(value.key_marks)
            return [
                _MAP,
                *value.mark,
                keys,
                [number for mark in value.key_marks.values() for number in mark],
                [_value_to_data(value.get(key), seen, depth + 1) for key in keys],
            ]
        if len(value.item_marks) != len(value):
            raise _NotKept("items and marks differ")
        return [
            _SEQ,
            *value.mark,
            [number for mark in value.item_marks for number in mark],
            [_value_to_data(item, seen, depth + 1) for item in value],
        ]
    if value is None or type(value) in (str, int, float, bool):
        return value
    raise _NotKept(f"a {type(value).__name__}")


def _finding_to_data(finding: Finding) -> list[Any]:
    location = finding.location
    document = location.document
    where = None if document is None else [document.kind, document.id, document.readable]
    return [location.path, location.line, location.column, where, finding.rule, finding.message]


# --------------------------------------------------------------------------- reading


def _entry_from_data(data: dict[str, Any]) -> FileResult:
    """The result ``_entry_to_data`` wrote; raises on anything else."""
    documents = [
        Document(_text(path), _whole(index), _value_from_data(value), _mark(line, column))
        for path, index, line, column, value in data["documents"]
    ]
    schema = [[_finding_from_data(*item) for item in found] for found in data["schema"]]
    if len(schema) != len(documents):
        raise ValueError("schema findings for another number of documents")
    counted_documents, counted_nodes = data["counted"]
    return FileResult(
        documents,
        [_finding_from_data(*item) for item in data["findings"]],
        schema,
        (_whole(counted_documents), _whole(counted_nodes)),
    )


def _value_from_data(data: Any) -> Any:
    if type(data) is not list:
        if data is None or type(data) in _SCALARS:
            return data
        raise TypeError("not a value the loader builds")
    kind, line, column = data[0], data[1], data[2]
    if kind == _MAP:
        _, _, _, keys, numbers, values = data
        if not _all_of(keys, str) or len(values) != len(keys):
            raise TypeError("keys that are not text, or not one value each")
        mapping = MarkedMap(_mark(line, column))
        mapping.key_marks = dict(zip(keys, _marks(numbers, len(keys)), strict=True))
        for key, value in zip(keys, values, strict=True):
            if value is not None:
                mapping[key] = _value_from_data(value)
        return mapping
    if kind == _SEQ:
        _, _, _, numbers, items = data
        sequence = MarkedSeq(_mark(line, column))
        sequence.item_marks = _marks(numbers, len(items))
        sequence.extend(_value_from_data(item) for item in items)
        return sequence
    raise ValueError("neither a map nor a list")


_SCALARS = (str, int, float, bool)


def _all_of(values: list[Any], kind: type) -> bool:
    return type(values) is list and set(map(type, values)) <= {kind}


def _marks(numbers: Any, count: int) -> list[Mark]:
    """``count`` marks from flat line and column numbers."""
    if not _all_of(numbers, int) or len(numbers) != 2 * count:
        raise TypeError("marks are not pairs of whole numbers")
    return list(zip(numbers[0::2], numbers[1::2], strict=True))


def _finding_from_data(path: Any, line: Any, column: Any, where: Any, rule: Any, message: Any) -> Finding:
    document = None
    if where is not None:
        kind, ident, readable = where
        if type(readable) is not bool:
            raise TypeError(f"{readable!r} is not true or false")
        document = DocumentRef(_text_or_none(kind), _text_or_none(ident), readable)
    return Finding(Location(_text(path), _whole(line), _whole(column), document), _text(rule), _text(message))


def _mark(line: Any, column: Any) -> Mark:
    if type(line) is not int or type(column) is not int:
        raise TypeError("a mark is not two whole numbers")
    return (line, column)


def _whole(value: Any) -> int:
    if type(value) is not int:
        raise TypeError(f"{value!r} is not a whole number")
    return value


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError(f"{value!r} is not text")
    return value


def _text_or_none(value: Any) -> str | None:
    return None if value is None else _text(value)
