"""The examples in the rules' docstrings, for the tests that read them and run them."""

from __future__ import annotations

import re
import textwrap
from types import ModuleType
from typing import Literal

Outcome = Literal["fails", "passes"]
OUTCOMES: tuple[Outcome, ...] = ("fails", "passes")


def example(module: ModuleType, outcome: Outcome) -> str:
    """The literal block after ``Example that fails...::`` (or ``passes``), dedented."""
    doc = module.__doc__ or ""
    pattern = rf"^Example that {outcome}[^\n]*::\n\n((?:[ \t]+.*\n|[ \t]*\n)+)"
    match = re.search(pattern, doc + "\n", re.M)
    assert match, f"{module.ID}: no literal block after 'Example that {outcome} ...::'"
    return textwrap.dedent(match.group(1)).strip("\n") + "\n"
