"""The rule reference as Markdown (docs/rules.md), made from the rules' own docstrings."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from trajectkit.rules import LOAD_RULES, RULES, documentation, summary

_LITERAL = re.compile(r"^(?P<lead>[^\n]*)::\n\n(?P<body>(?:[ \t]+[^\n]*\n|[ \t]*\n)+)", re.M)


def markdown_reference(rule_ids: Iterable[str]) -> str:
    """A table of the rules, then each rule's documentation with its examples as YAML blocks."""
    ids = list(rule_ids)
    lines = [
        "# trajectkit rules",
        "",
        "Made from the rules' own documentation by `trajectkit rules --format markdown`;",
        "`trajectkit rules RULE` prints one of them. Levels are the defaults: `trajectkit.yaml`",
        "can lower, raise or switch off any rule except the load rules, which read the files.",
        "",
        "| id | level | what it catches |",
        "|---|---|---|",
    ]
    lines += [
        f"| [`{rule_id}`](#{rule_id}) | {RULES[rule_id].DEFAULT_LEVEL} | {_cell(summary(RULES[rule_id]))} |"
        for rule_id in ids
    ]
    for rule_id in ids:
        module = RULES[rule_id]
        load = " (load rule)" if rule_id in LOAD_RULES else ""
        lines += [
            "",
            f"## {rule_id}",
            "",
            f"Level: {module.DEFAULT_LEVEL}{load}.",
            "",
            _markdown(documentation(module)),
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _markdown(doc: str) -> str:
    """reST literal blocks (``Example that fails::`` + indented lines) as fenced YAML."""

    def fence(match: re.Match[str]) -> str:
        body = textwrap.dedent(match.group("body")).strip("\n")
        return f"{match.group('lead')}:\n\n```yaml\n{body}\n```\n\n"

    return _LITERAL.sub(fence, doc + "\n").rstrip("\n")
