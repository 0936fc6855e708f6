"""Long words in catalogue text break inside the page instead of running off it.

A name or an evidence text may be one word as long as its schema allows (500 and
10,000 characters). The stock stylesheets let the layout break such a word
(``overflow-wrap: anywhere``); here the boxes WeasyPrint laid out are measured.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from plan_support import TEMPLATES, copy_samples, edit, load

from trajectkit.analysis.plan import build_plan
from trajectkit.rendering import render_html

WORD = "Wolfeschlegelsteinhausenbergerdorff" * 14  # 490 letters, no break


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _overflowing_text(html: str) -> list[str]:
    """The text boxes that reach past the right edge of their page."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=TEMPLATES.as_uri() + "/").render()
    found = []
    for page in document.pages:
        right = page.width
        for box in _boxes(page._page_box):
            text = getattr(box, "text", None)
            if text and box.position_x + box.width > right + 0.5:
                found.append(text[:40])
    return found


@pytest.mark.parametrize(
    ("learner", "old", "new"),
    [
        ("L-2026-0001", "name: Yusuf Demir", f"name: Yusuf {WORD}"),
        ("L-2026-0003", "evidence: VCA-basisattest", f"evidence: {WORD * 3}"),
    ],
)
def test_a_long_word_stays_on_the_page(tmp_path: Path, learner: str, old: str, new: str) -> None:
    folder = copy_samples(tmp_path, learners=(learner,))
    edit(folder / f"learners/{learner}.yaml", old, new)
    catalogue, report = load(folder)
    assert [problem.message for problem in report.problems] == []
    html = render_html(build_plan(catalogue, learner), TEMPLATES)
    assert WORD in html
    assert _overflowing_text(html) == []
