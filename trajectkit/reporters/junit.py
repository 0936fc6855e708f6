"""JUnit XML for CI servers (GitLab, Jenkins, Azure) that show test reports.

One test suite, one test case per file read: a file with problems fails with one
``<failure>`` that lists them all (CI servers show one failure per case), so a clean
run of 6,000 files is 6,000 short cases, not one per rule and file. Warnings fail
only under ``--strict``; otherwise they are kept in the test case's ``<system-out>``
so they stay visible without turning the case red.
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
    root = ET.Element("testsuites", name="trajectkit")
    suite = ET.SubElement(root, "testsuite", name="trajectkit validate")
    files = report.by_file()
    failures = sum(_fill_case(suite, path, problems, report.strict) for path, problems in files.items())
    for element in (root, suite):
        element.set("tests", str(len(files)))
        element.set("failures", str(failures))
        element.set("errors", "0")
    return root


def _fill_case(suite: ET.Element, path: str, problems: list[Problem], strict: bool) -> int:
    """The test case of one file: one ``<failure>`` listing what fails it, the other
    problems in ``<system-out>``; 1 when the file fails, else 0."""
    case = ET.SubElement(suite, "testcase", classname="trajectkit", name=_clean(path), file=_clean(path))
    failing: list[Problem] = []
    quiet: list[Problem] = []
    for problem in sorted(problems):
        (failing if problem.level is Level.ERROR or strict else quiet).append(problem)
    if failing:
        first = failing[0]
        count = f"{len(failing)} problems; first at " if len(failing) > 1 else ""
        failure = ET.SubElement(
            case,
            "failure",
            type=str(max(problem.level for problem in failing)),
            message=_clean(f"{count}{first.line}:{first.column} [{first.rule}] {first.message}"),
        )
        failure.text = _clean("\n".join(_line(problem) for problem in failing))
    if quiet:
        ET.SubElement(case, "system-out").text = _clean("\n".join(_line(problem) for problem in quiet))
    return 1 if failing else 0


def _line(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}:{problem.column}: {problem.level} [{problem.rule}] {problem.message}"


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
