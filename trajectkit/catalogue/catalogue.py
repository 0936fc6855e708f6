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
    Provider,
    QualificationScope,
    School,
    Source,
    StandardTrajectory,
    Workplace,
)
from trajectkit.catalogue.salvage import Salvage, salvage
from trajectkit.problems import Finding

DUPLICATE_ID = "duplicate-id"
ALLOCATION = "allocation of competence"

#: A document by kind and id.
DocumentKey = tuple[str, str]
#: What a trajectory leads to: an onderwijskwalificatie, or a beroepskwalificatie for a
#: beroepskwalificerende trajectory (SERV 2019), which has no general education.
Qualification = EducationalQualification | ProfessionalQualification
#: The kinds a trajectory's ``qualification`` may name.
QUALIFICATION_KINDS = ("EducationalQualification", "ProfessionalQualification")


@dataclass
class Catalogue:
    """Catalogus: every qualification, trajectory, workplace, learner and provider of a run.

    A document that failed its schema is modelled from its valid part
    (:mod:`trajectkit.catalogue.salvage`), and ``partial`` says what was left out; when
    nothing can be kept, the document is not modelled. Either way the ids it defines
    stay in ``known_ids``, so that references to them do not cascade into more errors.
    ``unread`` holds the ids written in files that could not be read at all, with the
    file, so that a reference to one can say so.
    """

    professional_qualifications: dict[str, ProfessionalQualification] = field(default_factory=dict)
    educational_qualifications: dict[str, EducationalQualification] = field(default_factory=dict)
    trajectories: dict[str, StandardTrajectory] = field(default_factory=dict)
    workplaces: dict[str, Workplace] = field(default_factory=dict)
    learners: dict[str, Learner] = field(default_factory=dict)
    providers: dict[str, Provider] = field(default_factory=dict)
    competences: dict[str, Competence] = field(default_factory=dict)
    partial_qualifications: dict[str, PartialQualification] = field(default_factory=dict)
    general_education: dict[str, GeneralEducationGoal] = field(default_factory=dict)
    known_ids: dict[str, set[str]] = field(default_factory=dict)
    duplicates: list[Finding] = field(default_factory=list)
    partial: dict[DocumentKey, Salvage] = field(default_factory=dict)
    unread: dict[str, str] = field(default_factory=dict)

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

    def intact(self, kind: str, ident: str, key: str) -> bool:
        """Whether the document's list ``key`` is modelled whole: a rule that concludes
        from what a list lacks (no school among the places, no recognition for a
        trajectory) checks this first, so that a broken item does not cascade."""
        return not self.lost(kind, ident, key)

    def lost(self, kind: str, ident: str, key: str) -> list[object]:
        """Items of the document's list ``key`` left out because they broke the schema."""
        found = self.partial.get((kind, ident))
        return found.lost(key) if found is not None else []

    def lost_values(self, kind: str, ident: str, key: str, field_name: str) -> set[str]:
        """The ``field_name`` of each item left out of the document's list ``key``."""
        return {
            str(item[field_name])
            for item in self.lost(kind, ident, key)
            if isinstance(item, dict) and isinstance(item.get(field_name), (str, int))
        }

    # ----------------------------------------------------------------- qualifications

    def qualification_of(self, trajectory: StandardTrajectory) -> Qualification | None:
        """The educational qualification the trajectory leads to, or the professional one
        of a beroepskwalificerende trajectory; ``None`` when it is not modelled."""
        ident = trajectory.qualification
        return self.educational_qualifications.get(ident) or self.professional_qualifications.get(ident)

    def qualification_kind(self, trajectory: StandardTrajectory) -> str | None:
        """The kind the trajectory's ``qualification`` names, also when that document is
        broken (``EducationalQualification`` first, as version 1 reads it)."""
        return next((kind for kind in QUALIFICATION_KINDS if self.knows(kind, trajectory.qualification)), None)

    def is_professional(self, trajectory: StandardTrajectory) -> bool:
        """A beroepskwalificerende trajectory: it leads to a professional qualification."""
        return self.qualification_kind(trajectory) == "ProfessionalQualification"

    def scopes_of(self, trajectory: StandardTrajectory) -> tuple[QualificationScope, ...]:
        """The professional qualifications the trajectory leads to, complete or partial:
        those of its educational qualification, or its own professional one whole."""
        qualification = self.qualification_of(trajectory)
        if isinstance(qualification, EducationalQualification):
            return qualification.professional_qualifications
        if isinstance(qualification, ProfessionalQualification):
            return (QualificationScope(qualification.id, "complete", (), trajectory.source.child("qualification")),)
        return ()

    def general_education_of(self, trajectory: StandardTrajectory) -> tuple[GeneralEducationGoal, ...]:
        """The general-education goals the trajectory teaches: none for a professional one."""
        qualification = self.qualification_of(trajectory)
        return qualification.general_education if isinstance(qualification, EducationalQualification) else ()

    def required_competences(self, trajectory: StandardTrajectory) -> dict[str, Source]:
        """Competences a trajectory must allocate, with where each is required.

        Complete professional qualifications bring all their competences, partial ones
        the competences they list, and the general-education goals come along. A
        beroepskwalificerende trajectory needs every competence of its BK.
        """
        required: dict[str, Source] = {}
        for scope in self.scopes_of(trajectory):
            if scope.complete:
                profession = self.professional_qualifications.get(scope.ref)
                for competence in profession.competences if profession else ():
                    required.setdefault(competence.id, competence.source)
            else:
                for index, ident in enumerate(scope.competences):
                    required.setdefault(ident, scope.source.child("competences", index))
        for goal in self.general_education_of(trajectory):
            required.setdefault(goal.id, goal.source)
        return required

    # ----------------------------------------------------------------- schools

    def school_of(self, learner: Learner) -> School | None:
        """The learner's school written out: a Provider's name, and its coach's name and
        e-mail, filled in from the catalogue (the ids stay)."""
        school = learner.school
        if school is None or school.provider is None:
            return school
        provider = self.providers.get(school.provider)
        coach = provider.coach(school.coach_id) if provider is not None and school.coach_id else None
        return School(
            provider.name if provider is not None else school.provider,
            coach.name if coach is not None else school.coach_id,
            coach.email if coach is not None else None,
            school.provider,
            school.coach_id,
        )

    def learners_of(self, trajectory: str) -> Iterator[Learner]:
        return (learner for learner in self.learners.values() if learner.trajectory == trajectory)


def build_catalogue(
    documents: Iterable[Document], invalid: set[int], unread: dict[str, str] | None = None
) -> Catalogue:
    """Model every document; ``invalid`` holds ``id()`` of documents that failed their
    schema, which are modelled from their valid part where one can be kept. ``unread``:
    ids written in files that could not be read, with the file."""
    catalogue = Catalogue(unread=dict(unread or {}))
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
            part = salvage(document, KINDS[kind].schema)
            if part is None:
                continue
            catalogue.partial[(kind, ident)] = part
            document = part.document
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
                _duplicate(what, ident, str(first[0].at(first[1]))),
            )
        )
        return False
    first_seen[key] = where
    return True


def _duplicate(what: str, ident: str, first: str) -> str:
    """The message for a second claim. Two allocations of one competence are one
    allocation written twice: merge or remove, another id would be wrong."""
    if what == ALLOCATION:
        return (
            f"competence '{ident}' is allocated a second time (the first allocation is at {first}); "
            "merge the two allocations into one or remove one"
        )
    return f"{what} id '{ident}' is already used at {first}; give one of them another id"


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
            ("evaluation moment", item.evaluation_moments, "id"),
            (ALLOCATION, item.allocations, "competence"),
        ):
            for thing in things:
                ident = getattr(thing, key)
                _claim(catalogue, first_seen, f"{what}:{item.id}", ident, (thing.source, key), what)
    elif isinstance(item, Workplace):
        for mentor in item.mentors:
            _claim(catalogue, first_seen, f"mentor:{item.id}", mentor.id, (mentor.source, "id"), "mentor")
    elif isinstance(item, Provider):
        for coach in item.coaches:
            _claim(catalogue, first_seen, f"coach:{item.id}", coach.id, (coach.source, "id"), "coach")


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
