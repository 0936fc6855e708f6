"""JSON Schema checks (rule ``schema``), with errors placed on the offending YAML node.

One validator per schema file, built once per process and reused for every document.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trajectkit.catalogue.documents import Document, MarkedMap, locate
from trajectkit.catalogue.kinds import KIND_SCHEMAS
from trajectkit.dates import SUPPORTED, supported
from trajectkit.problems import DocumentRef, Finding, Location
from trajectkit.resources import schemas_dir
from trajectkit.translation import N_, _, ngettext

if TYPE_CHECKING:  # jsonschema is imported only to explain a document that fails
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

RULE = "schema"

_DATE_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: A ``$`` that ends a pattern (not an escaped ``\\$``).
_CLOSING_DOLLAR = re.compile(r"(?<!\\)\$$")

#: Unknown keys reported one by one in a mapping; the rest are counted in one finding.
MAX_UNKNOWN_KEYS = 20
#: Schema errors reported for one document; past this one finding says there are more.
#: Aliases can put one broken subtree in a thousand places: the report stays bounded.
MAX_SCHEMA_ERRORS = 500
#: Longest excerpt of a value that a message quotes.
MAX_QUOTED = 60

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
}


def schema_path(name: str) -> Path:
    return schemas_dir() / f"{name}.schema.json"


@cache
def load_schema(name: str) -> dict[str, Any]:
    with schema_path(name).open(encoding="utf-8") as stream:
        return json.load(stream)


@cache
def validator(name: str) -> Draft202012Validator:
    """The explaining validator for one schema; built once and reused."""
    from jsonschema import Draft202012Validator, FormatChecker

    formats = FormatChecker(formats=())
    formats.checks("date")(_is_date)
    formats.checks("email")(_is_email)
    return Draft202012Validator(_to_the_end(load_schema(name)), format_checker=formats)


def _to_the_end(node: Any) -> Any:
    """A schema whose patterns match up to the end of the text.

    In Python's ``re``, the schemas' closing ``$`` also matches before a final line
    break, so ``^[A-Za-z0-9._-]+$`` would take ``"L-1\\n"``. ``\\Z`` does not;
    fastjsonschema makes the same change when it compiles a schema.
    """
    if isinstance(node, dict):
        translated = {key: _to_the_end(value) for key, value in node.items()}
        pattern = node.get("pattern")
        if isinstance(pattern, str) and _CLOSING_DOLLAR.search(pattern):
            translated["pattern"] = _CLOSING_DOLLAR.sub(r"\\Z", pattern)
        return translated
    if isinstance(node, list):
        return [_to_the_end(item) for item in node]
    return node


@cache
def fast_validator(name: str) -> Callable[[Any], Any]:
    """A compiled yes/no check for one schema, built once; it never explains.

    fastjsonschema compiles the schema to Python code and is an order of magnitude
    faster than jsonschema on valid documents, which are nearly all of them. It
    speaks draft-07, so the 2020-12 keywords our schemas use are translated, and
    formats are checked by the same functions jsonschema uses. Whenever it says no,
    jsonschema decides and explains, so it can only be stricter, never looser.
    """
    import fastjsonschema

    formats = {"date": _is_date, "email": _is_email}
    return fastjsonschema.compile(_as_draft7(load_schema(name)), formats=formats)


def _as_draft7(node: Any) -> Any:
    if isinstance(node, dict):
        translated = {}
        for key, value in node.items():
            if key == "$schema":
                translated[key] = "http://json-schema.org/draft-07/schema#"
            elif key == "dependentRequired":
                translated["dependencies"] = value
            elif key == "prefixItems":
                translated["items"] = _as_draft7(value)
                if "items" in node:  # 2020-12 `items` beside prefixItems means the rest
                    translated["additionalItems"] = _as_draft7(node["items"])
            elif key == "items" and "prefixItems" in node:
                continue
            else:
                translated[key] = _as_draft7(value)
        return translated
    if isinstance(node, list):
        return [_as_draft7(item) for item in node]
    return node


def _is_date(text: Any) -> bool:
    """The "date" format: YYYY-MM-DD, a real calendar day, and one trajectkit supports
    (other types pass)."""
    if not isinstance(text, str):
        return True
    if not _DATE_FORM.fullmatch(text):
        return False
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return False
    return supported(day)


def _is_email(text: Any) -> bool:
    """jsonschema's "email" format: text with an @ (other types pass)."""
    return not isinstance(text, str) or "@" in text


def check_document(document: Document) -> list[Finding]:
    """Schema findings for one document: its kind first, then its schema."""
    data = document.data
    if not isinstance(data, MarkedMap):
        return [Finding(document.location(), RULE, _("a document must be a mapping with `kind:` and `id:`"))]
    kind = data.get("kind")
    known = ", ".join(KIND_SCHEMAS)
    if kind is None:
        hint = _("; not a catalogue file? leave it out with --exclude or `exclude:` in trajectkit.yaml")
        return [
            Finding(
                document.location(),
                RULE,
                _("missing `kind:`; one of %(known)s%(hint)s") % {"known": known, "hint": hint},
            )
        ]
    if not isinstance(kind, str) or kind not in KIND_SCHEMAS:  # `kind: []` is not even hashable
        hint = _closest(kind, KIND_SCHEMAS) if isinstance(kind, str) and len(kind) <= MAX_QUOTED else ""
        return [
            Finding(
                document.location("kind"),
                RULE,
                _("unknown kind %(quoted)s%(hint)s; one of %(known)s")
                % {"quoted": _quoted(kind), "hint": hint, "known": known},
            )
        ]
    findings = list(check_data(data, KIND_SCHEMAS[kind], document.path, kind, document.ref))
    ident = data.get("id")
    if isinstance(ident, str) and ident.startswith(".") and not findings:
        # The id names files (a learner's plan is <id>.pdf): "..", "." and ".x" would be
        # hidden files, or no file of its own. The schemas' pattern allows them.
        message = _("id: %(quoted)s starts with '.'; an id names files, start it with a letter or digit") % {
            "quoted": _quoted(ident)
        }
        findings.append(Finding(document.location("id"), RULE, message))
    return findings


def check_data(data: Any, schema: str, path: str, what: str, document: DocumentRef | None = None) -> Iterator[Finding]:
    """Findings for ``data`` (``document``, when it is one) against one schema, sorted by place."""
    import fastjsonschema

    try:
        fast_validator(schema)(data)
        return
    except fastjsonschema.JsonSchemaException:
        pass  # jsonschema decides, and says where and why
    findings: list[Finding] = []
    # One error at a time: jsonschema's own messages quote the whole value.
    for count, error in enumerate(_telling(validator(schema).iter_errors(data))):
        if count < MAX_SCHEMA_ERRORS:
            findings.extend(_explain(error, data, path, what))
            continue
        findings.append(
            Finding(
                Location(path, *locate(data, [])),
                RULE,
                _(
                    "%(what)s: more than %(limit)s schema errors; the first %(limit)s "
                    "are reported, fix them and validate again"
                )
                % {"what": what, "limit": MAX_SCHEMA_ERRORS},
            )
        )
        break
    if document is not None:
        findings = [
            Finding(Location(f.location.path, f.location.line, f.location.column, document), f.rule, f.message)
            for f in findings
        ]
    yield from sorted(set(findings))


def _telling(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    """``errors`` but the length of a value that also breaks its pattern: the pattern's
    message says how to write it, the length says no more (patterns come first in the
    schemas)."""
    patterned: set[tuple[str | int, ...]] = set()
    for error in errors:
        where = tuple(error.absolute_path)
        if error.validator == "pattern":
            patterned.add(where)
        elif error.validator == "maxLength" and where in patterned:
            continue
        yield error


def _quoted(value: Any) -> str:
    """A value as a message quotes it: short scalars whole, long text cut, and a list
    or mapping by its size, never its whole text (it may be megabytes, or an alias)."""
    if isinstance(value, (dict, list)):
        count = f"{len(value):,}"
        if isinstance(value, dict):
            return ngettext("a mapping of %(count)s key", "a mapping of %(count)s keys", len(value)) % {"count": count}
        return ngettext("a list of %(count)s item", "a list of %(count)s items", len(value)) % {"count": count}
    text = value if isinstance(value, str) else repr(value)
    if len(text) > MAX_QUOTED:
        text = _("%(text)s… (%(count)s characters)") % {"text": text[:MAX_QUOTED], "count": f"{len(text):,}"}
    return f"'{text}'" if isinstance(value, str) else text


#: Bounds on numbers, by keyword: how a message says which side was crossed.
_BOUNDS = {
    "maximum": N_("%(field)s: %(number)s is more than the maximum of %(bound)s"),
    "exclusiveMaximum": N_("%(field)s: %(number)s is not below the limit of %(bound)s"),
    "minimum": N_("%(field)s: %(number)s is less than the minimum of %(bound)s"),
    "exclusiveMinimum": N_("%(field)s: %(number)s is not above the limit of %(bound)s"),
}


def _number(value: Any) -> str:
    """A number as a message shows it: whole when short, else by its size (10^400
    as "a number of 401 digits"), never through a conversion that could fail."""
    if isinstance(value, int) and not isinstance(value, bool):
        digits = value.bit_length() * 30103 // 100000 + 1  # about log10(2) per bit
        return f"{value:,}" if digits <= 24 else _("a number of about %(digits)s digits") % {"digits": f"{digits:,}"}
    return _quoted(value)


def _closest(word: str, candidates: Any) -> str:
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return _(" (did you mean '%(match)s'?)") % {"match": match[0]} if match else ""


def _where(error: ValidationError) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in error.absolute_path).lstrip(".")


def _explain(error: ValidationError, data: Any, path: str, what: str) -> Iterator[Finding]:
    # jsonschema types these as "set or unset"; an error it yields has them set.
    schema: Any = error.schema
    expected_value: Any = error.validator_value
    steps = list(error.absolute_path)
    line, column = locate(data, steps)
    here = Location(path, line, column)
    field = _where(error) or what
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(schema.get("properties", {}))
        unknown = [key for key in error.instance if key not in allowed and not key.startswith("x-")]
        unknown.sort(key=lambda key: key != "<<")  # the merge key first: it explains the rest
        for key in unknown[:MAX_UNKNOWN_KEYS]:
            key_line, key_column = locate(data, [*steps, key])
            if key == "<<":
                message = _("merge keys (<<) are not supported in %(field)s; write the keys out") % {"field": field}
            else:
                hint = _closest(key, allowed) if len(key) <= MAX_QUOTED else ""
                message = _(
                    "unknown key %(quoted)s in %(field)s%(hint)s; allowed: %(allowed)s (or x-… for your own notes)"
                ) % {"quoted": _quoted(key), "field": field, "hint": hint, "allowed": ", ".join(allowed)}
            yield Finding(Location(path, key_line, key_column), RULE, message)
        if len(unknown) > MAX_UNKNOWN_KEYS:
            yield Finding(
                here,
                RULE,
                _("%(field)s: %(value)s more unknown keys; allowed: %(allowed)s")
                % {"field": field, "value": f"{len(unknown) - MAX_UNKNOWN_KEYS:,}", "allowed": ", ".join(allowed)},
            )
        return
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield Finding(
            here, RULE, _("%(field)s: missing required key '%(missing)s'") % {"field": field, "missing": missing}
        )
        return
    if error.validator == "type":
        expected = expected_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(name, name) for name in names)
        yield Finding(
            here,
            RULE,
            _("%(field)s: expected %(wanted)s, got %(quoted)s")
            % {"field": field, "wanted": wanted, "quoted": _quoted(error.instance)},
        )
        return
    if error.validator == "enum":
        options = ", ".join(str(option) for option in expected_value)
        shown = _quoted(error.instance)
        hint = _closest(str(error.instance), [str(o) for o in expected_value]) if len(shown) <= MAX_QUOTED + 2 else ""
        yield Finding(
            here,
            RULE,
            _("%(field)s: %(shown)s is not allowed%(hint)s; use one of %(options)s")
            % {"field": field, "shown": shown, "hint": hint, "options": options},
        )
        return
    if error.validator == "pattern" and "[0-9]{4}-" in str(expected_value):
        yield Finding(
            here,
            RULE,
            _("%(field)s: %(quoted)s is not a date; write YYYY-MM-DD")
            % {"field": field, "quoted": _quoted(error.instance)},
        )
        return
    if error.validator == "format" and expected_value == "date":
        if not _DATE_FORM.fullmatch(str(error.instance)):
            return  # the pattern error already says how to write it
        shown = _quoted(error.instance)
        try:
            dt.date.fromisoformat(str(error.instance))
        except ValueError:
            yield Finding(
                here, RULE, _("%(field)s: %(shown)s is not a valid calendar date") % {"field": field, "shown": shown}
            )
            return
        yield Finding(
            here,
            RULE,
            _("%(field)s: %(shown)s is outside the dates trajectkit supports (%(supported)s)")
            % {"field": field, "shown": shown, "supported": SUPPORTED},
        )
        return
    if error.validator == "maxLength" and isinstance(error.instance, str):
        yield Finding(
            here,
            RULE,
            _("%(field)s: %(count)s characters, more than the %(allowed)s allowed; shorten it")
            % {"field": field, "count": f"{len(error.instance):,}", "allowed": f"{expected_value:,}"},
        )
        return
    if error.validator in _BOUNDS:
        yield Finding(
            here,
            RULE,
            _(_BOUNDS[error.validator])
            % {"field": field, "number": _number(error.instance), "bound": f"{expected_value:,}"},
        )
        return
    if error.validator == "pattern" and "[0-5][0-9]" in str(expected_value):
        yield Finding(
            here,
            RULE,
            _('%(field)s: %(quoted)s is not a time; write HH:MM in quotes, e.g. "08:30"')
            % {"field": field, "quoted": _quoted(error.instance)},
        )
        return
    if error.validator == "not" and expected_value == {} and isinstance(schema, dict) and "description" in schema:
        yield Finding(here, RULE, f"{field}: {schema['description']}")  # a key that must not be there beside another
        return
    if error.validator == "pattern":
        yield Finding(
            here,
            RULE,
            _("%(field)s: %(quoted)s may hold only letters, digits, '-', '_' and '.' (no spaces)")
            % {"field": field, "quoted": _quoted(error.instance)},
        )
        return
    description = schema.get("description") if isinstance(schema, dict) else None
    message = error.message if len(error.message) < 200 else error.message[:200] + "…"
    extra = f" ({description})" if description and error.validator in {"not", "if", "then"} else ""
    yield Finding(here, RULE, f"{field}: {message}{extra}")
