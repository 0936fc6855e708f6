"""JSON Schema checks (rule ``schema``), with errors placed on the offending YAML node.

One validator per schema file, built once per process and reused for every document.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from trajectkit.loading import Document, MarkedMap, locate
from trajectkit.problems import Finding, Location
from trajectkit.resources import schemas_dir

RULE = "schema"

#: Every document kind and the schema file (without ``.schema.json``) that describes it.
KIND_SCHEMAS: dict[str, str] = {
    "ProfessionalQualification": "professional-qualification",
    "EducationalQualification": "educational-qualification",
    "StandardTrajectory": "standard-trajectory",
    "Workplace": "workplace",
    "Learner": "learner",
    "Profile": "profile",
}

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
}


def schema_path(name: str):
    return schemas_dir() / f"{name}.schema.json"


@cache
def load_schema(name: str) -> dict[str, Any]:
    with schema_path(name).open(encoding="utf-8") as stream:
        return json.load(stream)


@cache
def validator(name: str) -> Draft202012Validator:
    """The compiled validator for one schema; built once and reused."""
    return Draft202012Validator(load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def check_document(document: Document) -> list[Finding]:
    """Schema findings for one document: its kind first, then its schema."""
    data = document.data
    if not isinstance(data, MarkedMap):
        return [Finding(document.location(), RULE, "a document must be a mapping with `kind:` and `id:`")]
    kind = data.get("kind")
    known = ", ".join(KIND_SCHEMAS)
    if kind is None:
        return [Finding(document.location(), RULE, f"missing `kind:`; one of {known}")]
    if kind not in KIND_SCHEMAS:
        hint = _closest(str(kind), KIND_SCHEMAS)
        return [Finding(document.location("kind"), RULE, f"unknown kind '{kind}'{hint}; one of {known}")]
    return list(check_data(data, KIND_SCHEMAS[kind], document.path, kind))


def check_data(data: Any, schema: str, path: str, what: str) -> Iterator[Finding]:
    """Findings for ``data`` against one schema, sorted by place."""
    findings = []
    for error in validator(schema).iter_errors(data):
        findings.extend(_explain(error, data, path, what))
    yield from sorted(set(findings))


def _closest(word: str, candidates: Any) -> str:
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _where(error: ValidationError) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in error.absolute_path).lstrip(".")


def _explain(error: ValidationError, data: Any, path: str, what: str) -> Iterator[Finding]:
    steps = list(error.absolute_path)
    line, column = locate(data, steps)
    here = Location(path, line, column)
    field = _where(error) or what
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        for key in sorted(error.instance):
            if key in allowed or key.startswith("x-"):
                continue
            key_line, key_column = locate(data, [*steps, key])
            yield Finding(
                Location(path, key_line, key_column),
                RULE,
                f"unknown key '{key}' in {field}{_closest(key, allowed)}; "
                f"allowed: {', '.join(allowed)} (or x-… for your own notes)",
            )
        return
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield Finding(here, RULE, f"{field}: missing required key '{missing}'")
        return
    if error.validator == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(name, name) for name in names)
        yield Finding(here, RULE, f"{field}: expected {wanted}, got {error.instance!r}")
        return
    if error.validator == "enum":
        options = ", ".join(str(option) for option in error.validator_value)
        hint = _closest(str(error.instance), [str(option) for option in error.validator_value])
        yield Finding(here, RULE, f"{field}: '{error.instance}' is not allowed{hint}; use one of {options}")
        return
    if error.validator == "pattern" and "[0-9]{4}-" in str(error.validator_value):
        yield Finding(here, RULE, f"{field}: '{error.instance}' is not a date; write YYYY-MM-DD")
        return
    if error.validator == "format" and error.validator_value == "date":
        yield Finding(here, RULE, f"{field}: '{error.instance}' is not a valid calendar date")
        return
    if error.validator == "pattern":
        yield Finding(
            here, RULE, f"{field}: '{error.instance}' may hold only letters, digits, '-', '_' and '.' (no spaces)"
        )
        return
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    message = error.message if len(error.message) < 200 else error.message[:200] + "…"
    extra = f" ({description})" if description and error.validator in {"not", "if", "then"} else ""
    yield Finding(here, RULE, f"{field}: {message}{extra}")
