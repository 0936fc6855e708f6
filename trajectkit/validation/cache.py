"""Validation results kept between runs, so an unchanged catalogue is checked once.

The key is a SHA-256 over everything that decides a report: the trajectkit code and
data that shipped with it (and the versions of the libraries whose messages end up
in reports), ``--profile``, the configuration file's bytes, the profile file's
bytes, and the path and content hash of every catalogue file read. A reference must
resolve within the files given on the command line, so a referenced file is one of
them: editing any input changes the key, and a result is never served stale.

Computing the key reads the raw bytes only; a hit loads one JSON file and never
imports jsonschema or networkx. Entries are written atomically (``write_atomic``:
a private temporary file beside the target, then ``os.replace``), so several
processes (pre-commit runs hooks in parallel) may share one folder; an entry that
cannot be read as a whole report is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trajectkit import __version__
from trajectkit.problems import Level, Problem
from trajectkit.validation.report import Report, RuleInfo

#: Raised when what an entry holds changes shape; old entries then simply miss.
CACHE_FORMAT = 1
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
    """Reports of earlier ``validate`` runs in ``folder``, one JSON file per key."""

    folder: Path

    @property
    def entries(self) -> Path:
        return self.folder / f"validate-v{CACHE_FORMAT}"

    def entry(self, key: str) -> Path:
        return self.entries / f"{key}.json"

    def load(self, key: str) -> Report | None:
        """The report stored under ``key``; ``None`` when absent, partial or unreadable."""
        path = self.entry(key)
        try:
            with path.open("rb") as stream:
                document = json.load(stream)
            if document.get("key") != key:
                return None
            report = report_from_data(document["report"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept when older entries are pruned
        return report

    def store(self, key: str, report: Report) -> bool:
        """Keep ``report`` under ``key``; ``False`` when it cannot be (a cache is optional)."""
        from trajectkit.atomic import write_atomic

        data = report_to_data(report)
        if data is None:
            return False
        text = json.dumps({"key": key, "report": data}, ensure_ascii=False, separators=(",", ":"))
        try:
            self._prepare()
            write_atomic(self.entry(key), text)
        except OSError:
            return False
        self.prune()
        return True

    def prune(self, keep: int = MAX_ENTRIES) -> None:
        """Remove the least recently used entries beyond ``keep`` and abandoned temporary files."""
        now = time.time()
        entries: list[tuple[float, str, Path]] = []
        try:
            listing = list(os.scandir(self.entries))
        except OSError:
            return
        for item in listing:
            try:
                modified = item.stat().st_mtime
            except OSError:
                continue  # removed by a parallel run meanwhile
            if item.name.endswith(".json"):
                entries.append((modified, item.name, Path(item.path)))
            elif item.name.endswith(".part") and now - modified > STALE_TEMPORARY_SECONDS:
                with contextlib.suppress(OSError):
                    os.unlink(item.path)
        entries.sort(reverse=True)
        for _, _, path in entries[keep:]:
            with contextlib.suppress(OSError):
                path.unlink()

    def _prepare(self) -> None:
        """Create the folder; mark it so Git and backup tools leave it alone (as pytest does)."""
        self.entries.mkdir(parents=True, exist_ok=True)
        from trajectkit.atomic import write_atomic

        for name, text in (
            (".gitignore", "# Created by trajectkit: a cache, never commit it.\n*\n"),
            ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# trajectkit validate cache\n"),
        ):
            marker = self.folder / name
            if not marker.exists():
                write_atomic(marker, text)


def cached_report(
    cache: ValidationCache | None,
    paths: Iterable[str | os.PathLike[str]],
    config_path: str | None,
    profile: str | None,
    check: Callable[[], Report],
) -> Report:
    """The stored report for these inputs, or ``check()``'s, stored for next time.

    The key is computed again after checking and the report is stored only if it is
    unchanged: a file edited while it was being checked must not be stored under
    the key of its other content.
    """
    paths = tuple(paths)
    key = validation_key(paths, config_path, profile) if cache is not None else None
    if cache is not None and key is not None:
        stored = cache.load(key)
        if stored is not None:
            return stored
    report = check()
    if cache is not None and key is not None and validation_key(paths, config_path, profile) == key:
        cache.store(key, report)
    return report


# --------------------------------------------------------------------------- the key


def validation_key(
    paths: Iterable[str | os.PathLike[str]],
    config_path: str | None,
    profile: str | None,
) -> str | None:
    """The key of a ``validate`` run, or ``None`` when its inputs cannot be read here.

    ``None`` sends the run down the normal path, which reports the missing path or
    broken configuration exactly as it would without a cache.
    """
    from trajectkit.catalogue.files import InputPathError, discover
    from trajectkit.config import profile_file as config_profile_file

    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        digest.update(json.dumps(parts, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")

    add("trajectkit validate", CACHE_FORMAT, __version__, sys.version)
    add("code", code_fingerprint())
    add("--profile", profile)
    try:
        config_file = _config_file(config_path)
        config_bytes = config_file.read_bytes() if config_file is not None else None
        profile_file = config_profile_file(profile, config_file, config_bytes)
        if profile_file is None:
            return None
        add("config", config_file.as_posix() if config_file else None, _sha(config_bytes))
        add("profile", profile_file.as_posix(), _sha(profile_file.read_bytes()))
        for file in discover(paths):
            add("file", file.as_posix(), file_sha256(file))
    except (OSError, InputPathError):
        return None
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def code_fingerprint() -> str:
    """A hash of trajectkit's own code, schemas and profiles, and the libraries' versions.

    The version number alone is not enough: in a source checkout the code changes
    without it, and a cached report must not outlive the rules that made it.
    """
    from trajectkit.resources import profiles_dir, schemas_dir

    digest = hashlib.sha256()
    files = (
        sorted(_PACKAGE.rglob("*.py")) + sorted(schemas_dir().glob("*.json")) + sorted(profiles_dir().glob("*.yaml"))
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


def _config_file(explicit: str | None) -> Path | None:
    """The configuration file ``load_config`` will read; ``OSError`` when ``--config`` is missing."""
    from trajectkit.config import find_config
    from trajectkit.errors import UsageError

    try:
        return find_config(explicit)
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
    return {
        "problems": [
            [problem.path, problem.line, problem.column, problem.rule, problem.level.name, problem.message]
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
    problems = tuple(
        Problem(str(path), _int(line), _int(column), str(rule), Level[level], str(message))
        for path, line, column, rule, level, message in data["problems"]
    )
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


def _int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError(f"{value!r} is not a whole number")
    return value
