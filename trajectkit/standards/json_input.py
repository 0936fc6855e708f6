"""Reading a JSON file that may be hostile, within the loader's limits.

A CASE file comes from another system, or from anyone. Like the YAML loader, this
refuses before it costs memory: more than 16 MiB, more than a million objects and
arrays, nesting deeper than 64 levels. It also refuses what JSON parsers disagree
on, so that trajectkit never reads a file differently from the system that wrote
it: a key twice in one object (which value counts?), ``NaN`` and ``Infinity`` (not
JSON), text that is not UTF-8.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from trajectkit.catalogue.files import Limits
from trajectkit.errors import UsageError
from trajectkit.translation import N_, _

MESSAGES = {
    "unreadable": N_("%(file)s: cannot read: %(reason)s"),
    "too_large": N_("%(file)s: the file is %(size)s bytes, over the limit of %(limit)s; export a smaller framework"),
    "not_utf8": N_("%(file)s: the file is not UTF-8 text (%(reason)s); save it as UTF-8 JSON"),
    "not_json": N_(
        "%(file)s:%(line)s:%(column)s: not JSON: %(reason)s; check that the file is a complete JSON document"
    ),
    "too_many": N_("%(file)s: the file holds more than %(limit)s objects and arrays; export a smaller framework"),
    "too_deep": N_("%(file)s: the JSON is nested deeper than %(limit)s levels; a CASE package needs fewer than ten"),
    "duplicate_key": N_(
        "%(file)s: the key '%(key)s' appears twice in one object; keep one, JSON readers disagree on which counts"
    ),
    "constant": N_("%(file)s: '%(value)s' is not a JSON number; write the number, or leave the field out"),
    "number": N_("%(file)s: a number in the file is too long to read (%(reason)s)"),
}


class JsonInputError(UsageError):
    """A JSON file trajectkit will not read (exit 2); the message names the file."""


class _DuplicateKey(ValueError):
    pass


DEFAULT_LIMITS = Limits()


def read_json(path: Path, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The parsed content of ``path``, or :class:`JsonInputError` saying what to do."""
    shown = path.as_posix()
    raw = _read_bytes(path, shown, limits)
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 BOM, as Windows editors write
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise JsonInputError(
            _(MESSAGES["not_utf8"]) % {"file": shown, "reason": f"byte {error.start}: {error.reason}"}
        ) from None
    # An upper bound on the containers before any is built: brackets inside strings
    # count too, which only makes the bound safer.
    if text.count("{") + text.count("[") > limits.max_nodes:
        raise JsonInputError(_(MESSAGES["too_many"]) % {"file": shown, "limit": f"{limits.max_nodes:,}"})
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_refuse_constant)
    except _DuplicateKey as error:
        raise JsonInputError(_(MESSAGES["duplicate_key"]) % {"file": shown, "key": error.args[0]}) from None
    except json.JSONDecodeError as error:
        raise JsonInputError(
            _(MESSAGES["not_json"]) % {"file": shown, "line": error.lineno, "column": error.colno, "reason": error.msg}
        ) from None
    except RecursionError:
        raise JsonInputError(_(MESSAGES["too_deep"]) % {"file": shown, "limit": limits.max_depth}) from None
    except _Constant as error:
        raise JsonInputError(_(MESSAGES["constant"]) % {"file": shown, "value": error.args[0]}) from None
    except ValueError as error:  # an integer of more digits than Python converts
        raise JsonInputError(_(MESSAGES["number"]) % {"file": shown, "reason": error}) from None
    if _depth(data) > limits.max_depth:
        raise JsonInputError(_(MESSAGES["too_deep"]) % {"file": shown, "limit": limits.max_depth})
    return data


def _read_bytes(path: Path, shown: str, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise JsonInputError(
                _(MESSAGES["too_large"]) % {"file": shown, "size": f"{size:,}", "limit": f"{limits.max_file_bytes:,}"}
            )
        with path.open("rb") as stream:
            data = stream.read(limits.max_file_bytes + 1)
    except OSError as error:
        raise JsonInputError(_(MESSAGES["unreadable"]) % {"file": shown, "reason": error.strerror or error}) from None
    if len(data) > limits.max_file_bytes:  # grew while we looked, or a device
        raise JsonInputError(
            _(MESSAGES["too_large"]) % {"file": shown, "size": f"{len(data):,}", "limit": f"{limits.max_file_bytes:,}"}
        )
    return data


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


class _Constant(ValueError):
    pass


def _refuse_constant(value: str) -> Any:
    raise _Constant(value)


def _depth(data: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest
