"""Text for a terminal or a CI log: control characters made visible, never obeyed.

A catalogue, a file name or a sheet may hold ESC, CR and other control characters.
Printed raw, ``\\x1b[1A\\x1b[2K\\r`` erases the line above and a value can paint
"0 errors" in green over a real error; a newline in a file name starts a line that
looks like a finding of its own. Everything trajectkit prints for people goes through
``escape``: the text reports, the text formats of the other commands (``for_terminal``)
and every message (``say``, and the CLI for errors). Machine formats (JSON, SARIF,
CSV, JUnit) keep the exact value: their own syntax escapes it.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import PurePath
from typing import IO, Any, TypeVar

import click

Data = TypeVar("Data")

#: C0 controls but tab and newline, DEL, C1 controls (NEL among them), the line and
#: paragraph separators, and the bidirectional embeddings, overrides and isolates,
#: which reorder what a terminal shows (the "Trojan Source" characters).
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_IN_TEXT = re.compile(f"[{_UNSAFE}]")
_IN_LINE = re.compile(f"[{_UNSAFE}\t\n]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    character = match.group()
    named = _NAMED.get(character)
    if named is not None:
        return named
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\r``).

    ``keep_newlines`` keeps newlines and tabs, for a whole message or report whose
    lines trajectkit made; without it the text is one value on one line (a file
    name, an id), and its newlines are escaped too.
    """
    pattern = _IN_TEXT if keep_newlines else _IN_LINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_visible, text)


def say(message: str, err: bool = False, nl: bool = True) -> None:
    """Print a message trajectkit composed (its values may be anything) to the terminal."""
    click.echo(escape(message, keep_newlines=True), err=err, nl=nl)


_QUIET: contextvars.ContextVar[bool] = contextvars.ContextVar("trajectkit_quiet", default=False)


def set_quiet(quiet: bool) -> None:
    """``-q/--quiet``: from now on, :func:`note` prints nothing (set by the CLI for each run)."""
    _QUIET.set(quiet)


def is_quiet() -> bool:
    return _QUIET.get()


def note(message: str, err: bool = False) -> None:
    """A message that is neither a finding nor an error ("wrote …", the date used): not under ``-q``."""
    if not is_quiet():
        say(message, err=err)


def wants_colour(stream: IO[str], environ: Mapping[str, str] = os.environ) -> bool:
    """Colour for people: a terminal, unless ``NO_COLOR`` is set (no-color.org); ``FORCE_COLOR``
    (force-color.org) asks for it on a pipe or in a CI log too. Either counts when not empty;
    ``NO_COLOR`` wins when both are."""
    if environ.get("NO_COLOR"):
        return False
    return bool(environ.get("FORCE_COLOR")) or stream.isatty()


#: Documents (or learners) from which a run is long enough to show its progress.
PROGRESS_FROM = 1000


def shows_progress(count: int | None = None, at_least: int | None = None) -> bool:
    """Whether work on ``count`` items shows its progress: ``at_least`` of them (default
    :data:`PROGRESS_FROM`; any number when ``count`` is not given), standard error a
    terminal, no ``-q``. Never in CI, a pipe or a file, where it would be noise."""
    enough = count is None or count >= (PROGRESS_FROM if at_least is None else at_least)
    return enough and sys.stderr.isatty() and not is_quiet()


@contextlib.contextmanager
def progress(total: int, label: str, shown: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar of ``total`` steps on standard error while the block runs, when
    ``shown`` (see :func:`shows_progress`); the block calls what it is given with the
    steps done since the last call."""
    if not shown or total < 1:
        yield lambda steps: None
        return
    steps = max(1, total // 200)  # drawn at most 200 times, however long the work
    with click.progressbar(length=total, label=label, file=sys.stderr, update_min_steps=steps) as bar:
        yield bar.update
    sys.stderr.write("\x1b[1A\r\x1b[2K")  # the finished bar goes: what follows is the answer
    sys.stderr.flush()


@contextlib.contextmanager
def status(label: str, shown: bool) -> Iterator[None]:
    """``label…`` on standard error while a step of unknown length runs, when ``shown``;
    the line is cleared afterwards."""
    if not shown:
        yield
        return
    sys.stderr.write(f"{label}…")
    sys.stderr.flush()
    try:
        yield
    finally:
        sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()


class EscapingStream:
    """A text stream that passes what it is given through ``escape`` (newlines kept):
    for text composed elsewhere, such as click's error messages."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(escape(text, keep_newlines=True))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()


def for_terminal(formatter: Callable[[Data], str]) -> Callable[[Data], str]:
    """A text format whose every value reaches the page escaped, newlines included.

    The formatter gets a copy of its data with each string escaped as one line
    (``escape``), so a name holding a newline cannot start a line of its own, and
    its output is escaped once more as a whole.
    """

    @functools.wraps(formatter)
    def text_format(data: Data) -> str:
        return escape(formatter(escaped_values(data)), keep_newlines=True)

    return text_format


def escaped_values(value: Any, _seen: dict[int, Any] | None = None) -> Any:
    """A copy of ``value`` (frozen dataclasses, tuples, lists, dicts) with every string
    escaped as one line. Where a catalogue object is written (its ``source``) is not
    printed and is kept as it is; objects shared by several parents stay shared."""
    seen = {} if _seen is None else _seen
    key = id(value)
    if key in seen:
        return seen[key]
    result: Any
    if isinstance(value, str):
        result = escape(value)
    elif isinstance(value, PurePath):
        result = type(value)(escape(str(value)))
    elif isinstance(value, tuple) and not hasattr(value, "_fields"):
        result = tuple(escaped_values(item, seen) for item in value)
    elif isinstance(value, list):
        result = [escaped_values(item, seen) for item in value]
    elif type(value) is dict:
        result = {escaped_values(name, seen): escaped_values(item, seen) for name, item in value.items()}
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {
            field.name: escaped_values(getattr(value, field.name), seen)
            for field in dataclasses.fields(value)
            if field.init and field.name != "source"
        }
        result = dataclasses.replace(value, **changed)
    else:
        result = value
    seen[key] = result
    return result
