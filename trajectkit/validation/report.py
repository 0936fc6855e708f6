"""The result of a run: every problem, the files read and the rules that ran."""

from __future__ import annotations

from dataclasses import dataclass, field

from trajectkit.problems import Level, Problem


@dataclass(frozen=True)
class RuleInfo:
    """What a reporter may say about a rule: id, level in force and documentation."""

    id: str
    level: Level
    summary: str
    doc: str


@dataclass(frozen=True)
class Report:
    """Validation report: problems sorted by (path, line, column, rule)."""

    problems: tuple[Problem, ...]
    files: tuple[str, ...]
    rules: tuple[RuleInfo, ...] = ()
    strict: bool = False
    tool_version: str = ""
    profile: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def shown(self) -> tuple[Problem, ...]:
        """The problems that count: all but those silenced by a suppression comment."""
        return tuple(problem for problem in self.problems if not problem.suppressed)

    @property
    def suppressed(self) -> int:
        return sum(1 for problem in self.problems if problem.suppressed)

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.shown if problem.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for problem in self.shown if problem.level is Level.WARNING)

    def failed(self) -> bool:
        return self.errors > 0 or (self.strict and self.warnings > 0)

    @property
    def exit_code(self) -> int:
        """0 clean (warnings allowed unless strict), 1 problems found."""
        return 1 if self.failed() else 0

    def by_file(self) -> dict[str, list[Problem]]:
        """Problems that count per file, every file read included (in order), even without problems."""
        grouped: dict[str, list[Problem]] = {path: [] for path in self.files}
        for problem in self.shown:
            grouped.setdefault(problem.path, []).append(problem)
        return grouped

    def summary(self) -> str:
        """``2 errors, 1 warning in 3 files``, in the language of the run."""
        from trajectkit.translation import _, ngettext

        counts = _("%(errors)s, %(warnings)s in %(files)s") % {
            "errors": ngettext("%(num)d error", "%(num)d errors", self.errors) % {"num": self.errors},
            "warnings": ngettext("%(num)d warning", "%(num)d warnings", self.warnings) % {"num": self.warnings},
            "files": ngettext("%(num)d file", "%(num)d files", len(self.files)) % {"num": len(self.files)},
        }
        if self.suppressed:
            return _("%(counts)s (%(suppressed)d suppressed)") % {"counts": counts, "suppressed": self.suppressed}
        return counts
