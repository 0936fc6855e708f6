"""Page size and margins are bounded before each page is laid out, wherever the @page rule is."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from plan_support import TEMPLATES

from trajectkit.page_limits import MAX_PAGES, PageLimitError, check_page, page_limits
from trajectkit.rendering import RenderError, html_to_pdf


def _html(body: str, head: str = "") -> str:
    return f'<html><head><meta name="generator" content="trajectkit">{head}</head><body>{body}</body></html>'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATES, target)
    return target


def test_weasyprint_still_has_the_step_that_is_checked() -> None:
    from weasyprint.layout import page

    with page_limits():
        assert page.set_page_type_computed_styles.__name__ == "checked"


def test_a_normal_page_is_laid_out(folder: Path) -> None:
    assert html_to_pdf(_html("<p>Hallo</p>", "<style>@page { size: A4; margin: 20mm }</style>"), folder).startswith(
        b"%PDF"
    )


@pytest.mark.parametrize(
    ("css", "message"),
    [
        ("@page { size: 0mm 0mm }", "a page of 0 by 0 mm"),
        ("@page { size: 5mm 297mm }", "a page of 5 by 297 mm"),
        ("@page { size: 1e9mm }", "a page of 1.0e+09 by 1.0e+09 mm; pages must be 20 to 2,000 mm a side"),
        ("@page { margin: 0 0 0 99% }", "page margins leave 2 by 297 mm"),
        ("@page :left { margin: 150mm }", "page margins leave"),
    ],
)
def test_a_page_outside_the_bounds_stops_the_document(folder: Path, css: str, message: str) -> None:
    # The rule sits in a stylesheet the document imports from its folder: checked as laid out.
    (folder / "odd.css").write_text(css, encoding="utf-8")
    body = "<p>Hallo</p>" + '<p style="break-before: page">twee</p>' * 2
    with pytest.raises(RenderError, match=re.escape("refused to lay out the document: " + message)):
        html_to_pdf(_html(body, "<style>@import 'odd.css';</style>"), folder)


def test_too_many_pages_stop_the_document(folder: Path) -> None:
    body = '<p style="break-after: page">x</p>' * (MAX_PAGES + 1)
    with pytest.raises(RenderError, match=f"more than {MAX_PAGES:,} pages"):
        html_to_pdf(_html(body), folder)


def test_margins_as_percentages_count_against_the_page_width() -> None:
    from weasyprint.css.properties import Dimension

    a4 = (793.7, 1122.5)
    fine = {"size": a4, **{f"margin_{side}": Dimension(10, "%") for side in ("top", "right", "bottom", "left")}}
    check_page(fine)
    with pytest.raises(PageLimitError):
        check_page({**fine, "margin_left": Dimension(50, "%"), "margin_right": Dimension(49, "%")})
