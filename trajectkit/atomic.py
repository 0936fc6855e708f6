"""Writing files: where a command may write (the output policy), and writing safely.

The policy, checked before any work (``check_output``, ``check_folder``):

- an output is never one of the command's inputs: not the same file, not through a
  symbolic or a hard link, not even with ``--force``;
- an existing file is replaced only when it is a previous trajectkit output (it
  carries trajectkit's mark, ``is_trajectkit_output``) or is empty, else only with
  ``--force``;
- a folder, a link loop, an empty name or a place that cannot be written is a usage
  error (exit 2) that says so; missing parent folders are created when writing.

The write (``atomic_output``, ``write_atomic``): a temporary file beside the target,
then an atomic rename. A crash, a full disk or Ctrl-C leaves either the old file or
none, never half of one. A new file gets the mode the umask gives; a replaced file
keeps its mode.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NoReturn

from trajectkit.errors import UsageError
from trajectkit.translation import N_, _

#: How much of a file's start and end is searched for trajectkit's mark.
MARK_WINDOW = 64 * 1024
#: A PDF's document information sits in a compressed object stream near its end.
PDF_TAIL = 1024 * 1024
PDF_INFLATED = 4 * 1024 * 1024
WORKBOOK_PROPERTIES = "docProps/core.xml"

#: The marks trajectkit writes into its outputs where the format has room for one.
#: Searched in the first and last ``MARK_WINDOW`` bytes; PDF and xlsx are read apart.
MARKS = (
    re.compile(rb'<meta name="generator" content="trajectkit"'),  # HTML
    re.compile(rb'"tool": \{\s*"name": "trajectkit"'),  # JSON of every command
    re.compile(rb'"driver": \{\s*"name": "trajectkit"'),  # SARIF
    re.compile(rb'"creator": "trajectkit"'),  # CASE packages
    re.compile(rb'"\$id": "https://trajectkit\.org/schemas/'),  # the JSON Schemas (`schema --out`)
    re.compile(rb'<testsuites name="trajectkit"'),  # JUnit
    re.compile(rb"\A### \S+ trajectkit validate: "),  # Markdown
    re.compile(rb"\A(?:#[^\n]*\n)*?#[^\n]*`trajectkit [a-z-]+`"),  # YAML: a comment naming the command
    re.compile(rb"\A// Written by trajectkit"),  # DOT
    re.compile(rb"\A<!-- Written by trajectkit"),  # GraphML
)

MESSAGES = {
    "empty": N_("%(option)s: an empty name; give the file to write"),
    "folder": N_("%(path)s: a folder; %(option)s names the file to write"),
    "not_folder": N_("%(path)s: not a folder; %(option)s names the folder to write into"),
    "loop": N_("%(path)s: a symbolic link loop"),
    "parent_not_folder": N_("%(path)s: cannot write there: %(parent)s is not a folder"),
    "parent_unwritable": N_("%(path)s: cannot write there: %(parent)s is not writable"),
    "unreachable": N_("%(path)s: cannot write there: %(reason)s"),
    "input": N_("%(path)s: that is one of the files this command reads; write to another file"),
    "dangling": N_("%(path)s: a symbolic link to %(target)s, which does not exist; add --force to write there"),
    "foreign": N_(
        "%(path)s: already exists and carries no trajectkit mark (text, CSV and ELM files cannot carry one); "
        "choose another %(option)s or add --force to replace it"
    ),
    "no_marks": N_("%(path)s: already exists; choose another %(option)s or add --force to replace it"),
}


class Inputs:
    """The files a command reads, found only when an output already exists.

    ``find`` lists them (catalogue files, configuration, profile, a sheet, templates);
    they are compared by device and inode, so a symbolic or hard link to an input is
    that input.
    """

    def __init__(self, find: Callable[[], Iterable[Path]] = tuple) -> None:
        self._find = find
        self._identities: set[tuple[int, int]] | None = None

    def holds(self, path: Path) -> bool:
        identity = _identity(path)
        if identity is None:
            return False
        if self._identities is None:
            self._identities = {found for file in self._find() if (found := _identity(file)) is not None}
        return identity in self._identities


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino)


# --------------------------------------------------------------------------- the policy


def check_output(
    path: str | os.PathLike[str],
    inputs: Inputs | None = None,
    force: bool = False,
    option: str = "--out",
    recognise: bool = True,
) -> Path:
    """``path`` as a file this command may write, or a usage error saying why not.

    ``recognise=False`` is for files people go on to edit (the YAML of ``import``):
    replacing one always needs ``--force``.
    """
    target = _named(path, option)
    status = _status(target)
    if status is None:
        if target.is_symlink() and not force:
            raise UsageError(_(MESSAGES["dangling"]) % {"path": target, "target": os.readlink(target)})
        _check_parent(target)
        return target
    if stat.S_ISDIR(status.st_mode):
        raise UsageError(_(MESSAGES["folder"]) % {"path": target, "option": option})
    if inputs is not None and inputs.holds(target):
        raise UsageError(_(MESSAGES["input"]) % {"path": target})
    if not stat.S_ISREG(status.st_mode) or force:
        return target  # a device or a pipe is written in place (atomic_output)
    if status.st_size == 0 or (recognise and is_trajectkit_output(target)):
        return target
    raise UsageError(_(MESSAGES["foreign" if recognise else "no_marks"]) % {"path": target, "option": option})


def check_folder(path: str | os.PathLike[str], option: str = "--out") -> Path:
    """``path`` as a folder to write files into (created when writing), or a usage error."""
    folder = _named(path, option)
    status = _status(folder)
    if status is None:
        _check_parent(folder)
    elif not stat.S_ISDIR(status.st_mode):
        raise UsageError(_(MESSAGES["not_folder"]) % {"path": folder, "option": option})
    elif not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(_(MESSAGES["parent_unwritable"]) % {"path": folder, "parent": folder})
    return folder


def _named(path: str | os.PathLike[str], option: str) -> Path:
    if not os.fspath(path):
        raise UsageError(_(MESSAGES["empty"]) % {"option": option})
    return Path(path)


def _status(path: Path) -> os.stat_result | None:
    """``os.stat(path)``; ``None`` when it does not exist (yet); a usage error when it
    cannot be reached for any other reason."""
    try:
        return os.stat(path)
    except OSError as error:
        if error.errno == errno.ENOENT:
            return None
        _unusable(path, error)


def _unusable(path: Path, error: OSError) -> NoReturn:
    if error.errno == errno.ELOOP:
        raise UsageError(_(MESSAGES["loop"]) % {"path": path}) from None
    if error.errno == errno.ENOTDIR:
        raise UsageError(_(MESSAGES["parent_not_folder"]) % {"path": path, "parent": _first_file(path)}) from None
    raise UsageError(_(MESSAGES["unreachable"]) % {"path": path, "reason": error.strerror}) from None


def _check_parent(path: Path) -> None:
    """The nearest existing folder above ``path`` must be a folder we can write in."""
    parent = path.absolute().parent
    while (status := _status(parent)) is None and parent != parent.parent:
        parent = parent.parent
    if status is None:  # not even the root: a file system gone away
        raise UsageError(_(MESSAGES["unreachable"]) % {"path": path, "reason": "no such file or directory"})
    if not stat.S_ISDIR(status.st_mode):
        raise UsageError(_(MESSAGES["parent_not_folder"]) % {"path": path, "parent": parent})
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(_(MESSAGES["parent_unwritable"]) % {"path": path, "parent": parent})


def _first_file(path: Path) -> Path:
    """The first component of ``path`` that exists and is not a folder."""
    for parent in reversed(path.absolute().parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return path


# --------------------------------------------------------------------------- the marks


def is_trajectkit_output(path: str | os.PathLike[str]) -> bool:
    """True when the regular file ``path`` carries the mark trajectkit writes into its
    outputs (``MARKS``; a PDF's Creator, a workbook's creator and last editor)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(MARK_WINDOW)
            size = os.fstat(stream.fileno()).st_size
            if head.startswith(b"%PDF-"):
                return _pdf_marked(stream, size)
            stream.seek(max(size - MARK_WINDOW, len(head)))
            tail = stream.read(MARK_WINDOW)
    except OSError:
        return False
    if head.startswith(b"PK\x03\x04"):
        return _workbook_marked(path)
    return any(mark.search(head) or mark.search(tail) for mark in MARKS)


def _pdf_marked(stream: IO[bytes], size: int) -> bool:
    """Creator ``trajectkit`` in the document information, plain or in a compressed
    object stream (where WeasyPrint puts it)."""
    stream.seek(max(0, size - PDF_TAIL))
    tail = stream.read(PDF_TAIL)
    creator = re.compile(rb"/Creator\s*\(trajectkit\)")
    if creator.search(tail):
        return True
    for found in re.finditer(rb"/Type\s*/ObjStm[^>]*>>\s*stream\r?\n", tail):
        try:
            inflated = zlib.decompressobj().decompress(tail[found.end() :], PDF_INFLATED)
        except zlib.error:
            continue
        if creator.search(inflated):
            return True
    return False


def _workbook_marked(path: str | os.PathLike[str]) -> bool:
    """Created and last saved by trajectkit: a workbook saved by Excel or LibreOffice
    names its editor instead, and the edits in it must not be lost."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(WORKBOOK_PROPERTIES)
            if info.file_size > MARK_WINDOW:
                return False
            properties = archive.read(info)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError):
        return False
    return b">trajectkit</dc:creator>" in properties and b">trajectkit</cp:lastModifiedBy>" in properties


# --------------------------------------------------------------------------- writing


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success rename it over ``path``.

    Missing parent folders are created. A symbolic link is followed, so the file it
    points at is replaced atomically and the link stays. A target that is a device,
    pipe or socket (``/dev/stdout``, ``/dev/full``, ``>(...)``) is written in place:
    renaming over it would replace the device with a file and hide a write error
    such as a full disk.
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    encoding = None if "b" in mode else "utf-8"
    newline = None if "b" in mode else ""
    if _write_in_place(target):
        with open(target, mode, encoding=encoding, newline=newline) as stream:
            yield stream
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with interrupts_deferred():
        file_mode = _mode_for(target)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(handle, mode, encoding=encoding, newline=newline) as stream:
                yield stream
                stream.flush()
                os.fchmod(stream.fileno(), file_mode)
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise


def _mode_for(target: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file.

    ``mkstemp`` makes the temporary file 0600 whatever the umask; a plan is a minor's
    personal data, so the umask a school set must hold, as for any other new file.
    """
    try:
        return stat.S_IMODE(os.stat(target).st_mode) & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # Reading the umask means setting it; trajectkit writes from one thread only.
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) back while a temporary file exists.

    An interrupt that lands between creating the temporary file and the cleanup
    (or inside the cleanup) would leave a `.part` file behind; held back, it
    arrives as soon as the file is renamed or removed.
    """
    if not hasattr(signal, "pthread_sigmask"):  # not on this platform: best effort
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _write_in_place(path: Path) -> bool:
    """True for an existing device, pipe or socket."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False  # absent (the usual case) or unreachable: the temporary file says why
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextlib.contextmanager
def atomic_tree(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary folder to fill; on success its files appear in ``target`` at once.

    A new ``target`` is the temporary folder, renamed: one atomic step. Into an
    existing folder the files are moved one by one with Ctrl-C held back, which
    takes microseconds. An error or Ctrl-C while filling leaves nothing; only a
    process killed outright can leave the temporary folder (``.<name>.<random>.part``).
    """
    folder = Path(target)
    existing = folder.is_dir()
    if not existing:
        folder.parent.mkdir(parents=True, exist_ok=True)
    with interrupts_deferred():
        staging = Path(
            tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=folder if existing else folder.parent)
        )
        try:
            yield staging
            if existing:
                _move_into(staging, folder)
            else:
                os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it 0700
                os.rename(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _move_into(staging: Path, folder: Path) -> None:
    for source in sorted(path for path in staging.rglob("*") if path.is_file()):
        target = folder / source.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    with atomic_output(path, "wb" if isinstance(data, bytes) else "w") as stream:
        stream.write(data)
