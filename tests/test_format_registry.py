"""The light registry of format names equals the formats each command's module implements."""

from __future__ import annotations

import importlib

import pytest

from trajectkit.cli import main
from trajectkit.formats import FORMAT_NAMES

#: Where each command's formats are implemented, when not only in trajectkit.formats.<command>.
IMPLEMENTED = {"coverage": ("trajectkit.formats.coverage", "trajectkit.formats.graph")}
#: Formats a command writes through an open standard (trajectkit.standards) instead.
STANDARDS = {"attest": {"elm"}}


@pytest.mark.parametrize("command", sorted(set(FORMAT_NAMES) - {"rules", "plan", "export"}))
def test_every_named_format_is_implemented(command: str) -> None:
    modules = IMPLEMENTED.get(command, (f"trajectkit.formats.{command}",))
    implemented = {name for module in modules for name in importlib.import_module(module).FORMATS}
    assert implemented | STANDARDS.get(command, set()) == set(FORMAT_NAMES[command])


@pytest.mark.parametrize("command", sorted(FORMAT_NAMES))
def test_format_choices_come_from_the_registry(command: str) -> None:
    option = next(param for param in main.commands[command].params if "--format" in getattr(param, "opts", ()))
    assert tuple(option.type.choices) == FORMAT_NAMES[command]


def test_export_writes_the_sheet_formats_and_the_standards() -> None:
    from trajectkit.commands.export import CASE, ELM
    from trajectkit.sheets.workbook import FORMATS as SHEETS

    assert set(FORMAT_NAMES["export"]) == {*SHEETS, CASE, ELM}
