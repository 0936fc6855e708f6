"""Qualifications and trajectories as 1EdTech CASE 1.1 packages (CFPackage).

CASE (Competencies and Academic Standards Exchange) carries competence frameworks
between systems such as OpenSALT and CASS. Each professional qualification
(beroepskwalificatie), educational qualification (onderwijskwalificatie) and standard
trajectory (standaardtraject) becomes one package: a CFDocument, its CFItems, and
the CFAssociations between them.

- A professional qualification's competences are items of type ``Competence``,
  children (``isChildOf``) of the document in their order; their knowledge and skills
  are items below them. Its partial qualifications (deelkwalificaties) are items too,
  and each of their competences ``isPartOf`` them.
- An educational qualification has one item per professional qualification it
  includes: ``exactMatchOf`` the qualification's document when complete, and the
  listed competences ``isPartOf`` it when partial; and one item per
  general-education goal.
- A trajectory's clusters are items; the competences of a cluster ``isPartOf`` it,
  and each prerequisite (``requires``) ``precedes`` the competence that needs it.

Every item lives in exactly one package, and the others point at it: OpenSALT
refuses an item that a second document claims. ``humanCodingScheme`` is the
trajectkit id; the document's ``extensions.trajectkit`` holds its kind, id and level,
so that ``import-competences --from case`` can read it back exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.model import (
    EducationalQualification,
    ProfessionalQualification,
    StandardTrajectory,
)
from trajectkit.standards.identifiers import Identifiers

CASE_VERSION = "1.1"
CREATOR = "trajectkit"
EXTENSION = "trajectkit"

# Item types (CFItemType): the label a CASE editor shows.
COMPETENCE = "Competence"
PARTIAL_QUALIFICATION = "Partial qualification"
KNOWLEDGE = "Knowledge"
SKILL = "Skill"
INCLUDED_QUALIFICATION = "Professional qualification"
GENERAL_EDUCATION = "General-education goal"
CLUSTER = "Cluster"

# Framework types (CFDocument.frameworkType, new in CASE 1.1).
FRAMEWORK_TYPES = {
    "ProfessionalQualification": "Professional qualification",
    "EducationalQualification": "Educational qualification",
    "StandardTrajectory": "Standard trajectory",
}

IS_CHILD_OF = "isChildOf"
IS_PART_OF = "isPartOf"
PRECEDES = "precedes"
EXACT_MATCH_OF = "exactMatchOf"
IS_RELATED_TO = "isRelatedTo"

#: Kinds in the order their packages are written.
KINDS = ("ProfessionalQualification", "EducationalQualification", "StandardTrajectory")


@dataclass(frozen=True)
class Node:
    """A document or item an association points at (a LinkGenURI)."""

    identifier: str
    uri: str
    title: str

    def link(self) -> dict[str, str]:
        # No targetType (new in 1.1, optional): OpenSALT's importer refuses it.
        return {"title": self.title, "identifier": self.identifier, "uri": self.uri}


@dataclass(frozen=True)
class CaseOptions:
    """What every package of a run shares: the identifiers, the date, the language."""

    ids: Identifiers
    changed: str  # lastChangeDateTime, ISO 8601 with time zone
    language: str | None = None


class _Package:
    """One CFPackage under construction: its document, items and associations."""

    def __init__(self, options: CaseOptions, kind: str, ident: str, title: str, extension: dict[str, Any]) -> None:
        self.options = options
        self.node = document_node(options.ids, kind, ident, title)
        self.document: dict[str, Any] = {
            "identifier": self.node.identifier,
            "uri": self.node.uri,
            "frameworkType": FRAMEWORK_TYPES[kind],
            "caseVersion": CASE_VERSION,
            "creator": CREATOR,
            "title": title,
            "lastChangeDateTime": options.changed,
            **({"language": options.language} if options.language else {}),
            "extensions": {EXTENSION: {"kind": kind, "id": ident, **extension}},
        }
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []

    def item(
        self, node: Node, statement: str, item_type: str, code: str | None = None, notes: str | None = None
    ) -> Node:
        item: dict[str, Any] = {"identifier": node.identifier, "uri": node.uri, "fullStatement": statement}
        if code is not None:
            item["humanCodingScheme"] = code
        item["CFItemType"] = item_type
        if notes:
            item["notes"] = notes
        if self.options.language:
            item["language"] = self.options.language
        item["lastChangeDateTime"] = self.options.changed
        self.items.append(item)
        return node

    def associate(self, origin: Node, kind: str, destination: Node, sequence: int | None = None) -> None:
        ids = self.options.ids
        identifier = ids.uuid("Association", origin.identifier, kind, destination.identifier)
        association: dict[str, Any] = {
            "identifier": identifier,
            "associationType": kind,
            "uri": ids.uri("CFAssociations", identifier),
            "originNodeURI": origin.link(),
            "destinationNodeURI": destination.link(),
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        association["lastChangeDateTime"] = self.options.changed
        self.associations.append(association)

    def data(self) -> dict[str, Any]:
        return {"CFDocument": self.document, "CFItems": self.items, "CFAssociations": self.associations}


def document_node(ids: Identifiers, kind: str, ident: str, title: str) -> Node:
    identifier = ids.uuid(kind, ident)
    return Node(identifier, ids.uri("CFDocuments", identifier), title)


def item_node(ids: Identifiers, title: str, *path: str) -> Node:
    identifier = ids.uuid(*path)
    return Node(identifier, ids.uri("CFItems", identifier), title)


def competence_node(ids: Identifiers, ident: str, title: str) -> Node:
    return item_node(ids, title, "Competence", ident)


def goal_node(ids: Identifiers, qualification: str, ident: str, title: str) -> Node:
    """A general-education goal belongs to its educational qualification: the same
    goal (eindterm) in two qualifications is two items, one in each package."""
    return item_node(ids, title, "EducationalQualification", qualification, "GeneralEducationGoal", ident)


# --------------------------------------------------------------------------- packages


def professional_package(qualification: ProfessionalQualification, options: CaseOptions) -> dict[str, Any]:
    """Beroepskwalificatie: competences (with knowledge and skills) and partial qualifications."""
    ids = options.ids
    package = _Package(
        options, "ProfessionalQualification", qualification.id, qualification.title, {"level": qualification.level}
    )
    position = 0
    for competence in qualification.competences:
        position += 1
        node = package.item(
            competence_node(ids, competence.id, competence.title), competence.title, COMPETENCE, competence.id
        )
        package.associate(node, IS_CHILD_OF, package.node, position)
        for item_type, texts in ((KNOWLEDGE, competence.knowledge), (SKILL, competence.skills)):
            for number, text in enumerate(texts, start=1):
                child = package.item(
                    item_node(ids, text, "Competence", competence.id, item_type, str(number)), text, item_type
                )
                package.associate(child, IS_CHILD_OF, node, number)
    titles = {competence.id: competence.title for competence in qualification.competences}
    for part in qualification.partial_qualifications:
        position += 1
        node = package.item(
            item_node(ids, part.title, "PartialQualification", part.id), part.title, PARTIAL_QUALIFICATION, part.id
        )
        package.associate(node, IS_CHILD_OF, package.node, position)
        for number, ident in enumerate(part.competences, start=1):
            package.associate(competence_node(ids, ident, titles.get(ident, ident)), IS_PART_OF, node, number)
    return package.data()


def educational_package(
    qualification: EducationalQualification, catalogue: Catalogue, options: CaseOptions
) -> dict[str, Any]:
    """Onderwijskwalificatie: the professional qualifications it includes and its goals."""
    ids = options.ids
    package = _Package(
        options, "EducationalQualification", qualification.id, qualification.title, {"level": qualification.level}
    )
    position = 0
    for scope in qualification.professional_qualifications:
        position += 1
        profession = catalogue.professional_qualifications.get(scope.ref)
        title = profession.title if profession else scope.ref
        node = package.item(
            item_node(ids, title, "EducationalQualification", qualification.id, "ProfessionalQualification", scope.ref),
            title,
            INCLUDED_QUALIFICATION,
            scope.ref,
            notes=scope.scope,
        )
        package.associate(node, IS_CHILD_OF, package.node, position)
        if scope.complete:
            package.associate(node, EXACT_MATCH_OF, document_node(ids, "ProfessionalQualification", scope.ref, title))
        for number, ident in enumerate(scope.competences, start=1):
            package.associate(competence_node(ids, ident, catalogue.title_of(ident)), IS_PART_OF, node, number)
    for goal in qualification.general_education:
        position += 1
        node = package.item(
            goal_node(ids, qualification.id, goal.id, goal.title), goal.title, GENERAL_EDUCATION, goal.id
        )
        package.associate(node, IS_CHILD_OF, package.node, position)
    return package.data()


def trajectory_package(trajectory: StandardTrajectory, catalogue: Catalogue, options: CaseOptions) -> dict[str, Any]:
    """Standaardtraject: clusters of competences, and the order prerequisites impose."""
    ids = options.ids
    package = _Package(
        options, "StandardTrajectory", trajectory.id, trajectory.title, {"qualification": trajectory.qualification}
    )
    # The qualification it leads to: an educational one, or for a beroepskwalificerende
    # trajectory a professional one (no general education).
    qualification = catalogue.qualification_of(trajectory)
    education = qualification if isinstance(qualification, EducationalQualification) else None
    if qualification is not None:
        kind = "EducationalQualification" if education is not None else "ProfessionalQualification"
        package.associate(package.node, IS_RELATED_TO, document_node(ids, kind, qualification.id, qualification.title))
    goals = {goal.id for goal in education.general_education} if education else set()

    def node_of(ident: str) -> Node:
        title = catalogue.title_of(ident)
        if ident in goals and education is not None:
            return goal_node(ids, education.id, ident, title)
        return competence_node(ids, ident, title)

    for position, cluster in enumerate(trajectory.clusters, start=1):
        node = package.item(
            item_node(ids, cluster.title, "StandardTrajectory", trajectory.id, "Cluster", cluster.id),
            cluster.title,
            CLUSTER,
            cluster.id,
        )
        package.associate(node, IS_CHILD_OF, package.node, position)
        for number, ident in enumerate(cluster.competences, start=1):
            package.associate(node_of(ident), IS_PART_OF, node, number)
    for allocation in trajectory.allocations:
        for ident in allocation.requires:
            package.associate(node_of(ident), PRECEDES, node_of(allocation.competence))
    return package.data()


def case_packages(
    catalogue: Catalogue, selected: Iterable[tuple[str, str]], options: CaseOptions
) -> list[dict[str, Any]]:
    """The packages of ``selected`` (kind, id) pairs, in :data:`KINDS` order, then by id."""
    packages = []
    for kind, ident in sorted(selected, key=lambda key: (KINDS.index(key[0]), key[1])):
        if kind == "ProfessionalQualification":
            packages.append(professional_package(catalogue.professional_qualifications[ident], options))
        elif kind == "EducationalQualification":
            packages.append(educational_package(catalogue.educational_qualifications[ident], catalogue, options))
        else:
            packages.append(trajectory_package(catalogue.trajectories[ident], catalogue, options))
    return packages


def all_keys(catalogue: Catalogue, kinds: Sequence[str] = KINDS) -> list[tuple[str, str]]:
    """Every (kind, id) the catalogue modelled, of ``kinds``."""
    return [(kind, ident) for kind in kinds for ident in sorted(catalogue.table(kind))]
