"""All documents of a run, by kind and id, and the ids that references may name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from trajectkit.catalogue.documents import Document
from trajectkit.catalogue.kinds import KINDS
from trajectkit.catalogue.model import (
    Competence,
    EducationalQualification,
    GeneralEducationGoal,
    Learner,
    PartialQualification,
    ProfessionalQualification,
    Source,
    StandardTrajectory,
    Workplace,
)
from trajectkit.problems import Finding

DUPLICATE_ID = "duplicate-id"


@dataclass
class Catalogue:
    """Catalogus: every qualification, trajectory, workplace and learner of a run.

    Documents that failed their schema are not modelled, but their ids are kept in
    ``known_ids`` so that references to them do not cascade into more errors.
    """

    professional_qualifications: dict[str, ProfessionalQualification] = field(default_factory=dict)
    educational_qualifications: dict[str, EducationalQualification] = field(default_factory=dict)
    trajectories: dict[str, StandardTrajectory] = field(default_factory=dict)
    workplaces: dict[str, Workplace] = field(default_factory=dict)
    learners: dict[str, Learner] = field(default_factory=dict)
    competences: dict[str, Competence] = field(default_factory=dict)
    partial_qualifications: dict[str, PartialQualification] = field(default_factory=dict)
    general_education: dict[str, GeneralEducationGoal] = field(default_factory=dict)
    known_ids: dict[str, set[str]] = field(default_factory=dict)
    duplicates: list[Finding] = field(default_factory=list)

    def table(self, kind: str) -> dict[str, Any]:
        """The modelled documents of one kind, by id (empty for a kind it does not hold)."""
        found = KINDS.get(kind)
        return getattr(self, found.table) if found is not None else {}

    def knows(self, kind: str, ident: str) -> bool:
        return ident in self.known_ids.get(kind, ())

    def ids(self, kind: str) -> set[str]:
        return self.known_ids.get(kind, set())

    def is_competence(self, ident: str) -> bool:
        """A professional competence or a general-education goal."""
        return ident in self.competences or ident in self.general_education

    def title_of(self, ident: str) -> str:
        item = self.competences.get(ident) or self.general_education.get(ident)
        return item.title if item else ident

    def required_competences(self, trajectory: StandardTrajectory) -> dict[str, Source]:
        """Competences a trajectory must allocate, with where each is required.

        Complete professional qualifications bring all their competences, partial ones
        the competences they list, and the general-education goals come along.
        """
        required: dict[str, Source] = {}
        qualification = self.educational_qualifications.get(trajectory.qualification)
        if qualification is None:
            return required
        for scope in qualification.professional_qualifications:
            if scope.complete:
                profession = self.professional_qualifications.get(scope.ref)
                for competence in profession.competences if profession else ():
                    required.setdefault(competence.id, competence.source)
            else:
                for index, ident in enumerate(scope.competences):
                    required.setdefault(ident, scope.source.child("competences", index))
        for goal in qualification.general_education:
            required.setdefault(goal.id, goal.source)
        return required

    def learners_of(self, trajectory: str) -> Iterator[Learner]:
        return (learner for learner in self.learners.values() if learner.trajectory == trajectory)


def build_catalogue(documents: Iterable[Document], invalid: set[int]) -> Catalogue:
    """Model every valid document; ``invalid`` holds ``id()`` of documents that failed their schema."""
    catalogue = Catalogue()
    first_seen: dict[tuple[str, str], _Place] = {}
    for document in documents:
        data = document.data
        # `kind: []` (a list is not hashable) has its schema finding; skip it like any unknown kind
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("kind"), str)
            or data["kind"] not in KINDS
            or "id" not in data
        ):
            continue
        kind, ident = data["kind"], str(data["id"])
        if not _claim(catalogue, first_seen, kind, ident, (Source(document), "id"), kind):
            continue
        catalogue.known_ids.setdefault(kind, set()).add(ident)
        if id(document) in invalid:
            _claim_parts_of_invalid(catalogue, document, kind)
            continue
        item = KINDS[kind].build(document)
        catalogue.table(kind)[ident] = item
        _register_parts(catalogue, first_seen, item)
    return catalogue


#: Where an id is written: a node and its key. Located only when a duplicate needs it,
#: because computing a line and column for every id of a large catalogue is not free.
_Place = tuple[Source, str]


def _claim(
    catalogue: Catalogue,
    first_seen: dict[tuple[str, str], _Place],
    namespace: str,
    ident: str,
    where: _Place,
    what: str,
) -> bool:
    """Record an id in its namespace; a second claim is a duplicate-id finding."""
    key = (namespace, ident)
    first = first_seen.get(key)
    if first is not None:
        catalogue.duplicates.append(
            Finding(
                where[0].at(where[1]),
                DUPLICATE_ID,
                f"{what} id '{ident}' is already used at {first[0].at(first[1])}; give one of them another id",
            )
        )
        return False
    first_seen[key] = where
    return True


def _register_parts(catalogue: Catalogue, first_seen: dict[tuple[str, str], _Place], item: object) -> None:
    if isinstance(item, ProfessionalQualification):
        for competence in item.competences:
            if _claim(catalogue, first_seen, "competence", competence.id, (competence.source, "id"), "competence"):
                catalogue.competences[competence.id] = competence
                catalogue.known_ids.setdefault("competence", set()).add(competence.id)
        for part in item.partial_qualifications:
            if _claim(catalogue, first_seen, "partial", part.id, (part.source, "id"), "partial qualification"):
                catalogue.partial_qualifications[part.id] = part
                catalogue.known_ids.setdefault("PartialQualification", set()).add(part.id)
    elif isinstance(item, EducationalQualification):
        local: set[str] = set()
        for goal in item.general_education:
            # The same goal (eindterm) may serve several educational qualifications.
            if goal.id in local:
                _claim(catalogue, first_seen, f"goal:{item.id}", goal.id, (goal.source, "id"), "general-education goal")
                continue
            local.add(goal.id)
            first_seen.setdefault((f"goal:{item.id}", goal.id), (goal.source, "id"))
            if goal.id in catalogue.general_education:
                continue
            # Goals and competences share one namespace: allocations name both.
            if _claim(catalogue, first_seen, "competence", goal.id, (goal.source, "id"), "general-education goal"):
                catalogue.general_education[goal.id] = goal
                catalogue.known_ids.setdefault("goal", set()).add(goal.id)
    elif isinstance(item, StandardTrajectory):
        for what, things, key in (
            ("learning place", item.learning_places, "id"),
            ("phase", item.phases, "id"),
            ("cluster", item.clusters, "id"),
            ("allocation of competence", item.allocations, "competence"),
        ):
            for thing in things:
                ident = getattr(thing, key)
                _claim(catalogue, first_seen, f"{what}:{item.id}", ident, (thing.source, key), what)
    elif isinstance(item, Workplace):
        for mentor in item.mentors:
            _claim(catalogue, first_seen, f"mentor:{item.id}", mentor.id, (mentor.source, "id"), "mentor")


def _claim_parts_of_invalid(catalogue: Catalogue, document: Document, kind: str) -> None:
    """Keep the ids a broken document defines, so references to them still resolve."""
    data = document.data
    if kind == "ProfessionalQualification":
        for key, namespace in (("competences", "competence"), ("partial_qualifications", "PartialQualification")):
            for item in data.get(key, ()) if isinstance(data.get(key), list) else ():
                if isinstance(item, dict) and "id" in item:
                    catalogue.known_ids.setdefault(namespace, set()).add(str(item["id"]))
    elif kind == "EducationalQualification":
        goals = data.get("general_education")
        for item in goals if isinstance(goals, list) else ():
            if isinstance(item, dict) and "id" in item:
                catalogue.known_ids.setdefault("goal", set()).add(str(item["id"]))
