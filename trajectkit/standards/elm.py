"""Earned certificates as a Europass learning credential; qualifications as ELM objects.

The European Learning Model (ELM 3) is the data model of Europass digital
credentials (EDC), read by the Europass wallet and by every EU country's credential
systems, Belgium included. Two things are written, in JSON-LD:

- ``attest --format elm``: one ``EuropeanDigitalCredential`` for a learner. The
  issuer is the provider (the learner's school today); the subject is the learner;
  every earned certificate (kwalificatiebewijs) is a ``LearningAchievement`` that is
  ``specifiedBy`` its ``Qualification``, whose learning outcomes are the competences;
  a proof of competences (bewijs van competenties) lists the competences held. The
  date of issue is the reference date, never the clock. The credential is unsigned:
  signing (a JAdES seal) is the issuer's business, with the issuer's own key, so
  the document says so in its display parameters and in its image.
- ``export --format elm``: the professional qualifications, their partial
  qualifications and the educational qualifications as ``Qualification`` objects, so
  a catalogue can be published.

Node ids are ``urn:uuid:`` from :mod:`.identifiers`, the same UUIDs as in CASE.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from trajectkit.analysis.attest import (
    ATTAINED,
    PROOF_OF_COMPETENCES,
    Attestation,
    CertificateStatus,
)
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.model import (
    EducationalQualification,
    Learner,
    ProfessionalQualification,
)
from trajectkit.errors import UsageError
from trajectkit.standards.identifiers import Identifiers
from trajectkit.standards.jurisdiction import LANGUAGE_AUTHORITY, Jurisdiction

CREDENTIAL_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "http://data.europa.eu/snb/model/context/edc-ap"]
QUALIFICATION_CONTEXT = ["http://data.europa.eu/snb/model/context/edc-ap"]
CREDENTIAL_TYPES = ["VerifiableCredential", "VerifiableAttestation", "EuropeanDigitalCredential"]
#: The EDC application profile (SHACL) and the EBSI JSON Schema of an EDC credential (ELM 3.2).
CREDENTIAL_SCHEMAS = [
    {"id": "http://data.europa.eu/snb/model/ap/edc-generic-full", "type": "ShaclValidator2017"},
    {
        "id": "https://api-pilot.ebsi.eu/trusted-schemas-registry/v3/schemas/"
        "0x4d40d34533797f62a8a03d7c4a4cd7827d289fadf1bfa582ec0ecfedbe55a6e0",
        "type": "JsonSchema",
    },
]
SCHEME_NAME = "trajectkit"

# Controlled vocabularies of the EU (Publications Office authority tables, EDC vocabularies).
_AUTHORITY = "http://publications.europa.eu/resource/authority"
GENERIC_PROFILE = (
    "http://data.europa.eu/snb/credential/e34929035b",
    "http://data.europa.eu/snb/credential/25831c2",
    "Generic",
)
BASE64 = ("http://data.europa.eu/snb/encoding/6146cde7dd", "http://data.europa.eu/snb/encoding/25831c2", "base64")
SVG = (f"{_AUTHORITY}/file-type/SVG", f"{_AUTHORITY}/file-type", "SVG")
EQF = "http://data.europa.eu/snb/eqf"

NO_SCHOOL = "learner {learner} names no school, and an ELM credential needs its issuer; add `school: {{name: ...}}` to the learner"


@dataclass(frozen=True)
class ElmOptions:
    """What every object of a run shares."""

    ids: Identifiers
    jurisdiction: Jurisdiction

    @property
    def language(self) -> str:
        return self.jurisdiction.language


@dataclass(frozen=True)
class Issuer:
    """Uitreikende instelling: the organisation that issues (and would sign) the credential.

    The learner's Provider (onderwijsverstrekker) when the learner names one, keyed by
    its id; else the school the learner's file writes out, keyed by its name.
    """

    key: tuple[str, ...]
    name: str
    country: str


def issuer_of(catalogue: Catalogue, learner: Learner, jurisdiction: Jurisdiction) -> Issuer:
    school = catalogue.school_of(learner)
    if school is None:
        raise UsageError(NO_SCHOOL.format(learner=learner.id))
    if school.provider is not None:
        return Issuer(("Provider", school.provider), school.name, jurisdiction.country)
    return Issuer(("School", school.name), school.name, jurisdiction.country)


# --------------------------------------------------------------------------- building blocks


def concept(ident: str, scheme: str, label: str) -> dict[str, Any]:
    return {
        "id": ident,
        "type": "Concept",
        "inScheme": {"id": scheme, "type": "ConceptScheme"},
        "prefLabel": {"en": label},
    }


def language_concept(code: str) -> dict[str, Any]:
    authority = LANGUAGE_AUTHORITY.get(code, code.upper())
    return concept(f"{_AUTHORITY}/language/{authority}", f"{_AUTHORITY}/language", authority)


def identifier(notation: str) -> dict[str, Any]:
    return {"type": "Identifier", "notation": notation, "schemeName": SCHEME_NAME}


def timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def note(language: str, text: str) -> dict[str, Any]:
    return {"type": "Note", "noteLiteral": {language: text}}


def outcome(options: ElmOptions, ident: str, title: str, *path: str) -> dict[str, Any]:
    """A competence or goal as a ``LearningOutcome``; ``path`` names its identifier."""
    return {
        "id": options.ids.urn(*(path or ("Competence", ident))),
        "type": "LearningOutcome",
        "title": {options.language: title},
        "identifier": identifier(ident),
    }


def reference(options: ElmOptions, kind: str, ident: str, title: str) -> dict[str, Any]:
    """A short ``Qualification`` that names another one (ELM wants its title too)."""
    return {"id": options.ids.urn(kind, ident), "type": "Qualification", "title": {options.language: title}}


def _level(options: ElmOptions, level: int) -> dict[str, Any]:
    if not options.jurisdiction.eqf_levels:
        return {}
    return {"eqfLevel": concept(f"{EQF}/{level}", f"{EQF}/25831c2", f"Level {level}")}


# --------------------------------------------------------------------------- qualifications


def professional_qualifications(qualification: ProfessionalQualification, options: ElmOptions) -> list[dict[str, Any]]:
    """The beroepskwalificatie and each of its deelkwalificaties, as ``Qualification`` objects."""
    titles = {competence.id: competence.title for competence in qualification.competences}
    whole: dict[str, Any] = {
        "id": options.ids.urn("ProfessionalQualification", qualification.id),
        "type": "Qualification",
        "identifier": identifier(qualification.id),
        "title": {options.language: qualification.title},
        **_level(options, qualification.level),
        "isPartialQualification": False,
        "learningOutcome": [
            outcome(options, competence.id, competence.title) for competence in qualification.competences
        ],
    }
    parts = [
        {
            "id": options.ids.urn("PartialQualification", part.id),
            "type": "Qualification",
            "identifier": identifier(part.id),
            "title": {options.language: part.title},
            **_level(options, qualification.level),
            "isPartialQualification": True,
            "isPartOf": [reference(options, "ProfessionalQualification", qualification.id, qualification.title)],
            "learningOutcome": [outcome(options, ident, titles.get(ident, ident)) for ident in part.competences],
        }
        for part in qualification.partial_qualifications
    ]
    if parts:
        whole["hasPart"] = [
            reference(options, "PartialQualification", part.id, part.title)
            for part in qualification.partial_qualifications
        ]
    return [whole, *parts]


def educational_qualification(
    qualification: EducationalQualification, catalogue: Catalogue, options: ElmOptions
) -> dict[str, Any]:
    """The onderwijskwalificatie: its competences and goals, and the complete BKs it includes."""
    outcomes: dict[str, dict[str, Any]] = {}
    included = []
    for scope in qualification.professional_qualifications:
        profession = catalogue.professional_qualifications.get(scope.ref)
        if scope.complete and profession is not None:
            included.append(reference(options, "ProfessionalQualification", profession.id, profession.title))
            for competence in profession.competences:
                outcomes.setdefault(competence.id, outcome(options, competence.id, competence.title))
        for ident in scope.competences:
            outcomes.setdefault(ident, outcome(options, ident, catalogue.title_of(ident)))
    for goal in qualification.general_education:
        path = ("EducationalQualification", qualification.id, "GeneralEducationGoal", goal.id)
        outcomes.setdefault(goal.id, outcome(options, goal.id, goal.title, *path))
    result: dict[str, Any] = {
        "id": options.ids.urn("EducationalQualification", qualification.id),
        "type": "Qualification",
        "identifier": identifier(qualification.id),
        "title": {options.language: qualification.title},
        **_level(options, qualification.level),
        "isPartialQualification": False,
        "learningOutcome": list(outcomes.values()),
    }
    if included:
        result["hasPart"] = included
    return result


def qualification_graph(
    catalogue: Catalogue, selected: Iterable[tuple[str, str]], options: ElmOptions
) -> dict[str, Any]:
    """A JSON-LD document with the ``Qualification`` of every selected qualification."""
    graph: list[dict[str, Any]] = []
    for kind, ident in sorted(selected):
        if kind == "ProfessionalQualification":
            graph.extend(professional_qualifications(catalogue.professional_qualifications[ident], options))
        elif kind == "EducationalQualification":
            graph.append(educational_qualification(catalogue.educational_qualifications[ident], catalogue, options))
    return {"@context": QUALIFICATION_CONTEXT, "@graph": graph}


# --------------------------------------------------------------------------- credential


@dataclass(frozen=True)
class CredentialInput:
    """Everything one credential is made of."""

    attestation: Attestation
    learner: Learner
    issuer: Issuer
    issued: dt.date
    words: Mapping[str, Any]  # the ``credential`` section of the learner's message catalogue
    certificate_names: Mapping[str, str]
    display: bytes  # the credential's image (SVG), page 1


def credential(catalogue: Catalogue, source: CredentialInput, options: ElmOptions) -> dict[str, Any]:
    """The learner's earned certificates as one unsigned ``EuropeanDigitalCredential``."""
    learner, words = source.learner, source.words
    spoken = source.attestation.language
    issuer = organisation(source.issuer, options)
    achievements = [achievement(catalogue, item, source, issuer, options) for item in source.attestation.earned]
    subject: dict[str, Any] = {
        "id": options.ids.urn("Learner", learner.id),
        "type": "Person",
        "identifier": identifier(learner.id),
        "fullName": {options.language: learner.name},
    }
    if achievements:
        subject["hasClaim"] = achievements
    key = ("Credential", learner.id, source.issued.isoformat())
    return {
        "@context": CREDENTIAL_CONTEXT,
        "id": options.ids.urn(*key),
        "type": CREDENTIAL_TYPES,
        "credentialSchema": CREDENTIAL_SCHEMAS,
        "credentialProfiles": [concept(*GENERIC_PROFILE)],
        "issuer": issuer,
        "credentialSubject": subject,
        "issued": timestamp(source.issued),
        "validFrom": timestamp(source.issued),
        "displayParameter": {
            "id": options.ids.urn(*key, "DisplayParameter"),
            "type": "DisplayParameter",
            "title": {spoken: words["title"]},
            "description": {spoken: words["unsigned"]},
            "language": [language_concept(spoken)],
            "primaryLanguage": language_concept(spoken),
            "individualDisplay": [
                {
                    "id": options.ids.urn(*key, "IndividualDisplay", spoken),
                    "type": "IndividualDisplay",
                    "language": language_concept(spoken),
                    "displayDetail": [
                        {
                            "id": options.ids.urn(*key, "DisplayDetail", spoken, "1"),
                            "type": "DisplayDetail",
                            "image": {
                                "id": options.ids.urn(*key, "Image", spoken, "1"),
                                "type": "MediaObject",
                                "contentType": concept(*SVG),
                                "contentEncoding": concept(*BASE64),
                                "content": base64.b64encode(source.display).decode("ascii"),
                            },
                            "page": 1,
                        }
                    ],
                }
            ],
        },
    }


def organisation(issuer: Issuer, options: ElmOptions) -> dict[str, Any]:
    """The issuer as an ELM ``Organisation`` (ELM needs its country)."""
    country = f"{_AUTHORITY}/country/{issuer.country}"
    return {
        "id": options.ids.urn(*issuer.key),
        "type": "Organisation",
        "legalName": {options.language: issuer.name},
        "location": [
            {
                "id": options.ids.urn(*issuer.key, "Location"),
                "type": "Location",
                "address": [
                    {
                        "id": options.ids.urn(*issuer.key, "Address"),
                        "type": "Address",
                        "countryCode": concept(country, f"{_AUTHORITY}/country", issuer.country),
                    }
                ],
            }
        ],
    }


def achievement(
    catalogue: Catalogue, item: CertificateStatus, source: CredentialInput, issuer: dict[str, Any], options: ElmOptions
) -> dict[str, Any]:
    """One earned certificate as a ``LearningAchievement`` with its specification."""
    spoken, words = source.attestation.language, source.words
    name = source.certificate_names.get(item.type, item.type)
    key = ("Learner", source.learner.id, "Achievement", item.type, item.qualification or "")
    attained = [held.date for held in item.held if held.how == ATTAINED and held.date is not None]
    result: dict[str, Any] = {
        "id": options.ids.urn(*key),
        "type": "LearningAchievement",
        "title": {options.language: item.title} if item.qualification else {spoken: name},
        "description": {spoken: name},
        "awardedBy": {
            "id": options.ids.urn(*key, "AwardingProcess"),
            "type": "AwardingProcess",
            "awardingBody": [issuer],
            "awardingDate": timestamp(max(attained, default=source.issued)),
        },
        "specifiedBy": specification(catalogue, item, source, options),
    }
    exempted = [held for held in item.held if held.how != ATTAINED]
    if exempted:
        # Plain replacement, not str.format: the words may come from a user's templates
        # folder, and a format string can reach into the values' attributes.
        result["additionalNote"] = [
            note(
                spoken,
                words["exempted"]
                .replace("{competence}", f"{held.id} {held.title}")
                .replace("{evidence}", held.evidence or "-"),
            )
            for held in exempted
        ]
    return result


def specification(
    catalogue: Catalogue, item: CertificateStatus, source: CredentialInput, options: ElmOptions
) -> dict[str, Any]:
    """The ``Qualification`` a certificate is for; for a proof of competences, a
    ``LearningAchievementSpecification`` whose outcomes are the competences held."""
    ident = item.qualification or ""
    if item.type == PROOF_OF_COMPETENCES or not ident:
        return {
            "id": options.ids.urn(
                "StandardTrajectory", source.attestation.trajectory, "ProofOfCompetences", source.learner.id
            ),
            "type": "LearningAchievementSpecification",
            "title": {source.attestation.language: source.certificate_names.get(item.type, item.type)},
            "learningOutcome": [outcome(options, held.id, held.title) for held in item.held],
        }
    if ident in catalogue.professional_qualifications:
        return professional_qualifications(catalogue.professional_qualifications[ident], options)[0]
    if ident in catalogue.educational_qualifications:
        return educational_qualification(catalogue.educational_qualifications[ident], catalogue, options)
    part = catalogue.partial_qualifications[ident]
    whole = catalogue.professional_qualifications[part.qualification]
    found = next(
        entry for entry in professional_qualifications(whole, options)[1:] if entry["identifier"]["notation"] == ident
    )
    return found
