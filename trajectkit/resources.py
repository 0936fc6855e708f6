"""Where the shipped data lives: schemas, templates and built-in profiles.

In a wheel, ``schemas/`` and ``templates/`` are copied into the package; in a source
checkout (editable install, tests) they are the top-level folders beside it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


@cache
def schemas_dir() -> Path:
    return _shipped("schemas")


@cache
def templates_dir() -> Path:
    return _shipped("templates")


def profiles_dir() -> Path:
    return _PACKAGE / "profiles"


def builtin_profiles() -> list[str]:
    return sorted(path.stem for path in profiles_dir().glob("*.yaml"))
