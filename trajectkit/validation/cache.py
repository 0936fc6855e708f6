"""Validation results kept between runs, so an unchanged catalogue is checked once.

The key is a SHA-256 over everything that decides a report: the trajectkit code and
data that shipped with it, its translations (and the versions of the libraries whose messages end up
in reports), the locale's language, ``--profile``, the configuration file's bytes, the profile file's
bytes, and the path and content hash of every catalogue file read. A reference must
resolve within the files given on the command line, so a referenced file is one of
them: editing any input changes the key, and a result is never served stale.

Computing the key reads the raw bytes only; a hit loads one JSON file and never
imports jsonschema or networkx. Entries are written atomically (a private temporary
file beside the target, then ``os.replace``), so several processes (pre-commit runs
hooks in parallel) may share one folder; an entry that cannot be read as a whole
report is a miss, never an error. The cache follows no symbolic link and deletes
only what it wrote (``ValidationCache``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trajectkit import __version__
from trajectkit.problems import Level, Problem
from trajectkit.validation.report import Report, RuleInfo

#: Raised when what an entry holds changes shape; old entries then simply miss.
CACHE_FORMAT = 2
ENV_VAR = "TRAJECTKIT_CACHE_DIR"
DEFAULT_DIR = ".trajectkit-cache"
#: Entries kept; the least recently used beyond this are removed after a write.
MAX_ENTRIES = 256
#: Temporary files older than this were left by a killed process and are removed.
STALE_TEMPORARY_SECONDS = 3600

# Libraries whose output (schema messages, YAML errors, graph order) can reach a report.
_LIBRARIES = ("jsonschema", "fastjsonschema", "yaml", "networkx")
_PACKAGE = Path(__file__).resolve().parents[1]


def cache_folder(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--cache-dir``, else ``$TRAJECTKIT_CACHE_DIR``, else ``.trajectkit-cache`` here."""
    if explicit is not None:
        return Path(explicit)
    return Path(os.environ.get(ENV_VAR) or DEFAULT_DIR)


@dataclass(frozen=True)
class ValidationCache:
    """Reports of earlier ``validate`` runs in ``folder``, one JSON file per key.

    The folder usually sits in a checkout a pull request wrote, so the cache trusts
    no link in it: the folder, ``validate-v1`` and every entry are opened without
    following symbolic links (a link there turns the cache off, or is a miss), and
    everything below the folder is reached through its open descriptor, so it cannot
    be swapped for a link halfway. It deletes only files it wrote: names of its own
    pattern (``<sha256>.json``, ``.<sha256>.json.<random>.part``) that are regular
    files and, for entries, start with their own key.
    """

    folder: Path

    @property
    def entries(self) -> Path:
        return self.folder / ENTRIES

    def entry(self, key: str) -> Path:
        return self.entries / f"{key}.json"

    def load(self, key: str) -> Report | None:
        """The report stored under ``key``; ``None`` when absent, partial or unreadable."""
        with self._opened(create=False) as entries:
            if entries is None or not _KEY.fullmatch(key):
                return None
            try:
                descriptor = os.open(f"{key}.json", os.O_RDONLY | _NOFOLLOW, dir_fd=entries)
            except OSError:
                return None
            try:
                with os.fdopen(descriptor, "rb") as stream:
                    if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                        return None
                    document = json.load(stream)
                    if document.get("key") != key:
                        return None
                    report = report_from_data(document["report"])
                    with contextlib.suppress(OSError):
                        os.utime(stream.fileno())  # recently used: kept when older entries are pruned
            except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
                return None
            return report

    def store(self, key: str, report: Report) -> bool:
        """Keep ``report`` under ``key``; ``False`` when it cannot be (a cache is optional)."""
        data = report_to_data(report)
        if data is None or not _KEY.fullmatch(key):
            return False
        text = json.dumps({"key": key, "report": data}, ensure_ascii=False, separators=(",", ":"))
        with self._opened(create=True) as entries:
            if entries is None:
                return False
            try:
                _write_in(entries, f"{key}.json", text.encode("utf-8"))
            except OSError:
                return False
            _prune(entries, MAX_ENTRIES)
        return True

    def prune(self, keep: int = MAX_ENTRIES) -> None:
        """Remove the least recently used entries beyond ``keep`` and abandoned temporary files."""
        with self._opened(create=False) as entries:
            if entries is not None:
                _prune(entries, keep)

    @contextlib.contextmanager
    def _opened(self, create: bool, subfolder: str = "") -> Iterator[int | None]:
        """A descriptor of ``validate-v2`` (or ``subfolder``; made, with the markers, when
        ``create``); ``None`` when it is missing, a link, or cannot be opened."""
        subfolder = subfolder or ENTRIES
        if not _DIR_FD:
            yield None
            return
        folder = entries = None
        try:
            if create:
                self.folder.mkdir(parents=True, exist_ok=True)
            folder = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW)
            if create:
                _mark(folder)
                with contextlib.suppress(FileExistsError):
                    os.mkdir(subfolder, dir_fd=folder)
            entries = os.open(subfolder, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW, dir_fd=folder)
        except OSError:
            entries = None
        try:
            yield entries
        finally:
            for descriptor in (entries, folder):
                if descriptor is not None:
                    os.close(descriptor)


#: The folder of this cache format's entries, inside the cache folder.
ENTRIES = f"validate-v{CACHE_FORMAT}"
_KEY = re.compile(r"[0-9a-f]{64}")
_ENTRY = re.compile(r"(?P<key>[0-9a-f]{64})\.json")
_TEMPORARY = re.compile(r"\.[0-9a-f]{64}\.json\.[A-Za-z0-9_]+\.part")
_MARKERS = (
    (".gitignore", "# Created by trajectkit: a cache, never commit it.\n*\n"),
    ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# trajectkit validate cache\n"),
)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
#: Without descriptors for folders (and O_NOFOLLOW) the checks above cannot be made: no cache.
_DIR_FD = bool(_NOFOLLOW) and os.open in os.supports_dir_fd and os.scandir in os.supports_fd


def _mark(folder: int) -> None:
    """Mark the folder so Git and backup tools leave it alone (as pytest does); an
    existing marker, or a link in its place, is left as it is."""
    for name, text in _MARKERS:
        try:
            descriptor = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, dir_fd=folder)
        except OSError:
            continue
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(text.encode("utf-8"))


def _write_in(folder: int, name: str, data: bytes) -> None:
    """Write ``name`` in ``folder`` atomically: a new temporary file (never a link),
    then a rename over the name, which replaces a link there instead of following it.
    Ctrl-C is held back meanwhile (``trajectkit.atomic``), so no temporary file stays."""
    from trajectkit.atomic import interrupts_deferred

    with interrupts_deferred():
        temporary = f".{name}.{secrets.token_hex(8)}.part"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, dir_fd=folder)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=folder)
            raise


def _prune(folder: int, keep: int) -> None:
    """Remove the least recently used entries beyond ``keep`` and abandoned temporary
    files: only regular files the cache wrote, never through a link."""
    now = time.time()
    entries: list[tuple[float, str]] = []
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return
    for item in listing:
        try:
            if not item.is_file(follow_symlinks=False):
                continue
            modified = item.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue  # removed by a parallel run meanwhile
        if _ENTRY.fullmatch(item.name):
            entries.append((modified, item.name))
        elif _TEMPORARY.fullmatch(item.name) and now - modified > STALE_TEMPORARY_SECONDS:
            with contextlib.suppress(OSError):
                os.unlink(item.name, dir_fd=folder)
    entries.sort(reverse=True)
    # Only the few beyond ``keep`` are opened to see that the cache wrote them: a folder
    # of tens of thousands of per-file entries is not read through on every run.
    for _, name in entries[keep:]:
        if _is_entry(folder, name, name.removesuffix(".json")):
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=folder)


def _is_entry(folder: int, name: str, key: str) -> bool:
    """The file starts as every entry ``store`` writes: ``{"key":"<its key>"``."""
    expected = f'{{"key":"{key}"'.encode()
    try:
        descriptor = os.open(name, os.O_RDONLY | _NOFOLLOW, dir_fd=folder)
    except OSError:
        return False
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read(len(expected)) == expected


def cached_report(
    cache: ValidationCache | None,
    paths: Iterable[str | os.PathLike[str]],
    config_path: str | None,
    profile: str | None,
    check: Callable[[], Report],
    exclude: Sequence[str] = (),
) -> Report:
    """The stored report for these inputs, or ``check()``'s, stored for next time.

    The key is computed again after checking and the report is stored only if it is
    unchanged: a file edited while it was being checked must not be stored under
    the key of its other content.
    """
    paths = tuple(paths)
    key = validation_key(paths, config_path, profile, exclude) if cache is not None else None
    if cache is not None and key is not None:
        stored = cache.load(key)
        if stored is not None:
            return stored
    report = check()
    if cache is not None and key is not None and validation_key(paths, config_path, profile, exclude) == key:
        cache.store(key, report)
    return report


# --------------------------------------------------------------------------- the key


def validation_key(
    paths: Iterable[str | os.PathLike[str]],
    config_path: str | None,
    profile: str | None,
    exclude: Sequence[str] = (),
) -> str | None:
    """The key of a ``validate`` run, or ``None`` when its inputs cannot be read here.

    ``None`` sends the run down the normal path, which reports the missing path or
    broken configuration exactly as it would without a cache.
    """
    from trajectkit.catalogue.files import InputPathError, discover

    paths = tuple(paths)
    settings = settings_key(paths, config_path, profile, exclude)
    if settings is None:
        return None
    digest = hashlib.sha256(f"run\0{settings}\n".encode())
    try:
        for file in discover(paths):
            digest.update(json.dumps(("file", file.as_posix(), file_sha256(file)), ensure_ascii=False).encode("utf-8"))
            digest.update(b"\n")
    except (OSError, InputPathError):
        return None
    return digest.hexdigest()


def settings_key(
    paths: Iterable[str | os.PathLike[str]],
    config_path: str | None,
    profile: str | None,
    exclude: Sequence[str] = (),
) -> str | None:
    """A hash of everything but the catalogue files that decides a report: trajectkit's
    code, the options, the locale's language, the configuration and the profile;
    ``None`` when they cannot be read here. Per-file entries are keyed by it too."""
    from trajectkit.catalogue.files import InputPathError
    from trajectkit.config import profile_file as config_profile_file
    from trajectkit.translation import LANGUAGE_VARIABLE, language_of_locale

    paths = tuple(paths)
    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        digest.update(json.dumps(parts, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")

    add("trajectkit validate", CACHE_FORMAT, __version__, sys.version)
    add("code", code_fingerprint())
    add("--profile", profile)
    add("--exclude", list(exclude))
    add("locale", language_of_locale())  # the messages' language when no language: is configured
    add(LANGUAGE_VARIABLE, os.environ.get(LANGUAGE_VARIABLE))  # which wins over the configured one
    try:
        config_file = _config_file(config_path, paths)
        config_bytes = config_file.read_bytes() if config_file is not None else None
        profile_file = config_profile_file(profile, config_file, config_bytes)
        if profile_file is None:
            return None
        add("config", config_file.as_posix() if config_file else None, _sha(config_bytes))
        add("profile", profile_file.as_posix(), _sha(profile_file.read_bytes()))
    except (OSError, InputPathError):
        return None
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


@functools.cache  # once a process: the whole-report key and the per-file keys both hold it
def code_fingerprint() -> str:
    """A hash of trajectkit's own code, schemas, profiles and translations, and the libraries' versions.

    The version number alone is not enough: in a source checkout the code changes
    without it, and a cached report must not outlive the rules that made it.
    """
    from trajectkit.resources import profiles_dir, schemas_dir

    digest = hashlib.sha256()
    files = (
        sorted(_PACKAGE.rglob("*.py"))
        + sorted(schemas_dir().glob("*.json"))
        + sorted(profiles_dir().glob("*.yaml"))
        + sorted((_PACKAGE / "locale").rglob("*.po"))  # the findings' words in each language
    )
    for file in files:
        try:
            content = file.read_bytes()
        except OSError:
            continue
        digest.update(f"{file.relative_to(file.parents[1]).as_posix()}\0{len(content)}\0".encode())
        digest.update(content)
    for name in _LIBRARIES:
        # find_spec locates a library without importing it; an upgrade rewrites its files.
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        try:
            stat = os.stat(origin) if origin else None
        except OSError:
            stat = None
        digest.update(f"{name}\0{origin}\0{stat.st_mtime_ns if stat else 0}\0{stat.st_size if stat else 0}\n".encode())
    return digest.hexdigest()


def _sha(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _config_file(explicit: str | None, paths: Iterable[str | os.PathLike[str]]) -> Path | None:
    """The configuration file ``load_config`` will read; ``OSError`` when ``--config`` is missing."""
    from trajectkit.config import find_config
    from trajectkit.errors import UsageError

    try:
        return find_config(explicit, paths)
    except UsageError as error:
        raise OSError(str(error)) from error


# --------------------------------------------------------------------------- the value


def report_to_data(report: Report) -> dict[str, Any] | None:
    """The report as JSON data, or ``None`` if it holds something JSON cannot give back."""
    try:
        extra = json.loads(json.dumps(report.extra))
    except (TypeError, ValueError):
        return None
    if extra != report.extra:  # tuples would come back as lists
        return None
    if report.left_out.count:  # a report past its bound is not kept: its left-out documents matter
        return None
    return {
        "problems": [
            [problem.path, problem.line, problem.column, problem.rule, problem.level.name, problem.message]
            + ([True] if problem.suppressed else [])
            for problem in report.problems
        ],
        "files": list(report.files),
        "rules": [[rule.id, rule.level.name, rule.summary, rule.doc] for rule in report.rules],
        "tool_version": report.tool_version,
        "profile": report.profile,
        "extra": extra,
    }


def report_from_data(data: dict[str, Any]) -> Report:
    """The report that ``report_to_data`` wrote; raises on anything else."""
    problems = tuple(_problem(*fields) for fields in data["problems"])
    rules = tuple(
        RuleInfo(str(ident), Level[level], str(summary), str(doc)) for ident, level, summary, doc in data["rules"]
    )
    extra = data["extra"]
    if not isinstance(extra, dict):
        raise TypeError("extra is not a mapping")
    return Report(
        problems=problems,
        files=tuple(str(path) for path in data["files"]),
        rules=rules,
        tool_version=str(data["tool_version"]),
        profile=str(data["profile"]),
        extra=extra,
    )


def _problem(path: Any, line: Any, column: Any, rule: Any, level: Any, message: Any, *suppressed: Any) -> Problem:
    if suppressed not in ((), (True,)):
        raise TypeError(f"{suppressed!r} is not a suppression mark")
    return Problem(
        str(path), _int(line), _int(column), str(rule), Level[level], str(message), suppressed=bool(suppressed)
    )


def _int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError(f"{value!r} is not a whole number")
    return value
