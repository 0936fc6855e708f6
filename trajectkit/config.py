"""``trajectkit.yaml``: profile, reference date, rule levels, threshold overrides, limits."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from trajectkit.catalogue.config_files import CONFIG_NAMES, nearest_config
from trajectkit.catalogue.documents import locate
from trajectkit.catalogue.files import Limits, Refused, read_bytes
from trajectkit.catalogue.loading import parse_bytes
from trajectkit.catalogue.schema import check_data
from trajectkit.errors import UsageError, did_you_mean
from trajectkit.problems import Level, Location
from trajectkit.profile import DEFAULT_PROFILE, Profile, load_profile, profile_path
from trajectkit.translation import _, set_language, settle_language, terminal_language


@dataclass(frozen=True)
class Config:
    """Everything a run is configured with; the defaults when there is no file."""

    profile: Profile
    today: dt.date | None = None
    levels: Mapping[str, Level] = field(default_factory=dict)
    limits: Limits = Limits()
    path: str | None = None
    #: Globs of files and folders a folder walk leaves out: ``exclude:``, then ``--exclude``.
    exclude: tuple[str, ...] = ()
    #: ``language:``, the language of documents and messages (``nl``, ``en``); ``None``: not set.
    language: str | None = None

    def level(self, rule_id: str, default: Level) -> Level:
        return self.levels.get(rule_id, default)


@dataclass(frozen=True)
class ConfigChoice:
    """Which configuration file a run uses, and why: ``origin`` says how it was found."""

    path: Path | None
    origin: str
    unused: tuple[Path, ...] = ()


def choose_config(
    explicit: str | None, paths: Iterable[str | os.PathLike[str]] = (), cwd: Path | None = None
) -> ConfigChoice:
    """The one place that decides which ``trajectkit.yaml`` a run reads.

    ``--config`` wins. Otherwise, as ruff and yamllint do, the first ``trajectkit.yaml``
    (or ``.yml``) next to each given path (in the order given) or in one of its parents, up to the
    repository root (a folder holding ``.git``) or the filesystem root; then the
    working directory and its parents, the same way; else none (the defaults).
    ``unused`` lists the configuration files directly inside a given folder that are
    not the one in use, which the commands warn about.
    """
    here = cwd or Path.cwd()
    given = tuple(Path(path) for path in paths)
    chosen: Path | None
    if explicit is not None:
        chosen = Path(explicit)
        if not chosen.is_file():
            raise UsageError(_("%(file)s: configuration file not found") % {"file": explicit})
        origin = "--config"
    else:
        chosen, origin = None, "the defaults"
        starts = [(f"found from {path.as_posix()}", _folder_of(path, here)) for path in given]
        for found_from, start in [*starts, ("found from the working directory", here)]:
            found = nearest_config(start)
            if found is not None:
                chosen, origin = _shown(found, here), found_from
                break
    return ConfigChoice(chosen, origin, _unused(given, chosen, here))


def find_config(
    explicit: str | None, paths: Iterable[str | os.PathLike[str]] = (), cwd: Path | None = None
) -> Path | None:
    """The configuration file a run reads (:func:`choose_config`), or ``None``."""
    return choose_config(explicit, paths, cwd).path


def _folder_of(path: Path, cwd: Path) -> Path:
    absolute = path if path.is_absolute() else cwd / path
    return absolute if absolute.is_dir() else absolute.parent


def _shown(path: Path, cwd: Path) -> Path:
    """``path`` relative to the working directory when it lies below it, as messages show it."""
    try:
        return path.relative_to(cwd)
    except ValueError:
        return path


def _unused(paths: tuple[Path, ...], chosen: Path | None, cwd: Path) -> tuple[Path, ...]:
    used = _same_file_key(chosen, cwd)
    unused: list[Path] = []
    for path in paths:
        if not (path if path.is_absolute() else cwd / path).is_dir():
            continue
        for name in CONFIG_NAMES:
            candidate = path / name
            if (cwd / candidate).is_file() and _same_file_key(candidate, cwd) != used:
                unused.append(candidate)
    return tuple(unused)


def _same_file_key(path: Path | None, cwd: Path) -> str | None:
    return None if path is None else os.path.realpath(cwd / path)


def warn_unused(choice: ConfigChoice) -> None:
    """A warning on standard error for each ``trajectkit.yaml`` inside a given folder that is not read."""
    from trajectkit.terminal import say

    in_use = choice.path.as_posix() if choice.path is not None else "none"
    for path in choice.unused:
        say(
            _("trajectkit: warning: %(path)s is not used; the configuration is %(in_use)s (%(origin)s)")
            % {"path": path.as_posix(), "in_use": in_use, "origin": choice.origin},
            err=True,
        )


def describe_config(
    explicit: str | None,
    profile: str | None,
    paths: Iterable[str | os.PathLike[str]] = (),
    exclude: Sequence[str] = (),
) -> str:
    """What ``--show-config`` prints: the configuration file, how it was found, the
    profile and what a folder walk leaves out."""
    choice = choose_config(explicit, paths)
    config = load_config(explicit, profile, paths, warn=False, exclude=exclude)
    shown = choice.path.as_posix() if choice.path is not None else "none"
    lines = [f"config: {shown} ({choice.origin})", f"profile: {config.profile.id}"]
    if config.exclude:
        lines.append(f"exclude: {', '.join(config.exclude)}")
    lines += [f"not used: {path.as_posix()}" for path in choice.unused]
    return "\n".join(lines) + "\n"


def profile_setting(config_bytes: bytes, shown: str = "trajectkit.yaml", key: str = "profile") -> str | None:
    """The ``profile:`` (or other ``key``) a configuration file names (``None``: not
    set), read without checking the rest; ``ValueError`` when it cannot be read, which
    :func:`read_config` then reports in full."""
    documents, findings = parse_bytes(config_bytes, shown)
    if findings:
        raise ValueError(findings[0].message)
    data = documents[0].data if documents else None
    if data is None:
        return None
    value = data.get(key) if isinstance(data, dict) else False
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{key}: is not text")


def use_configured_language(explicit: str | None, paths: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Speak the ``language:`` of the configuration a run reads, as :func:`load_config`
    would, for a run that answers from its cache without loading the configuration."""
    try:
        path = find_config(explicit, paths)
        language = profile_setting(path.read_bytes(), key="language") if path is not None else None
    except (UsageError, OSError, ValueError):
        return  # a configuration that cannot be read was never answered from the cache
    if language is not None:
        set_language(terminal_language(language))  # unless TRAJECTKIT_LANG
    settle_language()


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


def files_read(
    explicit: str | None = None, profile: str | None = None, paths: Iterable[str | os.PathLike[str]] = ()
) -> list[Path]:
    """The configuration and profile files a run reads; what cannot be found is left
    out (:func:`load_config` reports it)."""
    try:
        config_file = find_config(explicit, paths)
        config_bytes = config_file.read_bytes() if config_file is not None else None
    except (UsageError, OSError):
        return []
    found = profile_file(profile, config_file, config_bytes)
    return [file for file in (config_file, found) if file is not None]


def load_config(
    explicit: str | None = None,
    profile: str | None = None,
    paths: Iterable[str | os.PathLike[str]] = (),
    warn: bool = True,
    exclude: Sequence[str] = (),
    language: str | None = None,
) -> Config:
    """Read the configuration found for ``paths`` (:func:`choose_config`); ``profile``
    (from ``--profile``) wins over the file's. ``warn``: say which configuration files
    inside the given folders are not used. ``language`` (from ``--lang``) wins over the
    file's ``language:`` for the messages and text output of this run."""
    if language is not None:
        set_language(language)
    choice = choose_config(explicit, paths)
    if warn:
        warn_unused(choice)
    path = choice.path
    if path is None:
        settle_language()
        return Config(profile=load_profile(profile or DEFAULT_PROFILE), exclude=tuple(exclude))
    config = read_config(path, profile)
    if language is None and config.language is not None:
        set_language(terminal_language(config.language))  # from here on in this run, unless TRAJECTKIT_LANG
    settle_language()
    return replace(config, exclude=(*config.exclude, *exclude)) if exclude else config


def configured_language() -> str | None:
    """The ``language:`` of the configuration the working directory would use, or ``None``:
    what ``--help`` and an early usage error speak, before a command reads its own. A
    broken file says nothing here; the command that reads it reports it."""
    from trajectkit.translation import LANGUAGES

    try:
        path = find_config(None)
        language = profile_setting(read_bytes(path, Limits()), key="language") if path is not None else None
    except (UsageError, OSError, ValueError, Refused):
        return None
    return language if language in LANGUAGES else None


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
            hint = did_you_mean(rule_id, RULES) or _("; `trajectkit rules` lists them")
            raise UsageError(
                _("unknown rule '%(rule)s'%(hint)s") % {"rule": rule_id, "hint": hint}, where("rules", rule_id)
            )
        raw = setting.get("level") if isinstance(setting, Mapping) else setting
        level = Level.OFF if raw is False else Level.parse(str(raw))
        if rule_id in LOAD_RULES and level is not Level.ERROR:
            raise UsageError(
                _("rule '%(rule)s' reads the files and always stays an error") % {"rule": rule_id},
                where("rules", rule_id),
            )
        levels[rule_id] = level

    profile = load_profile(profile_override or data.get("profile", DEFAULT_PROFILE), path.parent)
    overrides = data.get("thresholds", {})
    unknown = sorted(set(overrides) - set(profile.keys()))
    if unknown:
        known = ", ".join(profile.keys())
        raise UsageError(
            _("unknown threshold '%(key)s' for profile %(profile)s; known: %(known)s")
            % {"key": unknown[0], "profile": profile.id, "known": known},
            where("thresholds", unknown[0]),
        )
    for key, value in overrides.items():
        try:
            profile = profile.with_overrides({key: value}, shown)
        except ValueError as error:
            raise UsageError(_("threshold %(reason)s") % {"reason": error}, where("thresholds", key)) from error

    limit_values = data.get("limits", {})
    limits = Limits(**{f.name: limit_values.get(f.name, f.default) for f in fields(Limits)})
    today = dt.date.fromisoformat(data["today"]) if "today" in data else None
    exclude = tuple(str(pattern) for pattern in data.get("exclude", ()))
    language = data.get("language")
    return Config(
        profile=profile, today=today, levels=levels, limits=limits, path=shown, exclude=exclude, language=language
    )
