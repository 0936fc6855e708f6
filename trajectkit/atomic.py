"""Writing files safely: a temporary file beside the target, then an atomic rename.

A crash, a full disk or Ctrl-C leaves either the old file or none, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success rename it over ``path``.

    A symbolic link is followed, so the file it points at is replaced atomically and
    the link stays. A target that is a device, pipe or socket (``/dev/stdout``,
    ``/dev/full``, ``>(...)``) is written in place: renaming over it would replace the
    device with a file and hide a write error such as a full disk.
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    if _write_in_place(target):
        encoding = None if "b" in mode else "utf-8"
        with open(target, mode, encoding=encoding, newline=None if "b" in mode else "") as stream:
            yield stream
        return
    with _interrupts_deferred():
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
        try:
            encoding = None if "b" in mode else "utf-8"
            with os.fdopen(handle, mode, encoding=encoding, newline=None if "b" in mode else "") as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
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


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    with atomic_output(path, "wb" if isinstance(data, bytes) else "w") as stream:
        stream.write(data)
