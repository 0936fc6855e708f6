"""The document kinds: for each, its schema, its table in the catalogue and how it is modelled.

The one list of kinds. The schema check, the catalogue, refusal and diff read it, so a
new kind is added here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from trajectkit.catalogue.documents import Document
from trajectkit.catalogue.model import (
    EducationalQualification,
    Learner,
    ProfessionalQualification,
    Provider,
    StandardTrajectory,
    Workplace,
)


@dataclass(frozen=True)
class Kind:
    """A document kind (``kind: ...``) of the catalogue."""

    name: str
    schema: str  # file name in schemas/ without .schema.json
    table: str  # attribute of Catalogue holding its documents by id
    build: Callable[[Document], Any]


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "ProfessionalQualification",
            "professional-qualification",
            "professional_qualifications",
            ProfessionalQualification.from_document,
        ),
        Kind(
            "EducationalQualification",
            "educational-qualification",
            "educational_qualifications",
            EducationalQualification.from_document,
        ),
        Kind("StandardTrajectory", "standard-trajectory", "trajectories", StandardTrajectory.from_document),
        Kind("Workplace", "workplace", "workplaces", Workplace.from_document),
        Kind("Learner", "learner", "learners", Learner.from_document),
        Kind("Provider", "provider", "providers", Provider.from_document),
    )
}

#: A profile is a document too, but not part of a catalogue: it configures the rules.
PROFILE_SCHEMA = "profile"

#: Every kind that has a schema, and its schema file.
KIND_SCHEMAS: dict[str, str] = {**{name: kind.schema for name, kind in KINDS.items()}, "Profile": PROFILE_SCHEMA}
