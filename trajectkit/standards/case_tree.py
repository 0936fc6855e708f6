"""Mapping one CASE package onto a ProfessionalQualification: the tree and its problems.

:mod:`.case_import` chooses the package and reports; this reads its items and
associations, places each item in the tree (competence, knowledge, skill, partial
qualification) and collects every problem on the way, with what to do.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.model import Competence, PartialQualification
from trajectkit.errors import UsageError
from trajectkit.sheets.competences import ID_PATTERN
from trajectkit.standards.case import EXTENSION, IS_CHILD_OF, IS_PART_OF
from trajectkit.translation import N_, _

PROFESSIONAL = "ProfessionalQualification"
PARTIAL_TYPES = frozenset({"partial qualification", "deelkwalificatie"})
KNOWLEDGE_TYPES = frozenset({"knowledge", "kennis"})
SKILL_TYPES = frozenset({"skill", "skills", "vaardigheid", "vaardigheden"})
#: More items or associations than any professional qualification has; beyond it the
#: file is refused before it is mapped.
MAX_ITEMS = 100_000

MESSAGES = {
    "other_kind": N_(
        "%(file)s: this package is a %(kind)s (%(ident)s); import-competences reads a professional qualification"
    ),
    "too_many": N_(
        "%(where)s: %(count)s entries, over the limit of %(limit)s; a professional qualification has far fewer"
    ),
    "type": N_("%(where)s: must be %(expected)s"),
    "missing": N_("%(where)s: missing; %(fix)s"),
    "no_id": N_("CFDocument: the package does not say the qualification's id; give --qualification ID"),
    "bad_id": N_("%(where)s: '%(value)s' is not an id (letters, digits, '-', '_' and '.', no spaces); %(fix)s"),
    "no_level": N_("CFDocument: the package does not say the qualification's level; give --level 1-8"),
    "no_title": N_("%(where)s: empty; give every competence and partial qualification its statement (the title)"),
    "duplicate_item": N_(
        "%(where)s: identifier %(identifier)s is also the identifier of %(first)s; every item needs its own"
    ),
    "duplicate_code": N_(
        "%(where)s: %(what)s id '%(code)s' is also the id of %(first)s; give each its own humanCodingScheme"
    ),
    "association_type": N_(
        "CFAssociations: %(count)s association(s) of type %(kind)s (%(first)s) have no place in a professional "
        "qualification; remove them, or keep the framework in a CASE tool"
    ),
    "unknown_node": N_("%(where)s: points at %(identifier)s, which is not an item of this package"),
    "two_parents": N_(
        "%(where)s: item %(item)s already has a parent (%(first)s); trajectkit's competences sit at one place in the tree"
    ),
    "too_deep": N_(
        "%(where)s: item %(item)s (%(statement)s) below competence %(parent)s is not a knowledge or skill item without "
        "children; trajectkit's competences have only knowledge and skills below them: flatten the framework"
    ),
    "outside": N_(
        "%(where)s: item %(item)s (%(statement)s) is not in the framework's tree (no isChildOf leads to the document)"
    ),
    "part_of": N_("%(where)s: %(origin)s isPartOf %(destination)s, which is not a partial qualification"),
    "part_member": N_("%(where)s: %(origin)s isPartOf a partial qualification, but is not a competence of the package"),
    "no_competences": N_(
        "CFItems: the framework has no competences (no item is a child of the CFDocument); "
        "a professional qualification needs at least one"
    ),
    "rubrics": N_("CFRubrics: %(count)s rubric(s); trajectkit keeps no rubrics: remove them from the package"),
    "top_type": N_(
        "%(where)s: item %(item)s (%(statement)s) of type %(item_type)s is a child of the document; knowledge and skills "
        "belong below a competence"
    ),
}

ITEM_ID_FIX = "every competence needs its id in humanCodingScheme"


@dataclass(frozen=True)
class Overrides:
    """What the command line says about the qualification, over what the package says."""

    qualification: str | None = None
    title: str | None = None
    level: int | None = None


@dataclass(frozen=True)
class ImportedQualification:
    """A professional qualification read from a CASE package."""

    id: str
    title: str
    level: int
    competences: tuple[Competence, ...]
    partial_qualifications: tuple[PartialQualification, ...]
    document: str  # the CFDocument identifier


def extension_of(package: Mapping[str, Any]) -> Mapping[str, Any]:
    document = package.get("CFDocument")
    extensions = document.get("extensions") if isinstance(document, Mapping) else None
    found = extensions.get(EXTENSION) if isinstance(extensions, Mapping) else None
    return found if isinstance(found, Mapping) else {}


@dataclass(frozen=True)
class _Item:
    identifier: str
    where: str
    statement: str
    code: str | None
    type: str


@dataclass(frozen=True)
class _Edge:
    origin: str
    destination: str
    order: tuple[int, int, int]  # (no sequence number, sequence number, position)
    where: str


class Reader:
    """Collects every problem of one package while mapping it."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[str] = []

    def problem(self, key: str, **values: Any) -> None:
        self.problems.append(_(MESSAGES[key]) % values)

    # ----------------------------------------------------------------- structure

    def read(self, package: Mapping[str, Any], overrides: Overrides) -> ImportedQualification | None:
        document = package.get("CFDocument")
        if not isinstance(document, Mapping):
            self.problem("type", where="CFDocument", expected="an object")
            return None
        ident, title, level = self._qualification(document, overrides)
        doc_id = self._text(document, "identifier", "CFDocument", "give the document its identifier (a UUID)")
        items = self._items(package.get("CFItems", []))
        children, parts = self._associations(package.get("CFAssociations", []), items, doc_id)
        rubrics = package.get("CFRubrics")
        if isinstance(rubrics, list) and rubrics:
            self.problem("rubrics", count=len(rubrics))
        if doc_id is None or ident is None or title is None or level is None:
            return None
        competences, partials = self._tree(doc_id.lower(), items, children, parts, ident)
        if not competences and not self.problems:
            self.problem("no_competences")
        return ImportedQualification(ident, title, level, competences, partials, doc_id)

    def _qualification(
        self, document: Mapping[str, Any], overrides: Overrides
    ) -> tuple[str | None, str | None, int | None]:
        extension = extension_of({"CFDocument": document})
        kind = extension.get("kind", PROFESSIONAL)
        if kind != PROFESSIONAL:
            raise UsageError(
                _(MESSAGES["other_kind"]) % {"file": self.file, "kind": kind, "ident": extension.get("id", "?")}
            )
        ident = overrides.qualification or extension.get("id")
        if ident is None:
            self.problems.append(_(MESSAGES["no_id"]))
        elif not isinstance(ident, str) or not ID_PATTERN.match(ident):
            self.problem(
                "bad_id", where="CFDocument.extensions.trajectkit.id", value=ident, fix="give --qualification ID"
            )
            ident = None
        level = overrides.level if overrides.level is not None else extension.get("level")
        if level is None:
            self.problems.append(_(MESSAGES["no_level"]))
        elif isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 8:
            self.problem(
                "type", where="CFDocument.extensions.trajectkit.level", expected="a level from 1 to 8; or give --level"
            )
            level = None
        title = (
            overrides.title.strip()
            if overrides.title
            else self._text(document, "title", "CFDocument", "give the document a title, or --title")
        )
        if title is not None and not title.strip():
            self.problem("no_title", where="CFDocument.title")
            title = None
        return ident, (title.strip() if title else None), level

    def _text(self, node: Mapping[str, Any], key: str, where: str, fix: str) -> str | None:
        value = node.get(key)
        if value is None:
            self.problem("missing", where=f"{where}.{key}", fix=fix)
            return None
        if not isinstance(value, str):
            self.problem("type", where=f"{where}.{key}", expected="text")
            return None
        return value

    def _list(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            self.problem("type", where=where, expected="a list")
            return []
        if len(value) > MAX_ITEMS:
            self.problem("too_many", where=where, count=f"{len(value):,}", limit=f"{MAX_ITEMS:,}")
            return []
        return value

    def _items(self, value: Any) -> dict[str, _Item]:
        items: dict[str, _Item] = {}
        for index, entry in enumerate(self._list(value, "CFItems")):
            where = f"CFItems[{index}]"
            if not isinstance(entry, Mapping):
                self.problem("type", where=where, expected="an object")
                continue
            identifier = self._text(entry, "identifier", where, "give every item its identifier (a UUID)")
            statement = self._text(entry, "fullStatement", where, "give every item its statement (the title)")
            code = entry.get("humanCodingScheme")
            item_type = entry.get("CFItemType", "")
            if code is not None and not isinstance(code, str):
                self.problem("type", where=f"{where}.humanCodingScheme", expected="text")
                code = None
            if not isinstance(item_type, str):
                self.problem("type", where=f"{where}.CFItemType", expected="text")
                item_type = ""
            if identifier is None or statement is None:
                continue
            key = identifier.lower()  # CASE UUIDs compare without case, as OpenSALT does
            if key in items:
                self.problem("duplicate_item", where=where, identifier=identifier, first=items[key].where)
                continue
            items[key] = _Item(identifier, where, statement, code.strip() if code else None, item_type.strip().lower())
        return items

    def _associations(
        self, value: Any, items: Mapping[str, _Item], document: str | None
    ) -> tuple[dict[str, list[_Edge]], dict[str, list[_Edge]]]:
        children: dict[str, list[_Edge]] = defaultdict(list)
        parts: dict[str, list[_Edge]] = defaultdict(list)
        others: Counter[str] = Counter()
        first_other: dict[str, str] = {}
        nodes = {*items, document.lower()} if document else set(items)
        for index, entry in enumerate(self._list(value, "CFAssociations")):
            where = f"CFAssociations[{index}]"
            if not isinstance(entry, Mapping):
                self.problem("type", where=where, expected="an object")
                continue
            kind = self._text(entry, "associationType", where, "give every association its type")
            origin = self._node(entry, "originNodeURI", where)
            destination = self._node(entry, "destinationNodeURI", where)
            sequence = entry.get("sequenceNumber")
            if sequence is not None and (isinstance(sequence, bool) or not isinstance(sequence, int)):
                self.problem("type", where=f"{where}.sequenceNumber", expected="a whole number")
                sequence = None
            if kind is None or origin is None or destination is None:
                continue
            if kind not in (IS_CHILD_OF, IS_PART_OF):
                others[kind] += 1
                first_other.setdefault(kind, where)
                continue
            for side, identifier in (("originNodeURI", origin), ("destinationNodeURI", destination)):
                if identifier not in nodes:
                    self.problem("unknown_node", where=f"{where}.{side}", identifier=identifier)
            if origin not in nodes or destination not in nodes:
                continue
            edge = _Edge(origin, destination, (sequence is None, sequence or 0, index), where)
            (children if kind == IS_CHILD_OF else parts)[destination].append(edge)
        for kind, count in sorted(others.items()):
            self.problem("association_type", count=count, kind=kind, first=first_other[kind])
        return children, parts

    def _node(self, entry: Mapping[str, Any], key: str, where: str) -> str | None:
        link = entry.get(key)
        if not isinstance(link, Mapping):
            self.problem(
                "missing" if link is None else "type",
                where=f"{where}.{key}",
                fix="point it at an item",
                expected="an object",
            )
            return None
        identifier = self._text(link, "identifier", f"{where}.{key}", "name the item it points at")
        return identifier.lower() if identifier else None

    # ----------------------------------------------------------------- tree

    def _tree(
        self,
        document: str,
        items: Mapping[str, _Item],
        children: Mapping[str, list[_Edge]],
        parts: Mapping[str, list[_Edge]],
        qualification: str,
    ) -> tuple[tuple[Competence, ...], tuple[PartialQualification, ...]]:
        parent_of: dict[str, _Edge] = {}
        for edges in children.values():
            for edge in edges:
                if edge.origin in parent_of:
                    first = parent_of[edge.origin].where
                    self.problem("two_parents", where=edge.where, item=items[edge.origin].identifier, first=first)
                else:
                    parent_of[edge.origin] = edge
        placed: set[str] = set()
        competences: list[Competence] = []
        partials: list[tuple[_Item, str]] = []
        codes: dict[tuple[str, str], str] = {}
        for edge in sorted(children.get(document, []), key=lambda edge: edge.order):
            if parent_of.get(edge.origin) is not edge:
                continue
            item = items[edge.origin]
            placed.add(edge.origin)
            if item.type in PARTIAL_TYPES:
                if self._code(item, "partial qualification", codes):
                    partials.append((item, edge.origin))
                continue
            if item.type in KNOWLEDGE_TYPES | SKILL_TYPES:
                self.problem(
                    "top_type",
                    where=item.where,
                    item=item.identifier,
                    statement=_short(item.statement),
                    item_type=item.type,
                )
                continue
            knowledge, skills = self._details(edge.origin, item, items, children, parent_of, placed)
            if self._code(item, "competence", codes) and item.code is not None:
                competences.append(Competence(item.code, item.statement.strip(), qualification, knowledge, skills))
        for key in items.keys() - placed:
            item = items[key]
            self.problem("outside", where=item.where, item=item.identifier, statement=_short(item.statement))
        return tuple(competences), self._partials(partials, items, parts, children, qualification)

    def _details(
        self,
        key: str,
        competence: _Item,
        items: Mapping[str, _Item],
        children: Mapping[str, list[_Edge]],
        parent_of: Mapping[str, _Edge],
        placed: set[str],
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        knowledge: list[str] = []
        skills: list[str] = []
        for edge in sorted(children.get(key, []), key=lambda edge: edge.order):
            if parent_of.get(edge.origin) is not edge:
                continue
            child = items[edge.origin]
            placed.add(edge.origin)
            if child.type in KNOWLEDGE_TYPES and not children.get(edge.origin):
                knowledge.append(child.statement.strip())
            elif child.type in SKILL_TYPES and not children.get(edge.origin):
                skills.append(child.statement.strip())
            else:  # a sub-competence, or something below a knowledge or skill item
                self.problem(
                    "too_deep",
                    where=child.where,
                    item=child.identifier,
                    statement=_short(child.statement),
                    parent=competence.identifier,
                )
                placed.update(self._subtree(edge.origin, children))
        return tuple(knowledge), tuple(skills)

    def _subtree(self, key: str, children: Mapping[str, list[_Edge]]) -> set[str]:
        """Every item below ``key``: reported once, through the item that is too deep."""
        found: set[str] = set()
        stack = [key]
        while stack:
            for edge in children.get(stack.pop(), []):
                if edge.origin not in found:
                    found.add(edge.origin)
                    stack.append(edge.origin)
        return found

    def _code(self, item: _Item, what: str, codes: dict[tuple[str, str], str]) -> bool:
        if not item.statement.strip():
            self.problem("no_title", where=f"{item.where}.fullStatement")
            return False
        if item.code is None:
            self.problem(
                "missing",
                where=f"{item.where}.humanCodingScheme",
                fix=ITEM_ID_FIX if what == "competence" else f"every {what} needs its id there",
            )
            return False
        if not ID_PATTERN.match(item.code):
            self.problem(
                "bad_id", where=f"{item.where}.humanCodingScheme", value=item.code, fix="use the trajectkit id"
            )
            return False
        first = codes.get((what, item.code))
        if first is not None:
            self.problem("duplicate_code", where=item.where, what=what, code=item.code, first=first)
            return False
        codes[(what, item.code)] = item.where
        return True

    def _partials(
        self,
        partials: list[tuple[_Item, str]],
        items: Mapping[str, _Item],
        parts: Mapping[str, list[_Edge]],
        children: Mapping[str, list[_Edge]],
        qualification: str,
    ) -> tuple[PartialQualification, ...]:
        partial_keys = {key for _, key in partials}
        for destination, edges in parts.items():
            if destination not in partial_keys:
                for edge in edges:
                    self.problem(
                        "part_of",
                        where=edge.where,
                        origin=_name(items, edge.origin),
                        destination=_name(items, destination),
                    )
        result = []
        for item, key in partials:
            members = []
            for edge in sorted(parts.get(key, []), key=lambda edge: edge.order):
                member = items.get(edge.origin)
                is_competence = member is not None and member.type not in PARTIAL_TYPES | KNOWLEDGE_TYPES | SKILL_TYPES
                if not is_competence or member is None or member.code is None:
                    self.problem("part_member", where=edge.where, origin=_name(items, edge.origin))
                    continue
                members.append(member.code)
            if item.code is not None:
                result.append(PartialQualification(item.code, item.statement.strip(), qualification, tuple(members)))
        return tuple(result)


def _name(items: Mapping[str, _Item], key: str) -> str:
    item = items.get(key)
    if item is None:
        return key
    return item.code or item.identifier


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
