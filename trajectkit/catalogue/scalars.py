"""One YAML scalar as a value, or the reason it cannot be one.

The loader builds values itself (see loading.py); this module turns the text of one
scalar and its tag into ``None``, a bool, an int, a float or text. Whatever the text,
the answer is a value or a :class:`ScalarError` that says why, never another
exception: an explicit tag whose text does not fit it (``!!bool maybe``,
``!!int ''``), a number that is not finite (``.nan``, ``.inf``, ``1e999``) and a
whole number too large to be a count, an amount or an id (a 5,000-digit hex number)
are refused here, once, for every field of every kind.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from trajectkit.translation import N_, _

NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
STR = "tag:yaml.org,2002:str"

#: The largest whole number read: a signed 64-bit integer, what JSON and YAML tools
#: agree on. No count, amount or id of a catalogue comes near it.
MAX_INT = 2**63 - 1
#: A whole number's text (without sign and ``_``) longer than this is refused unread:
#: ``2**63`` in binary has 63 digits, and converting a long base-60 number costs
#: time that grows with the square of its length.
_MAX_INT_TEXT = 70

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
#: What ``!!float`` also takes, as YAML 1.2 writes numbers: ``1``, ``1e5``, ``-.5E-3``.
_TAGGED_FLOAT = re.compile(r"[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?")


class ScalarError(ValueError):
    """The text of a scalar does not make a value trajectkit reads."""


def _forms() -> dict[str, re.Pattern[str]]:
    """The text each plain tag accepts, as YAML's resolver recognises it untagged."""
    forms: dict[str, re.Pattern[str]] = {}
    for resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.values():
        for tag, pattern in resolvers:
            forms.setdefault(tag, pattern)
    return forms


_FORMS = _forms()


def _fits(tag: str, text: str) -> bool:
    # fullmatch: the resolver's patterns end in `$`, which also matches before a final newline.
    if tag == FLOAT and _TAGGED_FLOAT.fullmatch(text):
        return True
    return _FORMS[tag].fullmatch(text) is not None


#: What to write instead, per tag, when a tagged text does not fit it.
_WRITE = {
    NULL: N_("write ~ or null"),
    BOOL: N_("write true or false"),
    INT: N_("write a whole number"),
    FLOAT: N_("write a number"),
    TIMESTAMP: N_("write YYYY-MM-DD"),
}


def _null(text: str) -> None:
    return None


def _bool(text: str) -> bool:
    return bool(_CONSTRUCTOR.bool_values[text.lower()])


def _int(text: str) -> int:
    digits = text.lstrip("+-").replace("_", "")
    if len(digits) > _MAX_INT_TEXT:
        raise ScalarError(_too_large(text))
    try:
        value = int(_CONSTRUCTOR.construct_yaml_int(ScalarNode(INT, text)))
    except (ValueError, IndexError) as error:  # "0x_": only the prefix is left
        raise ScalarError(_("cannot read %(text)s as %(type)s") % {"text": _shown(text), "type": "int"}) from error
    if abs(value) > MAX_INT:
        raise ScalarError(_too_large(text))
    return value


def _float(text: str) -> float:
    try:
        value = float(_CONSTRUCTOR.construct_yaml_float(ScalarNode(FLOAT, text)))
    except (ValueError, IndexError, OverflowError) as error:
        raise ScalarError(_("cannot read %(text)s as %(type)s") % {"text": _shown(text), "type": "float"}) from error
    if not math.isfinite(value):
        raise ScalarError(
            _(
                "%(text)s is not a finite number; trajectkit reads no NaN or infinity, write a number (or quote the text)"
            )
            % {"text": _shown(text)}
        )
    return value


def _timestamp(text: str) -> str:
    # Dates stay as the text the author wrote; the schema checks their form and the
    # model turns them into ``datetime.date``.
    return text


CONVERT: dict[str, Callable[[str], Any]] = {
    NULL: _null,
    BOOL: _bool,
    INT: _int,
    FLOAT: _float,
    TIMESTAMP: _timestamp,
    STR: str,
}


def convert(tag: str, text: str, tagged: bool = True) -> Any:
    """The value of a scalar with ``tag`` (one of :data:`CONVERT`) and ``text``.

    ``tagged``: the tag was written, so the text may not have its form; an untagged
    scalar got its tag from YAML's resolver, which matched the form already.
    """
    if tagged and tag in _WRITE and not _fits(tag, text):
        raise ScalarError(
            _("cannot read %(text)s as %(type)s; %(fix)s, or remove the tag")
            % {"text": _shown(text), "type": tag.rsplit(":", 1)[-1], "fix": _(_WRITE[tag])}
        )
    return CONVERT[tag](text)


def _too_large(text: str) -> str:
    return _("the number %(text)s is too large; trajectkit reads whole numbers up to %(limit)s") % {
        "text": _shown(text),
        "limit": f"{MAX_INT:,}",
    }


def _shown(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)")
