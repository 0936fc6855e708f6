"""The result of a run: every problem, the files read and the rules that ran."""

from __future__ import annotations

from dataclasses import dataclass, field

from trajectkit.problems import DocumentRef, Level, Problem

#: Most problems a report lists; the others are counted. 100,000 tiny documents with
#: five schema errors each made a 54 MB report and 409 MB of memory before this bound.
MAX_LISTED = 10_000


@dataclass(frozen=True)
class RuleInfo:
    """What a reporter may say about a rule: id, level in force and documentation."""

    id: str
    level: Level
    summary: str
    doc: str


@dataclass(frozen=True)
class LeftOut:
    """The problems past :data:`MAX_LISTED`: how many, and the documents of the errors
    among them, which still stop the commands that read those documents."""

    errors: int = 0
    warnings: int = 0
    #: (document, rule, file) of every error not listed, once per document and rule.
    documents: tuple[tuple[DocumentRef, str, str], ...] = ()

    @property
    def count(self) -> int:
        return self.errors + self.warnings


#: Rules whose problems are listed even past :data:`MAX_LISTED` (up to as many again):
#: they say why a file, or the rest of a run, was not read.
PINNED_RULES = frozenset({"yaml-limits"})


class BoundedProblems:
    """Problems as they are found, of which the first :data:`MAX_LISTED` in report order
    are kept: memory stays bounded however many there are, and the same input keeps the
    same ones. The rest are counted, with the documents of their errors."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self.limit = limit
        self._pinned: list[Problem] = []
        self._items: list[Problem] = []
        self._errors = 0
        self._warnings = 0
        self._documents: dict[tuple[DocumentRef, str], str] = {}

    def add(self, problem: Problem) -> None:
        if problem.rule in PINNED_RULES and len(self._pinned) < self.limit:
            self._pinned.append(problem)
            return
        self._items.append(problem)
        if len(self._items) >= 2 * self.limit:
            self._trim()

    def _trim(self) -> None:
        kept = sorted(set(self._items))
        for problem in kept[self.limit :]:
            if problem.suppressed:  # silenced in the file: neither listed nor counted
                continue
            if problem.level is Level.ERROR:
                self._errors += 1
                if problem.document is not None:
                    self._documents.setdefault((problem.document, problem.rule), problem.path)
            else:
                self._warnings += 1
        self._items = kept[: self.limit]

    def result(self) -> tuple[tuple[Problem, ...], LeftOut]:
        self._trim()
        documents = sorted(
            ((document, rule, path) for (document, rule), path in self._documents.items()),
            key=lambda item: (item[2], str(item[0].kind), str(item[0].id), item[1]),
        )
        listed = sorted({*self._items, *self._pinned})
        return tuple(listed), LeftOut(self._errors, self._warnings, tuple(documents))


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
    left_out: LeftOut = LeftOut()

    @property
    def shown(self) -> tuple[Problem, ...]:
        """The problems that count: all but those silenced by a suppression comment."""
        return tuple(problem for problem in self.problems if not problem.suppressed)

    @property
    def suppressed(self) -> int:
        return sum(1 for problem in self.problems if problem.suppressed)

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.shown if problem.level is Level.ERROR) + self.left_out.errors

    @property
    def warnings(self) -> int:
        return sum(1 for problem in self.shown if problem.level is Level.WARNING) + self.left_out.warnings

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
            counts = _("%(counts)s (%(suppressed)d suppressed)") % {"counts": counts, "suppressed": self.suppressed}
        if self.left_out.count:
            counts = _("%(counts)s (%(left_out)s not listed)") % {
                "counts": counts,
                "left_out": f"{self.left_out.count:,}",
            }
        return counts
