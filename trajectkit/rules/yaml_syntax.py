"""The file is not valid YAML text (line and column from the parser).

What it checks: every file can be decoded (UTF-8, or UTF-16/32 with a byte-order
mark) and parsed as YAML; binary files (NUL bytes) and tags other than the plain
YAML ones (`!!python/object` and friends) are refused. So are a tagged value whose
text does not fit its tag (`!!bool maybe`, `!!int ''`), NaN and infinity (`.nan`,
`.inf`), and whole numbers beyond a signed 64-bit integer, in any base.

Why it matters: nothing else can be checked in a file that cannot be read, and
trajectory files come from many authors, so a parser must never run their code.

Example that fails::

    competences: [bkc0051279, bkc0051280     # the list is never closed
    title: Stukadoor

Example that passes::

    competences: [bkc0051279, bkc0051280]
    title: Stukadoor

How to fix: correct the YAML at the line and column given (close the bracket or
quote, indent with spaces, not tabs); save the file as UTF-8; remove custom tags;
write a finite number, or quote the value when it is text.

Options: none. A load rule: it cannot be lowered or switched off.
"""

from trajectkit.problems import Level

ID = "yaml-syntax"
DEFAULT_LEVEL = Level.ERROR
LOAD = True
