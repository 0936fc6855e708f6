"""``trajectkit validate``: load → schema → catalogue → graph → rules → report."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

from trajectkit import __version__
from trajectkit.catalogue.catalogue import Catalogue, build_catalogue
from trajectkit.catalogue.loading import load_paths
from trajectkit.catalogue.schema import check_document
from trajectkit.catalogue.suppression import Suppression
from trajectkit.config import Config
from trajectkit.problems import Finding, Level, Problem
from trajectkit.validation.report import Report, RuleInfo


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector while millions of long-lived objects are created.

    The catalogue holds no reference cycles worth collecting mid-run, yet the
    collector walked it over and over: a quarter of the CPU time of a large run.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_catalogue(paths: Iterable[str | os.PathLike[str]], config: Config) -> tuple[Catalogue, Report]:
    """Read and check every file below ``paths``; the catalogue is what could be modelled."""
    with _no_cyclic_gc():
        return _check_catalogue(paths, config)


def _check_catalogue(paths: Iterable[str | os.PathLike[str]], config: Config) -> tuple[Catalogue, Report]:
    from trajectkit.catalogue.graph import build_graph
    from trajectkit.rules import LOAD_RULES, RULES, documentation, summary
    from trajectkit.rules.context import RuleContext

    loaded = load_paths(paths, config.limits, config.exclude)
    findings: list[Finding] = list(loaded.findings)
    invalid: set[int] = set()
    for document in loaded.documents:
        schema_findings = check_document(document)
        if schema_findings:
            invalid.add(id(document))
            findings.extend(schema_findings)
    catalogue = build_catalogue(loaded.documents, invalid, loaded.unread)
    context = RuleContext(catalogue, build_graph(catalogue), config.profile, config.today)

    infos = []
    for rule_id, module in RULES.items():
        level = Level.ERROR if rule_id in LOAD_RULES else config.level(rule_id, module.DEFAULT_LEVEL)
        infos.append(RuleInfo(rule_id, level, summary(module), documentation(module)))
        if level is Level.OFF or rule_id in LOAD_RULES:
            continue
        findings.extend(module.check(context))

    levels = {info.id: info.level for info in infos}
    problems = _suppressed(_problems(findings, levels), loaded.suppressions, levels)
    report = Report(
        problems=tuple(problems),
        files=tuple(loaded.files),
        rules=tuple(info for info in infos if info.level is not Level.OFF),
        tool_version=__version__,
        profile=config.profile.id,
    )
    return catalogue, report


def _problems(findings: Iterable[Finding], levels: Mapping[str, Level]) -> list[Problem]:
    return sorted(
        {
            Problem.from_finding(finding, levels[finding.rule])
            for finding in findings
            if levels[finding.rule] is not Level.OFF
        }
    )


def _suppressed(
    problems: list[Problem], suppressions: Sequence[Suppression], levels: Mapping[str, Level]
) -> list[Problem]:
    """``problems`` with those a ``# trajectkit: disable…`` comment covers marked as
    suppressed, and an ``unused-suppression`` problem for each comment that covers none
    (which a comment naming ``unused-suppression`` may silence in turn)."""
    from trajectkit.rules import LOAD_RULES, unused_suppression

    if not suppressions:
        return problems
    by_file: dict[str, list[Suppression]] = {}
    for item in suppressions:
        by_file.setdefault(item.path, []).append(item)
    used: set[Suppression] = set()

    def mark(problem: Problem) -> Problem:
        if problem.rule in LOAD_RULES:  # the file could not be read as written: no comment silences that
            return problem
        covering = [item for item in by_file.get(problem.path, ()) if item.covers(problem)]
        used.update(covering)
        return replace(problem, suppressed=True) if covering else problem

    marked = [mark(problem) for problem in problems]
    unused = [item for item in suppressions if item not in used and item.rule != unused_suppression.ID]
    extra = [mark(problem) for problem in _problems(unused_suppression.findings(unused, levels), levels)]
    return sorted([*marked, *extra])


def validate(paths: Iterable[str | os.PathLike[str]], config: Config, strict: bool = False) -> Report:
    """The validation report for the files below ``paths``."""
    _, report = check_catalogue(paths, config)
    if strict:
        from dataclasses import replace

        report = replace(report, strict=True)
    return report
