"""Validators for the official schemas in tests/data/standards, and catalogues to export.

jsonschema checks the ``uri`` and ``date-time`` formats only with optional packages;
the checker here does it itself, strictly, because OpenSALT's importer checks both.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data" / "standards"
REPO = HERE.parents[1]
SAMPLES = REPO / "samples"

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI.match(value))


@FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@cache
def case_validator() -> jsonschema.Draft201909Validator:
    """1EdTech's CASE 1.1 CFPackage schema."""
    return jsonschema.Draft201909Validator(load("case-v1p1-cfpackage.json"), format_checker=FORMATS)


@cache
def opensalt_validator() -> jsonschema.Draft7Validator:
    """The schema OpenSALT's importer checks an uploaded CASE file against."""
    return jsonschema.Draft7Validator(load("opensalt-case-v1p0-cfpackage-schema.json"), format_checker=FORMATS)


@cache
def _edc_registry() -> Registry:
    attestation = Resource.from_contents(
        load("vcdm2.0-attestation-schema-1.2.0.json"), default_specification=DRAFT202012
    )
    # The EDC schema names the attestation schema by its path in node_modules.
    return Registry().with_resource("./node_modules/@cef-ebsi/vcdm2.0-attestation-schema/schema.json", attestation)


@cache
def edc_validator() -> jsonschema.Draft202012Validator:
    """The European Commission's Europass EDC credential schema (ELM 3.2)."""
    return jsonschema.Draft202012Validator(
        load("europass-edc-schema-2.1.0.json"), registry=_edc_registry(), format_checker=FORMATS
    )


@cache
def qualification_validator() -> jsonschema.Draft202012Validator:
    """``QualificationType`` of the EDC schema: what a credential's ``specifiedBy`` may be."""
    defs = load("europass-edc-schema-2.1.0.json")["$defs"]
    return jsonschema.Draft202012Validator({"$ref": "#/$defs/QualificationType", "$defs": defs}, format_checker=FORMATS)


def errors(validator: Any, instance: Any) -> list[str]:
    """Every schema error, with where it is, so that a failing test says what is wrong."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}" for error in validator.iter_errors(instance)
    ]


def copy_samples(dest: Path) -> Path:
    shutil.copytree(SAMPLES, dest)
    return dest


def add_graduate(catalogue: Path, ident: str = "L-2026-0099") -> Path:
    """A learner who holds every competence of Stukadoor BK-0130-5: one exempted, the
    others attained, the last on 2027-05-28. Earns the professional qualification, both
    partial qualifications and a proof of competences."""
    qualification = yaml.safe_load(
        (catalogue / "qualifications" / "BK-0130-5-stukadoor.yaml").read_text(encoding="utf-8")
    )
    ids = [item["id"] for item in qualification["competences"]]
    learner = {
        "kind": "Learner",
        "id": ident,
        "name": "Lotte Vermeulen",
        "birth_date": "2008-02-11",
        "language": "nl",
        "trajectory": "OT-00214",
        "start": "2026-09-01",
        "end": "2028-06-30",
        "school": {"name": "Centrum voor Duaal Leren Gent"},
        "prior_learning": [{"competence": ids[0], "evidence": "Attest teamwerking, 2025"}],
        "attained": [
            {"competence": competence, "date": (dt.date(2026, 10, 5) + dt.timedelta(days=7 * number)).isoformat()}
            for number, competence in enumerate(ids[1:])
        ],
    }
    learner["attained"][-1]["date"] = "2027-05-28"
    path = catalogue / "learners" / f"{ident}.yaml"
    path.write_text(yaml.safe_dump(learner, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
