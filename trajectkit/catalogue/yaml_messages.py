"""PyYAML's words for a syntax error, in the run's language (YAML-meldingen).

PyYAML says what went wrong in English ("mapping values are not allowed here",
"while parsing a block mapping"); :func:`in_run_language` looks the known ones up in
the catalog, from one table that holds both its C parser's and its pure-Python
parser's wording (the pure-Python parser, the reference, words every syntax error a
user sees: ``loading.REFERENCE_PARSER``). Unknown wording is shown as PyYAML wrote it. The rule id
(``yaml-syntax``) stays English.
"""

from __future__ import annotations

import re

from trajectkit.translation import N_, _

#: PyYAML's problems and contexts, exactly as it writes them.
KNOWN = frozenset(
    {
        # problems
        N_("mapping values are not allowed in this context"),
        N_("mapping values are not allowed here"),
        N_("did not find expected key"),
        N_("could not find expected ':'"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}'"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected node content"),
        N_("did not find expected <document start>"),
        N_("did not find expected comment or line break"),
        N_("did not find expected alphabetic or numeric character"),
        N_("found unexpected end of stream"),
        N_("found unexpected ':'"),
        N_("found character that cannot start any token"),
        N_("found unknown escape character"),
        N_("found undefined tag handle"),
        N_("found unknown directive name"),
        N_("found incompatible YAML document"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        # contexts
        N_("while parsing a block mapping"),
        N_("while parsing a block collection"),
        N_("while parsing a flow sequence"),
        N_("while parsing a flow mapping"),
        N_("while parsing a quoted scalar"),
        N_("while parsing a node"),
        N_("while parsing a block node"),
        N_("while parsing a flow node"),
        N_("while scanning a quoted scalar"),
        N_("while scanning for the next token"),
        N_("while scanning a simple key"),
        N_("while scanning a block scalar"),
        N_("while scanning a plain scalar"),
        N_("while scanning an alias"),
        N_("while scanning an anchor"),
        N_("while scanning a directive"),
        N_("while scanning a tag"),
    }
)

#: The pure-Python parser's wording that names what it found.
_FOUND_CHARACTER = re.compile(r"found character (?P<character>.+) that cannot start any token")
_EXPECTED = re.compile(r"expected (?P<expected>.+), but found (?P<found>.+)")
_EXPECTED_GOT = re.compile(r"expected (?P<expected>.+), but got (?P<found>.+)")


def in_run_language(words: str) -> str:
    """PyYAML's ``words`` (a problem or a context) in the language of the run."""
    if words in KNOWN:
        return _(words)
    if match := _FOUND_CHARACTER.fullmatch(words):
        return _("found character %(character)s that cannot start any token") % match.groupdict()
    if match := _EXPECTED.fullmatch(words):
        return _("expected %(expected)s, but found %(found)s") % _alternatives(match)
    if match := _EXPECTED_GOT.fullmatch(words):
        return _("expected %(expected)s, but got %(found)s") % _alternatives(match)
    return words


def _alternatives(match: re.Match[str]) -> dict[str, str]:
    """The parts of an "expected ..." message, its "',' or ']'" in the run's language."""
    parts = match.groupdict()
    parts["expected"] = parts["expected"].replace(" or ", _(" or "))
    return parts
