"""Findings: the one shape every check produces, from a YAML error to a graph rule."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Level(enum.IntEnum):
    """How serious a finding is; ``OFF`` switches a rule off."""

    OFF = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, text: str) -> Level:
        return cls[text.strip().upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class DocumentRef:
    """The document of a file a finding stands in: its ``kind`` and ``id`` as written.

    ``readable`` is false for a finding that stopped the reading of its file (a syntax
    error, a limit): what follows it could be any document.
    """

    kind: str | None
    id: str | None
    readable: bool = True


#: The document of a finding that stopped its file from being read.
UNREADABLE = DocumentRef(None, None, readable=False)


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column of a YAML node, and its document."""

    path: str
    line: int = 1
    column: int = 1
    document: DocumentRef | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


#: Longest message a finding keeps: a value quoted from a hostile file (a megabyte id,
#: repeated through aliases) must not make the report megabytes long.
MAX_MESSAGE = 1_000


@dataclass(frozen=True, order=True)
class Finding:
    """What a check found, before the configuration gives it a level."""

    location: Location
    rule: str
    message: str

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:
            cut = f"{self.message[: MAX_MESSAGE - 250]} … {self.message[-200:]}"
            object.__setattr__(self, "message", cut)


@dataclass(frozen=True, order=True)
class Problem:
    """A finding with its level, as reporters show it. Sorts by place, then rule."""

    path: str
    line: int
    column: int
    rule: str
    level: Level
    message: str
    #: Not part of what a report shows or compares: refusal reads it (which document).
    document: DocumentRef | None = field(default=None, compare=False, repr=False)
    #: Silenced by a ``# trajectkit: disable…`` comment: kept in JSON and SARIF, counted nowhere.
    suppressed: bool = field(default=False, compare=False)

    @classmethod
    def from_finding(cls, finding: Finding, level: Level) -> Problem:
        loc = finding.location
        return cls(loc.path, loc.line, loc.column, finding.rule, level, finding.message, loc.document)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "level": str(self.level),
            "rule": self.rule,
            "message": self.message,
        }
        if self.suppressed:  # only then, so that a report without suppressions keeps its bytes
            data["suppressed"] = True
        return data
