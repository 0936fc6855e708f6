"""JUnit XML for CI servers (GitLab, Jenkins, Azure) that show test reports.

One test suite per file read, one test case per rule that ran; each problem is a
``<failure>``. Warnings fail only under ``--strict``; otherwise they are kept in the
test case's ``<system-out>`` so they stay visible without turning the case red.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import IO

from trajectkit.problems import Level, Problem
from trajectkit.reporters.base import Reporter
from trajectkit.validation.report import Report

# Characters XML 1.0 cannot hold, even escaped; ElementTree would write them raw.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class JunitReporter(Reporter):
    """A ``<testsuites>`` document, UTF-8, attributes in a fixed order."""

    name = "junit"

    def write(self, report: Report, stream: IO[str]) -> None:
        root = build(report)
        ET.indent(root)
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        stream.write(ET.tostring(root, encoding="unicode"))
        stream.write("\n")


def build(report: Report) -> ET.Element:
    """The XML tree of ``report``; the counts on each element match its children."""
    rule_ids = _rule_ids(report)
    root = ET.Element("testsuites", name="trajectkit")
    total_tests = total_failures = 0
    for path, problems in report.by_file().items():
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        failures = 0
        for rule_id in rule_ids:
            case = ET.SubElement(suite, "testcase", classname=_clean(path), name=_clean(rule_id))
            failures += _fill_case(case, [p for p in problems if p.rule == rule_id], report.strict)
        suite.set("tests", str(len(rule_ids)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += len(rule_ids)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    return root


def _rule_ids(report: Report) -> list[str]:
    """Rules that ran, in report order, then rules seen only in problems (they ran too)."""
    ran = [rule.id for rule in report.rules if rule.level is not Level.OFF]
    seen = sorted({problem.rule for problem in report.shown} - set(ran))
    return ran + seen


def _fill_case(case: ET.Element, problems: list[Problem], strict: bool) -> int:
    """Add the problems of one file and rule to ``case``; return how many failures."""
    failures = 0
    quiet: list[str] = []
    for problem in sorted(problems):
        text = f"{problem.path}:{problem.line}:{problem.column}: {problem.message}"
        if problem.level is Level.ERROR or strict:
            failure = ET.SubElement(
                case,
                "failure",
                type=str(problem.level),
                message=_clean(f"{problem.line}:{problem.column} {problem.message}"),
            )
            failure.text = _clean(text)
            failures += 1
        else:
            quiet.append(f"{problem.level}: {text}")
    if quiet:
        ET.SubElement(case, "system-out").text = _clean("\n".join(quiet))
    return failures


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
