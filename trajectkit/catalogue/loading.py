"""Read YAML files into plain data that remembers where every key and item stood.

Untrusted input: the text is parsed event by event with PyYAML's C parser where it
is available, and the values are built here, not by PyYAML's constructor. That keeps
line and column for every key and list item, makes duplicate keys an error, refuses
tags other than the plain YAML ones, and enforces the size, depth and alias limits
*before* anything is expanded, so an alias bomb costs as little as its text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode

from trajectkit.catalogue import scalars, yaml_corners, yaml_events
from trajectkit.catalogue.documents import Document, Mark, MarkedMap, MarkedSeq
from trajectkit.catalogue.files import (
    DEFAULT_LIMITS,
    Limits,
    Refused,
    Tally,
    decode,
    discover,
    read_bytes,
    run_refusal,
)
from trajectkit.catalogue.positions import Positions
from trajectkit.catalogue.scalars import STR
from trajectkit.catalogue.suppression import MARKER, Suppression, read_suppressions
from trajectkit.problems import UNREADABLE, DocumentRef, Finding, Location
from trajectkit.translation import _

#: The class that turns a file's text into YAML events: the fast path, libyaml's C
#: parser, where PyYAML was built with it (several times faster), else the reference.
#: Every file is read by one instance of it.
EventParser: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
#: The reference: PyYAML's pure-Python parser. It reads again a file the fast path
#: found a syntax error in, so that the error is worded and placed as it words and
#: places it (libyaml says "found character that cannot start any token" where PyYAML
#: names the character); ``tests/catalogue/test_parser_paths.py`` holds both to the
#: same documents, marks and findings.
REFERENCE_PARSER = yaml.SafeLoader
try:
    EventParser = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    EventParser = REFERENCE_PARSER


@dataclass
class LoadResult:
    """What reading a set of files produced: documents, findings and the files read."""

    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: Ids written in files whose reading stopped, and the file: what a reference to
    #: one of them may be looking for.
    unread: dict[str, str] = field(default_factory=dict)
    #: ``# trajectkit: disable…`` comments, for ``trajectkit.validation.suppression``.
    suppressions: list[Suppression] = field(default_factory=list)


#: Findings that stop reading a file.
STOPPING_RULES = frozenset({"yaml-syntax", "yaml-limits"})
#: An ``id:`` key as written in block or flow style (not ``x-id:`` or ``valid_id:``).
_WRITTEN_ID = re.compile(r"""(?:^|[\s{,])id:[ \t]*["']?([A-Za-z0-9._-]+)""", re.M)


def written_ids(raw: bytes) -> set[str]:
    """The ids a file's text defines, read as text: for a file the parser gave up on."""
    try:
        text = decode(raw)
    except Refused:
        return set()
    return set(_WRITTEN_ID.findall(text))


class Reuse(Protocol):
    """Files read in an earlier run, given back instead of parsed again
    (``trajectkit.validation.file_cache``)."""

    def known(
        self, name: str, raw: bytes, limits: Limits, tally: Tally
    ) -> tuple[list[Document], list[Finding]] | None: ...

    def read(
        self, name: str, raw: bytes, documents: list[Document], findings: list[Finding], counted: tuple[int, int]
    ) -> None: ...


def load_paths(
    paths: Iterable[str | os.PathLike[str]],
    limits: Limits = DEFAULT_LIMITS,
    exclude: Sequence[str] = (),
    reuse: Reuse | None = None,
) -> LoadResult:
    """Read every YAML file below ``paths`` but the ``exclude``d ones; syntax and limit
    problems become findings. ``reuse`` gives back files an earlier run read, and
    is told of every file read completely now."""
    result = LoadResult()
    tally = Tally()
    for file in discover(paths, exclude):
        name = file.as_posix()
        result.files.append(name)
        try:
            if tally.documents >= limits.max_documents or tally.nodes >= limits.max_total_nodes:
                raise run_refusal(limits, tally, (1, 1))
            raw = read_bytes(file, limits)
        except Refused as refused:
            result.findings.append(refused.finding(name))
            continue
        known = reuse.known(name, raw, limits, tally) if reuse is not None else None
        if known is not None:
            documents, findings = known
        else:
            before = (tally.documents, tally.nodes)
            documents, findings = parse_bytes(raw, name, limits, tally)
            if reuse is not None and not any(finding.rule in STOPPING_RULES for finding in findings):
                reuse.read(name, raw, documents, findings, (tally.documents - before[0], tally.nodes - before[1]))
        if MARKER in raw and documents:
            result.suppressions.extend(read_suppressions(decode(raw), name))
        result.documents.extend(documents)
        result.findings.extend(findings)
        if any(finding.rule in STOPPING_RULES for finding in findings):
            for ident in sorted(written_ids(raw)):
                result.unread.setdefault(ident, name)
    return result


def parse_bytes(
    raw: bytes, path: str, limits: Limits = DEFAULT_LIMITS, tally: Tally | None = None
) -> tuple[list[Document], list[Finding]]:
    """Decode and parse one file's bytes into documents, or a finding that says why not;
    ``tally`` counts what a run has read so far (a file of its own when not given)."""
    tally = tally or Tally()
    before = (tally.documents, tally.nodes)
    if EventParser is not REFERENCE_PARSER:
        documents, findings = _parse(raw, path, limits, tally, EventParser)
        if not any(finding.rule == "yaml-syntax" for finding in findings):
            return documents, findings
        tally.documents, tally.nodes = before
    return _parse_as_reference(raw, path, limits, tally)


def _parse_as_reference(raw: bytes, path: str, limits: Limits, tally: Tally) -> tuple[list[Document], list[Finding]]:
    """The reference parser's reading, where it parts from YAML and libyaml over a
    tab between tokens or a ``?`` inside a value in brackets read as they do
    (:mod:`trajectkit.catalogue.yaml_corners`)."""
    before = (tally.documents, tally.nodes)
    stood_in, stand_in_free = False, not yaml_corners.holds_stand_in(raw)
    for _attempt in range(yaml_corners.MAX_CORNERS):
        documents, findings = _parse(raw, path, limits, tally, REFERENCE_PARSER)
        corner = yaml_corners.past_corner(raw, findings, stand_in_free)
        if corner is None:
            break
        raw, used_stand_in = corner
        stood_in = stood_in or used_stand_in
        tally.documents, tally.nodes = before
    else:
        documents, findings = _parse(raw, path, limits, tally, REFERENCE_PARSER)
    if stood_in:
        return yaml_corners.restored(documents), yaml_corners.restored_findings(findings)
    return documents, findings


def _parse(
    raw: bytes, path: str, limits: Limits, tally: Tally, parser: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
) -> tuple[list[Document], list[Finding]]:
    findings: list[Finding] = []
    documents: list[Document] = []
    before = (tally.documents, tally.nodes)
    try:
        text = decode(raw)
        # Documents complete before an error are kept, so one broken document
        # does not hide the others of its file (or cascade into unresolved ids).
        documents.extend(_build_documents(text, path, limits, findings, tally, parser))
    except Refused as refused:
        # Findings of the document being read when reading stopped belong to it: unreadable.
        kept = [] if refused.whole_file else documents
        if refused.whole_file:  # what is not kept does not count for the run
            tally.documents, tally.nodes = before
        return kept, [*(_in(finding, UNREADABLE, keep=True) for finding in findings), refused.finding(path)]
    if not documents:
        return [], [
            Finding(
                Location(path),
                "schema",
                "the file holds no YAML document; add one with `kind:` and `id:` or remove the file",
            )
        ]
    return documents, findings


def _in(finding: Finding, document: DocumentRef, keep: bool = False) -> Finding:
    """``finding`` placed in ``document`` (``keep``: unless it already has one)."""
    if keep and finding.location.document is not None:
        return finding
    location = finding.location
    return Finding(Location(location.path, location.line, location.column, document), finding.rule, finding.message)


# --------------------------------------------------------------------------- parsing


_RESOLVER = yaml.resolver.Resolver()
_CONTAINER_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


_PLAIN_TAGS: dict[str, str] = {}


def _plain_tag(value: str) -> str:
    """The tag YAML's resolver gives a plain scalar, remembered: catalogues repeat values."""
    tag = _PLAIN_TAGS.get(value)
    if tag is None:
        tag = _RESOLVER.resolve(ScalarNode, value, (True, False))
        # Short values only: the table lives as long as the process, and a file's
        # megabyte-long values must not stay in memory after it has been read.
        if len(value) <= 64 and len(_PLAIN_TAGS) < 100_000:
            _PLAIN_TAGS[value] = tag
    return tag


def _scalar(event: ScalarEvent, mark: Mark) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        implicit = event.implicit
        if implicit[0]:
            tag = _plain_tag(event.value)
        else:
            tag = _RESOLVER.resolve(ScalarNode, event.value, implicit)
    if tag == STR:
        return event.value
    if tag not in scalars.CONVERT:
        raise Refused(
            "yaml-syntax",
            _("unsupported tag %(tag_name)s; trajectkit reads plain YAML data only, remove the tag")
            % {"tag_name": _tag_name(event.tag or tag)},
            mark,
        )
    try:
        return scalars.convert(tag, event.value, tagged=event.tag not in (None, "!"))
    except scalars.ScalarError as error:
        raise Refused("yaml-syntax", str(error), mark) from error


class _Frame:
    """A mapping or sequence under construction."""

    __slots__ = ("anchor", "container", "expect_value", "is_map", "key", "key_mark", "size")

    def __init__(self, container: MarkedMap | MarkedSeq, anchor: str | None) -> None:
        self.container = container
        self.is_map = isinstance(container, MarkedMap)
        self.anchor = anchor
        self.size = 1
        self.key: str | None = None
        self.key_mark: Mark = (1, 1)
        self.expect_value = False


#: Half of a UTF-16 pair, which only a ``"\ud800"`` escape can put in a value.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_text(event: ScalarEvent, mark: Mark) -> None:
    """Refuse what one parser reads and the other does not: a ``"\\ud800"`` escape
    (libyaml refuses it, the pure-Python parser lets it through) and a tab inside a
    plain value (the other way round). The fast path's refusal sends the file to the
    reference, which words it."""
    style = event.style
    if style == '"' and _SURROGATE.search(event.value):
        raise _half_character(mark)
    if not style and "\t" in event.value:
        raise Refused("yaml-syntax", _("a tab inside a plain value; write spaces, or quote the value"), mark)


def _half_character(mark: Mark) -> Refused:
    """The refusal of a ``\\uD800``-``\\uDFFF`` escape: no character, and no file, JSON or
    PDF can hold it (libyaml refuses it; PyYAML's pure-Python parser lets it through)."""
    return Refused(
        "yaml-syntax",
        _("a \\u escape here stands for half a character (a lone surrogate); write the character itself"),
        mark,
    )


def _tag_name(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _build_documents(
    text: str,
    path: str,
    limits: Limits,
    findings: list[Finding],
    tally: Tally,
    parser: type[yaml.CSafeLoader] | type[yaml.SafeLoader],
) -> Iterator[Document]:
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    aliases = 0
    # Values of the whole file: a `---` does not start the count again, so eight
    # documents of 900,000 values cannot cost eight times what one may.
    nodes = 0
    # The most this file may hold: its own limit, or what the run has left.
    cap = min(limits.max_nodes, limits.max_total_nodes - tally.nodes)
    counted = 0  # of ``nodes``, those already in ``tally`` (complete documents)
    root: Any = None
    root_mark: Mark = (1, 1)
    index = 0
    first_finding = 0
    positions = Positions(text)
    odd = positions.odd  # else an editor counts lines as PyYAML does: its marks are used as they are
    _mark = positions.of_event

    def attach(value: Any, size: int, mark: Mark, anchor: str | None) -> None:
        nonlocal root, root_mark, nodes
        nodes += size
        if nodes > cap:
            if cap < limits.max_nodes:
                raise run_refusal(limits, tally, mark)
            raise Refused(
                "yaml-limits",
                _(
                    "file expands to more than %(max_nodes)s values (all its documents together); refused "
                    "before expansion (aliases?); split the file or raise limits.max_nodes if this is real"
                )
                % {"max_nodes": f"{limits.max_nodes:,}"},
                mark,
                # Not even its first documents: a run of many such files would hold them all.
                whole_file=True,
            )
        if anchor is not None:
            anchors[anchor] = (value, size)
        if not stack:
            root, root_mark = value, mark
            return
        frame = stack[-1]
        frame.size += size
        container = frame.container
        if isinstance(container, MarkedSeq):
            container.append(value)
            container.item_marks.append(mark)
        else:
            key = frame.key
            frame.key = None
            frame.expect_value = False
            if key is None:  # the second of two duplicate keys
                return
            if value is not None:  # null means the same as leaving the key out
                container[key] = value
            container.key_marks[key] = frame.key_mark

    def take_key(event: Any) -> bool:
        """Store a scalar as the pending key of the mapping on top; True if it was one."""
        if not stack:
            return False
        frame = stack[-1]
        if not isinstance(frame.container, MarkedMap) or frame.expect_value:
            return False
        if not isinstance(event, ScalarEvent):
            raise Refused("yaml-syntax", _("a key must be plain text, not a list, mapping or alias"), _mark(event))
        key: str | None = event.value
        mark = _mark(event)
        _check_text(event, mark)
        first = frame.container.key_marks.get(event.value)
        if first is not None:
            findings.append(
                Finding(
                    Location(path, *mark),
                    "duplicate-key",
                    _("duplicate key '%(key)s' (first at line %(first)s); keep one of the two")
                    % {"key": key, "first": first[0]},
                )
            )
            key = None  # the value that follows is read and dropped; the first one stands
        frame.key, frame.key_mark, frame.expect_value = key, mark, True
        return True

    for event in yaml_events.events(text, limits, positions, parser):
        kind = type(event)
        if kind is ScalarEvent:
            # The hot path, about half of all events: a key, or a value in the container on top.
            start = event.start_mark
            mark = positions.at(start.index) if odd else (start.line + 1, start.column + 1)
            top = stack[-1] if stack else None
            if top is not None and top.is_map and not top.expect_value:
                take_key(event)
                continue
            value = event.value if event.style and not event.tag else _scalar(event, mark)
            _check_text(event, mark)
            if top is None or event.anchor is not None or nodes + 1 > cap:
                attach(value, 1, mark, event.anchor)
                continue
            nodes += 1
            top.size += 1
            container: Any = top.container  # the frame knows which: no isinstance on the hot path
            if top.is_map:
                key = top.key
                top.key = None
                top.expect_value = False
                if key is not None:
                    if value is not None:
                        container[key] = value
                    container.key_marks[key] = top.key_mark
            else:
                container.append(value)
                container.item_marks.append(mark)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if stack and take_key(event):
                continue  # not reached: take_key raises for non-scalars
            if event.tag not in _CONTAINER_TAGS:
                raise Refused(
                    "yaml-syntax",
                    _("unsupported tag %(tag_name)s; remove the tag") % {"tag_name": _tag_name(event.tag)},
                    _mark(event),
                )
            if len(stack) >= limits.max_depth:
                raise yaml_events.too_deep(limits, _mark(event))
            container = MarkedMap(_mark(event)) if kind is MappingStartEvent else MarkedSeq(_mark(event))
            stack.append(_Frame(container, event.anchor))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            nodes -= frame.size - 1  # attach() counts the whole subtree once
            attach(frame.container, frame.size, frame.container.mark, frame.anchor)
        elif kind is AliasEvent:
            if take_key(event):
                continue  # not reached
            target = anchors.get(event.anchor)
            if target is None:
                raise Refused("yaml-syntax", _("unknown alias *%(anchor)s") % {"anchor": event.anchor}, _mark(event))
            aliases += 1
            if aliases > limits.max_aliases:
                raise Refused(
                    "yaml-limits",
                    _("more than %(max_aliases)s aliases in one file; refused before expansion")
                    % {"max_aliases": f"{limits.max_aliases:,}"},
                    _mark(event),
                )
            attach(target[0], target[1], _mark(event), None)
        elif kind is DocumentStartEvent:
            anchors.clear()
            root, root_mark = None, _mark(event)
            first_finding = len(findings)
            if tally.documents >= limits.max_documents:
                raise run_refusal(limits, tally, root_mark)
        elif kind is DocumentEndEvent:
            if root is not None:  # an empty document between `---` lines is skipped
                document = Document(path, index, root, root_mark)
                ref = document.ref
                findings[first_finding:] = [_in(finding, ref) for finding in findings[first_finding:]]
                tally.documents += 1
                tally.nodes += nodes - counted
                counted = nodes
                yield document
            index += 1
