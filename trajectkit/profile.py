"""Jurisdiction profiles: the thresholds rules read, each with its source.

Rules never hard-code a number: they ask the profile (``flanders`` by default) for
``mentor.min_age`` or the hours an agreement type needs. Yearly thresholds are turned
into weekly ones with ``weeks_per_year``, so systems that count per year (Dutch BBL)
are described without code changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trajectkit.catalogue.files import Limits, read_bytes
from trajectkit.catalogue.loading import parse_bytes
from trajectkit.catalogue.schema import check_data
from trajectkit.errors import UsageError, did_you_mean
from trajectkit.problems import Location
from trajectkit.resources import builtin_profiles, profiles_dir
from trajectkit.translation import _

if TYPE_CHECKING:
    from trajectkit.catalogue.model import Derogation

DEFAULT_PROFILE = "flanders"
DEFAULT_LADDER = (
    "educational-qualification",
    "professional-qualification",
    "partial-qualification",
    "proof-of-competences",
)


@dataclass(frozen=True)
class Threshold:
    """One number of a profile, with where it comes from."""

    key: str
    value: float
    exclusive: bool = False
    source: str | None = None
    since: dt.date | None = None

    def cite(self) -> str:
        """``(source, since date)`` for a message, or an empty string."""
        if not self.source:
            return ""
        since = _(", since %(date)s") % {"date": self.since.isoformat()} if self.since else ""
        return f" ({self.source}{since})"

    def __str__(self) -> str:
        number = int(self.value) if float(self.value).is_integer() else self.value
        return str(number)


@dataclass(frozen=True)
class Setting:
    """A profile value that is not a number: a yes/no (``mentor.conduct_certificate_required``)
    or a list of names (``assessment.school_types``), with where it comes from."""

    key: str
    value: bool | tuple[str, ...]
    source: str | None = None
    since: dt.date | None = None

    def cite(self) -> str:
        return Threshold(self.key, 0, source=self.source, since=self.since).cite()


#: A value of ``thresholds:`` as written: a number, a yes/no or a list of names.
RawValue = float | bool | list[str] | tuple[str, ...]


@dataclass(frozen=True)
class HoursBounds:
    """Hours per week a thing must fall between; ``None`` means no bound."""

    minimum: Threshold | None = None
    maximum: Threshold | None = None

    def admits(self, hours: float) -> bool:
        return self.crossed(hours) is None

    def crossed(self, hours: float) -> Threshold | None:
        """The bound ``hours`` falls outside of, or ``None`` when it fits."""
        if self.minimum is not None and hours < self.minimum.value:
            return self.minimum
        if self.maximum is not None:
            if self.maximum.exclusive and hours >= self.maximum.value:
                return self.maximum
            if hours > self.maximum.value:
                return self.maximum
        return None

    def describe(self) -> str:
        parts = []
        if self.minimum is not None:
            parts.append(_("at least %(bound)s") % {"bound": self.minimum})
        if self.maximum is not None:
            below = _("less than %(bound)s") if self.maximum.exclusive else _("at most %(bound)s")
            parts.append(below % {"bound": self.maximum})
        return _(" and ").join(parts) or _("any number of")


@dataclass(frozen=True)
class Profile:
    """Jurisdictieprofiel: the thresholds of one dual-learning system."""

    id: str
    title: str
    thresholds: Mapping[str, Threshold] = field(default_factory=dict)
    settings: Mapping[str, Setting] = field(default_factory=dict)
    weeks_per_year: float = 40
    ladder: tuple[str, ...] = DEFAULT_LADDER
    origin: str = ""

    def get(self, key: str) -> Threshold | None:
        return self.thresholds.get(key)

    def value(self, key: str) -> float | None:
        threshold = self.thresholds.get(key)
        return None if threshold is None else threshold.value

    def setting(self, key: str) -> Setting | None:
        return self.settings.get(key)

    def enabled(self, key: str) -> bool:
        """Whether a yes/no setting is set to yes (absent: no)."""
        found = self.settings.get(key)
        return found is not None and found.value is True

    def names(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        """A list-of-names setting, or ``default`` when the profile has none."""
        found = self.settings.get(key)
        return found.value if found is not None and isinstance(found.value, tuple) else default

    def keys(self) -> list[str]:
        """Every key ``trajectkit.yaml`` may override, numbers and settings."""
        return sorted({*self.thresholds, *self.settings})

    def mentor_minimums(self, derogation: Derogation | None) -> tuple[Threshold | None, Threshold | None]:
        """The lowest age and experience that hold for a mentor, given the mentor's
        derogation (afwijking): its ``min_age`` replaces ``mentor.min_age``, but never
        below ``mentor.derogation_min_age``; ``experience: true`` lifts the experience
        requirement."""
        age = self.get("mentor.min_age")
        experience = self.get("mentor.min_experience_years")
        if derogation is None:
            return age, experience
        if derogation.min_age is not None:
            floor = self.get("mentor.derogation_min_age")
            granted = Threshold(
                "mentor.min_age", derogation.min_age, source=f"derogation{derogation.by()}", since=derogation.granted_on
            )
            age = floor if floor is not None and floor.value > derogation.min_age else granted
        if derogation.experience:
            experience = None
        return age, experience

    def agreements(self) -> list[str]:
        """Agreement types the profile knows (``agreements.<type>.*``)."""
        return sorted({key.split(".")[1] for key in self.thresholds if key.startswith("agreements.")})

    def workplace_hours(self, agreement: str) -> HoursBounds:
        """Average hours per week at the workplace that an agreement type requires."""
        prefix = f"agreements.{agreement}"
        return HoursBounds(
            self._weekly(f"{prefix}.min_workplace_hours"),
            self._weekly(f"{prefix}.max_workplace_hours"),
        )

    def weekly_hours(self) -> HoursBounds:
        """Bounds on total hours per week over all learning places."""
        return HoursBounds(self._weekly_group("min"), self._weekly_group("max"))

    def _weekly_group(self, end: str) -> Threshold | None:
        weekly = self.get(f"weekly_hours.{end}")
        yearly = self.get(f"yearly_hours.{end}")
        if yearly is not None:
            converted = replace(yearly, value=yearly.value / self.weeks_per_year)
            if weekly is None:
                return converted
            # both given: the stricter one holds
            stricter = max if end == "min" else min
            return stricter(weekly, converted, key=lambda threshold: threshold.value)
        return weekly

    def _weekly(self, stem: str) -> Threshold | None:
        weekly = self.get(f"{stem}_per_week")
        if weekly is not None:
            return weekly
        yearly = self.get(f"{stem}_per_year")
        if yearly is not None:
            return replace(yearly, value=yearly.value / self.weeks_per_year)
        return None

    def with_overrides(self, overrides: Mapping[str, RawValue], origin: str) -> Profile:
        """A copy with some values replaced (from ``trajectkit.yaml``); a value of the
        wrong sort for its key (a number for a yes/no setting) is a ``ValueError``."""
        thresholds, settings = dict(self.thresholds), dict(self.settings)
        for key, value in overrides.items():
            if key in settings:
                old_value = settings[key].value
                wanted: type | tuple[type, ...] = bool if isinstance(old_value, bool) else (list, tuple)
                if not isinstance(value, wanted):
                    raise ValueError(f"{key} is {_sort(old_value)}, not {_sort(value)}")
                settings[key] = Setting(key, _setting_value(value), f"set in {origin}")
                continue
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ValueError(f"{key} is a number, not {_sort(value)}")
            old = thresholds.get(key)
            thresholds[key] = Threshold(key, value, old.exclusive if old else False, f"set in {origin}", None)
        return replace(self, thresholds=thresholds, settings=settings)


def _sort(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (list, tuple)):
        return "a list of names"
    return "a number"


def _setting_value(value: Any) -> bool | tuple[str, ...]:
    return value if isinstance(value, bool) else tuple(str(item) for item in value)


def profile_path(name_or_path: str, base: Path | None = None) -> Path | None:
    """The file of a built-in profile by name, or of a profile file (relative to ``base``);
    ``None`` when it is neither."""
    if name_or_path in builtin_profiles():
        return profiles_dir() / f"{name_or_path}.yaml"
    path = Path(name_or_path)
    if base is not None and not path.is_absolute():
        path = base / path
    return path if path.is_file() else None


def load_profile(name_or_path: str, base: Path | None = None) -> Profile:
    """A built-in profile by name, or a profile file (relative to ``base``)."""
    path = profile_path(name_or_path, base)
    if path is None:
        hint = did_you_mean(name_or_path, builtin_profiles())
        raise UsageError(
            _("profile '%(name)s' is neither built in (%(builtin)s) nor a file%(hint)s")
            % {"name": name_or_path, "builtin": ", ".join(builtin_profiles()), "hint": hint}
        )
    return _read_profile(path)


def _read_profile(path: Path) -> Profile:
    shown = path.as_posix()
    documents, findings = parse_bytes(read_bytes(path, Limits()), shown)
    if findings:
        first = findings[0]
        raise UsageError(_("cannot read profile: %(reason)s") % {"reason": first.message}, first.location)
    data = documents[0].data
    problems = list(check_data(data, "profile", shown, "Profile"))
    if problems:
        first = problems[0]
        raise UsageError(_("invalid profile: %(reason)s") % {"reason": first.message}, first.location)
    sources = data.get("sources", {})
    thresholds: dict[str, Threshold] = {}
    settings: dict[str, Setting] = {}
    for key, raw in _flatten(data["thresholds"]):
        title: str | None = None
        since: dt.date | None = None
        value, exclusive = raw, False
        if isinstance(raw, Mapping):
            source = raw.get("source")
            if source is not None and source not in sources:
                raise UsageError(
                    _("threshold %(key)s cites unknown source '%(source)s'") % {"key": key, "source": source},
                    Location(shown),
                )
            cited = sources.get(source, {})
            written = raw.get("since", cited.get("since"))
            title, since = cited.get("title", source), dt.date.fromisoformat(written) if written else None
            value, exclusive = raw["value"], bool(raw.get("exclusive", False))
        if isinstance(value, (bool, list)):
            settings[key] = Setting(key, _setting_value(value), title, since)
        else:
            thresholds[key] = Threshold(key, value, exclusive, title, since)
    certificates = data.get("certificates", {})
    return Profile(
        id=data["id"],
        title=data["title"],
        thresholds=thresholds,
        settings=settings,
        weeks_per_year=data.get("weeks_per_year", 40),
        ladder=tuple(certificates.get("ladder", DEFAULT_LADDER)),
        origin=shown,
    )


def _flatten(group: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = []
    for key, value in group.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping) and "value" not in value:
            items.extend(_flatten(value, f"{dotted}."))
        else:
            items.append((dotted, value))
    return items
