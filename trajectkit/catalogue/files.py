"""Catalogue files on disk: which files a run reads, and their bytes and text.

Untrusted input: a folder from a pull request may hold links out of it, named pipes
or devices, files of any size and in any encoding. What would hang, leak or cost too
much is refused here, before any YAML is parsed.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from trajectkit.catalogue.config_files import CONFIG_NAMES
from trajectkit.problems import UNREADABLE, Finding, Location
from trajectkit.translation import _

Mark = tuple[int, int]

YAML_SUFFIXES = (".yaml", ".yml")


#: Files of other tools that a repository keeps beside a catalogue: left out of a
#: folder walk (a file named on the command line is always read).
DEFAULT_EXCLUDE = (
    "mkdocs.yml",
    "mkdocs.yaml",
    "docker-compose.yml",
    "docker-compose.yaml",
    "compose.yml",
    "compose.yaml",
    "action.yml",
    "action.yaml",
    "codecov.yml",
    "environment.yml",
    "pnpm-lock.yaml",
    "node_modules/",
)


@dataclass(frozen=True)
class Limits:
    """Bounds on what reading may cost; refused beyond them (``yaml-limits``).

    ``max_nodes`` counts the values of one file, all its documents together (a
    ``---`` does not start the count again); ``max_total_nodes`` and
    ``max_documents`` count everything one run reads. Their defaults are about twice
    the catalogue of all of Flanders: 32,000 documents, and 1.3 million values without
    the learners' history, about 5 million with three years of evaluations and plan
    versions (``benchmarks/generate.py --over-time``); 100,000 tiny documents took
    409 MB before.
    """

    max_file_bytes: int = 16 * 1024 * 1024
    max_depth: int = 64
    max_aliases: int = 1_000
    max_nodes: int = 1_000_000
    max_total_nodes: int = 12_000_000
    max_documents: int = 60_000


#: The limits when the configuration sets none.
DEFAULT_LIMITS = Limits()


@dataclass
class Tally:
    """What the files read so far in a run hold: values and documents, against the
    run's limits (``max_total_nodes``, ``max_documents``)."""

    nodes: int = 0
    documents: int = 0


def run_refusal(limits: Limits, tally: Tally, mark: Mark) -> Refused:
    """The refusal when the files of a run together pass one of the run's limits."""
    if tally.documents >= limits.max_documents:
        what = _("%(count)s documents") % {"count": f"{limits.max_documents:,}"}
        setting = "max_documents"
    else:
        what = _("%(count)s values") % {"count": f"{limits.max_total_nodes:,}"}
        setting = "max_total_nodes"
    return Refused(
        "yaml-limits",
        _(
            "the files read so far hold %(what)s, the most one run reads; the rest of this file "
            "and the files after it are not read (raise limits.%(setting)s if this is real)"
        )
        % {"what": what, "setting": setting},
        mark,
    )


class InputPathError(Exception):
    """A path on the command line that does not exist or cannot be read (exit code 2)."""


class Refused(Exception):
    """Reading stops here for this file; carries the finding to report. ``whole_file``:
    the documents read before it are dropped too (the file is refused as a whole)."""

    def __init__(self, rule: str, message: str, mark: Mark = (1, 1), whole_file: bool = False) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.mark = mark
        self.whole_file = whole_file

    def finding(self, path: str) -> Finding:
        return Finding(Location(path, *self.mark, UNREADABLE), self.rule, self.message)


def discover(paths: Iterable[str | os.PathLike[str]], exclude: Sequence[str] = ()) -> list[Path]:
    """Expand files and directories (recursively, ``*.yaml``/``*.yml``) into a sorted file list.

    In a folder walk, files and folders that match a pattern of ``exclude`` (``--exclude``
    and ``exclude:``) or of :data:`DEFAULT_EXCLUDE` are left out (:func:`excluded`).

    Hidden folders and files (such as ``.pre-commit-config.yaml``) and the configuration
    file ``trajectkit.yaml`` are skipped inside directories; symbolic links to folders are not followed, so a link loop is harmless.
    Inside a directory, a file that is not a regular file (a named pipe would block the
    read forever, a device never ends) or a symbolic link that leads out of the directory
    (a pull request could point one at a secret of the CI machine) is refused.
    """
    found: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            folder = path.resolve()
            patterns = (*DEFAULT_EXCLUDE, *exclude)
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".") and not excluded(Path(root, d), path, patterns, folder=True)
                )
                for name in sorted(files):
                    if name.endswith(YAML_SUFFIXES) and name not in CONFIG_NAMES and not name.startswith("."):
                        file = Path(root, name)
                        if excluded(file, path, patterns):
                            continue
                        _check_walked(file, folder, raw)
                        found.setdefault(file.as_posix(), file)
        elif path.is_file():
            found.setdefault(path.as_posix(), path)
        elif path.exists():
            raise InputPathError(f"{raw}: {_not_regular(path.stat().st_mode)}")
        else:
            raise InputPathError(_("%(path)s: no such file or directory") % {"path": raw})
    return [found[key] for key in sorted(found)]


def excluded(path: Path, given: Path, patterns: Sequence[str], folder: bool = False) -> bool:
    """Whether ``path``, met walking the folder ``given``, matches one of ``patterns``.

    A pattern is a shell glob (``*``, ``?``, ``[…]``; ``*`` also crosses ``/``) matched
    against the name, the path below ``given`` and the path as walked (``given`` in
    front), all with ``/``; a pattern ending in ``/`` matches folders only.
    """
    walked = path.as_posix()
    candidates = (path.name, path.relative_to(given).as_posix(), walked, walked.removeprefix("./"))
    for pattern in patterns:
        if pattern.endswith("/"):
            if not folder:
                continue
            pattern = pattern.rstrip("/")
        if any(fnmatch.fnmatchcase(candidate, pattern) for candidate in candidates):
            return True
    return False


def _check_walked(file: Path, folder: Path, given: str | os.PathLike[str]) -> None:
    """A file met inside a directory must be a regular file within that directory."""
    try:
        mode = file.lstat().st_mode
        if stat.S_ISREG(mode):
            return  # the common case: one system call
        if stat.S_ISLNK(mode):
            target = file.resolve()
            if not target.is_relative_to(folder):
                raise InputPathError(
                    _(
                        "%(path)s: a symbolic link that leads out of %(folder)s (to %(target)s); trajectkit reads "
                        "only files inside the folders it is given: copy the file in, or name it on the command line"
                    )
                    % {"path": file.as_posix(), "folder": os.fspath(given), "target": target}
                )
            mode = target.stat().st_mode
    except OSError:
        return  # a dangling link: reading it reports the error
    if not stat.S_ISREG(mode):
        raise InputPathError(f"{file.as_posix()}: {_not_regular(mode)}")


def _not_regular(mode: int) -> str:
    kind = (
        _("a named pipe")
        if stat.S_ISFIFO(mode)
        else _("a device")
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else _("a socket")
        if stat.S_ISSOCK(mode)
        else _("a special file")
    )
    return _("not a regular file (%(kind)s); trajectkit reads catalogue files only") % {"kind": kind}


def read_bytes(file: Path, limits: Limits) -> bytes:
    """The file's bytes, refusing it unread when it is larger than the limit."""
    try:
        size = file.stat().st_size
        if size > limits.max_file_bytes:
            raise Refused(
                "yaml-limits",
                _(
                    "file is %(size)s bytes, over the limit of %(limit)s; "
                    "split it into smaller files or raise limits.max_file_bytes in trajectkit.yaml"
                )
                % {"size": f"{size:,}", "limit": f"{limits.max_file_bytes:,}"},
            )
        with file.open("rb") as stream:
            data = _read_at_most(stream, limits.max_file_bytes + 1, size)
    except OSError as error:
        raise InputPathError(
            _("%(path)s: cannot read: %(reason)s") % {"path": file.as_posix(), "reason": error.strerror}
        ) from error
    if len(data) > limits.max_file_bytes:  # grew while we looked, or a special file
        raise Refused(
            "yaml-limits", _("file is over the limit of %(limit)s bytes") % {"limit": f"{limits.max_file_bytes:,}"}
        )
    return data


#: What one read asks for beyond the size a file had: a limit of 10**18 bytes must
#: not become a buffer of that size.
_CHUNK = 1024 * 1024


def _read_at_most(stream: BinaryIO, most: int, size: int) -> bytes:
    """Up to ``most`` bytes: the ``size`` the file had in one read, then a chunk at a
    time while it grows (or when it is a special file, whose size says nothing)."""
    first = stream.read(min(most, size + 1))
    if len(first) <= size:
        return first
    chunks, total = [first], len(first)
    while total < most and (chunk := stream.read(min(_CHUNK, most - total))):
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16/32 with a BOM; anything else is refused."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            encoding = codec
            break
    else:
        encoding = "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise Refused(
            "yaml-syntax",
            _("not valid %(encoding)s text (byte 0x%(byte)02x); save the file as UTF-8")
            % {"encoding": encoding.upper(), "byte": raw[error.start]},
            (line, column),
        ) from error
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise Refused("yaml-syntax", _("binary file (NUL byte); a catalogue file must be YAML text"), (line, column))
    return text
