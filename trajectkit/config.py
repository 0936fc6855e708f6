"""``trajectkit.yaml``: profile, reference date, rule levels, threshold overrides, limits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from trajectkit.catalogue.documents import locate
from trajectkit.catalogue.files import CONFIG_NAMES, Limits, read_bytes
from trajectkit.catalogue.loading import parse_bytes
from trajectkit.catalogue.schema import check_data
from trajectkit.errors import UsageError
from trajectkit.problems import Level, Location
from trajectkit.profile import DEFAULT_PROFILE, Profile, load_profile, profile_path


@dataclass(frozen=True)
class Config:
    """Everything a run is configured with; the defaults when there is no file."""

    profile: Profile
    today: dt.date | None = None
    levels: Mapping[str, Level] = field(default_factory=dict)
    limits: Limits = Limits()
    path: str | None = None

    def level(self, rule_id: str, default: Level) -> Level:
        return self.levels.get(rule_id, default)


def find_config(explicit: str | None, cwd: Path | None = None) -> Path | None:
    """``--config`` if given, else ``trajectkit.yaml`` in the working directory, else none."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise UsageError(f"{explicit}: configuration file not found")
        return path
    for name in CONFIG_NAMES:
        candidate = (cwd or Path.cwd()) / name
        if candidate.is_file():
            return Path(name) if cwd is None else candidate
    return None


def profile_setting(config_bytes: bytes, shown: str = "trajectkit.yaml") -> str | None:
    """The ``profile:`` a configuration file names (``None``: not set), read without
    checking the rest; ``ValueError`` when it cannot be read, which :func:`read_config`
    then reports in full."""
    documents, findings = parse_bytes(config_bytes, shown)
    if findings:
        raise ValueError(findings[0].message)
    data = documents[0].data if documents else None
    if data is None:
        return None
    value = data.get("profile") if isinstance(data, dict) else False
    if value is None or isinstance(value, str):
        return value
    raise ValueError("profile: is not text")


def profile_file(override: str | None, config_file: Path | None, config_bytes: bytes | None) -> Path | None:
    """The profile file a run will use, found as :func:`load_config` finds it, without
    reading the rest of the configuration; ``None`` when the configuration cannot say."""
    name = override
    if name is None and config_bytes is not None:
        try:
            name = profile_setting(config_bytes)
        except ValueError:
            return None
    base = config_file.parent if config_file is not None else None
    return profile_path(name or DEFAULT_PROFILE, base)


def files_read(explicit: str | None = None, profile: str | None = None) -> list[Path]:
    """The configuration and profile files a run reads; what cannot be found is left
    out (:func:`load_config` reports it)."""
    try:
        config_file = find_config(explicit)
        config_bytes = config_file.read_bytes() if config_file is not None else None
    except (UsageError, OSError):
        return []
    found = profile_file(profile, config_file, config_bytes)
    return [file for file in (config_file, found) if file is not None]


def load_config(explicit: str | None = None, profile: str | None = None) -> Config:
    """Read the configuration; ``profile`` (from ``--profile``) wins over the file's."""
    path = find_config(explicit)
    if path is None:
        return Config(profile=load_profile(profile or DEFAULT_PROFILE))
    return read_config(path, profile)


def read_config(path: Path, profile_override: str | None = None) -> Config:
    from trajectkit.rules import LOAD_RULES, RULES

    shown = path.as_posix()
    documents, findings = parse_bytes(read_bytes(path, Limits()), shown)
    if findings:
        raise UsageError(findings[0].message, findings[0].location)
    data = documents[0].data
    errors = list(check_data(data, "config", shown, "trajectkit.yaml"))
    if errors:
        raise UsageError(errors[0].message, errors[0].location)

    def where(*keys: str) -> Location:
        return Location(shown, *locate(data, keys))

    levels: dict[str, Level] = {}
    for rule_id, setting in data.get("rules", {}).items():
        if rule_id not in RULES:
            raise UsageError(f"unknown rule '{rule_id}'; `trajectkit rules` lists them", where("rules", rule_id))
        raw = setting.get("level") if isinstance(setting, Mapping) else setting
        level = Level.OFF if raw is False else Level.parse(str(raw))
        if rule_id in LOAD_RULES and level is not Level.ERROR:
            raise UsageError(f"rule '{rule_id}' reads the files and always stays an error", where("rules", rule_id))
        levels[rule_id] = level

    profile = load_profile(profile_override or data.get("profile", DEFAULT_PROFILE), path.parent)
    overrides = data.get("thresholds", {})
    unknown = sorted(set(overrides) - set(profile.keys()))
    if unknown:
        known = ", ".join(profile.keys())
        raise UsageError(
            f"unknown threshold '{unknown[0]}' for profile {profile.id}; known: {known}",
            where("thresholds", unknown[0]),
        )
    for key, value in overrides.items():
        try:
            profile = profile.with_overrides({key: value}, shown)
        except ValueError as error:
            raise UsageError(f"threshold {error}", where("thresholds", key)) from error

    limit_values = data.get("limits", {})
    limits = Limits(**{f.name: limit_values.get(f.name, f.default) for f in fields(Limits)})
    today = dt.date.fromisoformat(data["today"]) if "today" in data else None
    return Config(profile=profile, today=today, levels=levels, limits=limits, path=shown)
