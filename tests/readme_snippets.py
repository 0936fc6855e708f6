"""The README's copy-paste snippets, found by section heading, for the tests that run them.

A section is a ``## Heading`` up to the next heading of the same or a higher level. A
code block's file name is the comment on its first line (``# .gitlab-ci.yml``) or a
backticked name ending in a colon just above it (```competences.csv`:``).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
_FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<body>.*?)^```\s*$", re.DOTALL | re.MULTILINE)
_FILE_NAME = re.compile(r"[\w./-]+\.(?:ya?ml|csv|json)")


@dataclass(frozen=True)
class Snippet:
    language: str
    text: str
    file_name: str | None


def section(heading: str) -> str:
    """The text under ``## heading``; a README without that section fails the test."""
    lines = README.read_text(encoding="utf-8").splitlines(keepends=True)
    start = level = None
    fenced = False
    for number, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
            continue
        heading_match = None if fenced else re.match(r"^(#+) (.*?)\s*$", line)
        if heading_match is None:
            continue
        if start is None and heading_match.group(2) == heading:
            start, level = number + 1, len(heading_match.group(1))
        elif start is not None and level is not None and len(heading_match.group(1)) <= level:
            return "".join(lines[start:number])
    if start is None:
        pytest.fail(f"README.md has no '{heading}' section: was it renamed? The snippets under it are tested")
    return "".join(lines[start:])


def snippets(text: str) -> list[Snippet]:
    found = []
    for match in _FENCE.finditer(text):
        body = match.group("body")
        first = body.splitlines()[0] if body else ""
        name = None
        if first.startswith("#") and _FILE_NAME.fullmatch(first.lstrip("# ").split()[0] if first.lstrip("# ") else ""):
            name = first.lstrip("# ").split()[0]
        else:
            before = text[: match.start()].rstrip().splitlines()
            caption = before[-1] if before else ""
            named = re.search(r"`([\w./-]+)`[^`]*:\s*$", caption)
            if named and _FILE_NAME.fullmatch(named.group(1)):
                name = named.group(1)
        found.append(Snippet(match.group("info").strip(), body, name))
    return found


def commands(text: str, program: str = "trajectkit") -> list[list[str]]:
    """The ``program ...`` command lines of a shell snippet, each cut at ``||``, ``&&``, ``|`` or ``;``."""
    found = []
    for line in text.replace("\\\n", " ").splitlines():
        line = line.strip().removeprefix("$ ")
        words = shlex.split(line, comments=True)
        for stop in ("||", "&&", "|", ";"):
            if stop in words:
                words = words[: words.index(stop)]
        if words and words[0] == program:
            found.append(words[1:])
    return found
