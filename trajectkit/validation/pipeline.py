"""``trajectkit validate``: load → schema → catalogue → graph → rules → report."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from trajectkit import __version__, collector
from trajectkit.catalogue.catalogue import Catalogue, build_catalogue
from trajectkit.catalogue.loading import load_paths
from trajectkit.catalogue.schema import check_document
from trajectkit.catalogue.suppression import Suppression
from trajectkit.config import Config
from trajectkit.problems import Finding, Level, Problem
from trajectkit.terminal import progress, shows_progress, status
from trajectkit.translation import _
from trajectkit.validation.report import BoundedProblems, Report, RuleInfo

if TYPE_CHECKING:
    from trajectkit.validation.file_cache import FileCache


def check_catalogue(
    paths: Iterable[str | os.PathLike[str]], config: Config, files: FileCache | None = None
) -> tuple[Catalogue, Report]:
    """Read and check every file below ``paths``; the catalogue is what could be modelled.
    ``files``: each file's reading and schema findings, kept from earlier runs."""
    with collector.paused():
        return _check_catalogue(paths, config, files)


def _check_catalogue(
    paths: Iterable[str | os.PathLike[str]], config: Config, files: FileCache | None
) -> tuple[Catalogue, Report]:
    from trajectkit.catalogue.graph import build_graph
    from trajectkit.rules import LOAD_RULES, RULES, documentation, summary
    from trajectkit.rules.context import RuleContext

    infos = [
        RuleInfo(
            rule_id,
            Level.ERROR if rule_id in LOAD_RULES else config.level(rule_id, module.DEFAULT_LEVEL),
            summary(module),
            documentation(module),
        )
        for rule_id, module in RULES.items()
    ]
    levels = {info.id: info.level for info in infos}
    found = BoundedProblems()
    with status(_("Reading the files"), shows_progress()):
        loaded = load_paths(paths, config.limits, config.exclude, files)
    shown = shows_progress(len(loaded.documents))  # a terminal, and a catalogue at scale
    silencer = _Silencer(loaded.suppressions)

    def add(findings: Iterable[Finding]) -> None:
        for finding in findings:
            level = levels[finding.rule]
            if level is not Level.OFF:
                found.add(silencer.mark(Problem.from_finding(finding, level)))

    add(loaded.findings)
    invalid: set[int] = set()
    with progress(len(loaded.documents), _("Checking the documents"), shown) as advance:
        for document in loaded.documents:
            schema_findings = (
                check_document(document) if files is None else files.schema_findings(document, check_document)
            )
            if schema_findings:
                invalid.add(id(document))
                add(schema_findings)
            advance(1)
    if files is not None:
        files.save()
    with status(_("Building the catalogue"), shown):
        catalogue = build_catalogue(loaded.documents, invalid, loaded.unread)
        context = RuleContext(catalogue, build_graph(catalogue), config.profile, config.today)
    checked = [info for info in infos if info.level is not Level.OFF and info.id not in LOAD_RULES]
    with progress(len(checked), _("Checking the rules"), shown) as advance:
        for info in checked:
            add(RULES[info.id].check(context))
            advance(1)

    add(silencer.unused(levels))
    problems, left_out = found.result()
    report = Report(
        problems=problems,
        files=tuple(loaded.files),
        rules=tuple(info for info in infos if info.level is not Level.OFF),
        tool_version=__version__,
        profile=config.profile.id,
        left_out=left_out,
    )
    return catalogue, report


class _Silencer:
    """Marks the problems a ``# trajectkit: disable…`` comment covers as suppressed, and
    gives an ``unused-suppression`` finding for each comment that covers none (which a
    comment naming ``unused-suppression`` may silence in turn)."""

    def __init__(self, suppressions: Sequence[Suppression]) -> None:
        self.suppressions = suppressions
        self.by_file: dict[str, list[Suppression]] = {}
        for item in suppressions:
            self.by_file.setdefault(item.path, []).append(item)
        self.used: set[Suppression] = set()

    def mark(self, problem: Problem) -> Problem:
        from trajectkit.rules import LOAD_RULES

        if not self.by_file or problem.rule in LOAD_RULES:
            # the file could not be read as written: no comment silences that
            return problem
        covering = [item for item in self.by_file.get(problem.path, ()) if item.covers(problem)]
        self.used.update(covering)
        return replace(problem, suppressed=True) if covering else problem

    def unused(self, levels: Mapping[str, Level]) -> Iterable[Finding]:
        from trajectkit.rules import unused_suppression

        if not self.suppressions:
            return ()
        unused = [item for item in self.suppressions if item not in self.used and item.rule != unused_suppression.ID]
        return unused_suppression.findings(unused, levels)


def validate(
    paths: Iterable[str | os.PathLike[str]], config: Config, strict: bool = False, files: FileCache | None = None
) -> Report:
    """The validation report for the files below ``paths``."""
    _, report = check_catalogue(paths, config, files)
    if strict:
        from dataclasses import replace

        report = replace(report, strict=True)
    return report
