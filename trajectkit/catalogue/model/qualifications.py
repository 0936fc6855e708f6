"""Beroepskwalificaties and onderwijskwalificaties: what a learner can be qualified in."""

from __future__ import annotations

from dataclasses import dataclass

from trajectkit.catalogue.documents import Document
from trajectkit.catalogue.model.base import Source, as_id, as_ids, source_field


@dataclass(frozen=True)
class Competence:
    """Competentie of a professional qualification (beroepskwalificatie)."""

    id: str
    title: str
    qualification: str
    knowledge: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    source: Source = source_field()


@dataclass(frozen=True)
class PartialQualification:
    """Deelkwalificatie: a named part of a professional qualification."""

    id: str
    title: str
    qualification: str
    competences: tuple[str, ...]
    source: Source = source_field()


@dataclass(frozen=True)
class ProfessionalQualification:
    """Beroepskwalificatie (BK): a profession's competences, e.g. BK-0130-5 Stukadoor."""

    id: str
    title: str
    level: int
    competences: tuple[Competence, ...]
    partial_qualifications: tuple[PartialQualification, ...]
    sector: str | None = None
    source: Source = source_field()

    @classmethod
    def from_document(cls, document: Document) -> ProfessionalQualification:
        data, src = document.data, Source(document)
        qid = as_id(data["id"])
        competences = tuple(
            Competence(
                as_id(item["id"]),
                item["title"],
                qid,
                tuple(item.get("knowledge", ())),
                tuple(item.get("skills", ())),
                src.child("competences", index),
            )
            for index, item in enumerate(data["competences"])
        )
        parts = tuple(
            PartialQualification(
                as_id(item["id"]),
                item["title"],
                qid,
                as_ids(item["competences"]),
                src.child("partial_qualifications", index),
            )
            for index, item in enumerate(data.get("partial_qualifications", ()))
        )
        sector = as_id(data["sector"]) if "sector" in data else None
        return cls(qid, data["title"], data["level"], competences, parts, sector, src)


@dataclass(frozen=True)
class QualificationScope:
    """A professional qualification as part of an educational one: complete or partial."""

    ref: str
    scope: str
    competences: tuple[str, ...]
    source: Source = source_field()

    @property
    def complete(self) -> bool:
        return self.scope == "complete"


@dataclass(frozen=True)
class GeneralEducationGoal:
    """Algemene vorming: a general-education goal (eindterm, basisgeletterdheid)."""

    id: str
    title: str
    qualification: str
    source: Source = source_field()


@dataclass(frozen=True)
class EducationalQualification:
    """Onderwijskwalificatie (OK): professional qualifications plus general education."""

    id: str
    title: str
    level: int
    professional_qualifications: tuple[QualificationScope, ...]
    general_education: tuple[GeneralEducationGoal, ...]
    source: Source = source_field()

    @classmethod
    def from_document(cls, document: Document) -> EducationalQualification:
        data, src = document.data, Source(document)
        qid = as_id(data["id"])
        scopes = tuple(
            QualificationScope(
                as_id(item["ref"]),
                item["scope"],
                as_ids(item.get("competences")),
                src.child("professional_qualifications", i),
            )
            for i, item in enumerate(data["professional_qualifications"])
        )
        goals = tuple(
            GeneralEducationGoal(as_id(item["id"]), item["title"], qid, src.child("general_education", i))
            for i, item in enumerate(data.get("general_education", ()))
        )
        return cls(qid, data["title"], data["level"], scopes, goals, src)
