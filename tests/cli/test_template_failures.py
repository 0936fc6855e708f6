"""A templates folder that breaks the renderer fails one plan, never the batch, and never hangs.

Each case breaks the plan of one learner only (L-2026-0001, whose plan is in Dutch):
the other learner's plan (L-2026-0004, in English) must still be written, the broken
one listed at the end with a reason, exit 1, no traceback. The page cases would make
WeasyPrint lay out pages without end; they run as processes with a time limit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from plan_support import SAMPLES, TEMPLATES, edit
from processes import trajectkit

ONLY_DUTCH = "{% if plan.language == 'nl' %}SNIPPET{% endif %}"
NESTED = "{% for i in range(2000) %}<div>{% endfor %}x{% for i in range(2000) %}</div>{% endfor %}"

CASES = {
    # name: (file to edit, text there, replacement, what the failure says)
    "lone surrogate": ("i18n/nl.yaml", "locale: nl_BE", 'locale: nl_BE\nx-odd: "\\ud800"', "lone surrogate"),
    "unknown locale": ("i18n/nl.yaml", "locale: nl_BE", "locale: xx_YY", "unknown locale"),
    "huge font": ("plan.html.j2", "<body>\n", '<body>\n<p style="font-size: 1e30px">x</p>', "cannot lay out"),
    "deep nesting": ("plan.html.j2", "<body>\n", f"<body>\n{NESTED}", "cannot"),
    "page of nothing": (
        "plan.html.j2",
        "<body>\n",
        "<body>\n<style>@page { size: 0mm 0mm }</style>",
        "a page of 0 by 0 mm",
    ),
    "margins past the page": (
        "plan.html.j2",
        "<body>\n",
        "<body>\n<style>@page { margin: 150mm }</style>",
        "page margins",
    ),
    "huge page": ("plan.html.j2", "<body>\n", "<body>\n<style>@page { size: 1e9mm }</style>", "pages must be"),
}


def _templates(tmp_path: Path, case: str) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    path, old, new, _ = CASES[case]
    if path == "plan.html.j2":
        new = old + ONLY_DUTCH.replace("SNIPPET", new.removeprefix(old))
    elif case == "lone surrogate":  # print it, in the Dutch plan only
        edit(folder / "plan.html.j2", "<body>\n", "<body>\n" + ONLY_DUTCH.replace("SNIPPET", "{{ t['x-odd'] }}"))
    edit(folder / path, old, new)
    return folder


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_template_that_breaks_the_renderer_fails_that_plan_only(tmp_path: Path, case: str) -> None:
    templates = _templates(tmp_path, case)
    out = tmp_path / "out"
    run = trajectkit(
        "plan", SAMPLES, "--learner", "L-2026-0001", "--learner", "L-2026-0004",
        "--out", out, "--templates", templates, "--jobs", "1",
        cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert run.code == 1, run.output
    assert "Traceback" not in run.output
    assert sorted(path.name for path in out.iterdir()) == ["L-2026-0004.pdf"], run.output
    assert "1 plan written" in run.output and "1 failed:" in run.output
    [failure] = [line for line in run.output.splitlines() if line.startswith("L-2026-0001: ")]
    assert "cannot render" in failure and CASES[case][3] in failure, failure


@pytest.mark.parametrize(
    ("command", "template"),
    [
        (("coverage", "--trajectory", "OT-00214"), "coverage.html.j2"),
        (("attest", "--learner", "L-2026-0001"), "attest.html.j2"),
    ],
)
def test_a_single_document_with_a_page_of_nothing_is_a_usage_error(
    tmp_path: Path, command: tuple[str, ...], template: str
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    edit(templates / template, "<body", "<style>@page { size: 0mm 0mm }</style>\n<body")
    run = trajectkit(
        command[0], SAMPLES, *command[1:], "--format", "pdf", "--templates", templates, "-o", tmp_path / "out.pdf",
        cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert run.code == 2, run.output
    assert "cannot render: refused to lay out the document: a page of 0 by 0 mm" in run.output
    assert "Traceback" not in run.output and not (tmp_path / "out.pdf").exists()
