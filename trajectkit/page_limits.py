"""Bounds on the pages a template may ask WeasyPrint for, checked before each page is laid out.

A templates folder (``--templates``) is not trusted to be quick, but it must not make
the renderer loop for ever. ``@page { size: 0mm 0mm }`` or margins wider than the
page leave no room for a single line, and WeasyPrint then makes page after page
without end. So every page's size and margins are read from the page's computed
style (what WeasyPrint will lay the page out with, whichever ``@page`` rule,
stylesheet or ``@import`` they came from) before that page is laid out, and a
document may have at most :data:`MAX_PAGES` pages. A page outside the bounds stops
the document with :class:`PageLimitError`, which the renderer reports as the failure
of that one document.

The check wraps WeasyPrint's ``set_page_type_computed_styles``, the step that gives a
page its style, called each time a page is laid out (a page laid out again to fill
in ``counter(pages)`` counts again). ``tests/test_page_limits.py`` fails when a
WeasyPrint release renames it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

#: CSS pixels per millimetre (96 per inch).
PX_PER_MM = 96 / 25.4
#: Smallest page side and smallest room left inside the margins, in mm.
MIN_SIDE_MM = 20
MIN_CONTENT_MM = 10
#: Largest page side in mm (A0 is 841 by 1189).
MAX_SIDE_MM = 2_000
#: Most pages one document may have; a learning plan has about ten.
MAX_PAGES = 1_000


class PageLimitError(Exception):
    """A page the template asked for is outside the bounds."""


class _Budget:
    """The pages of the document being laid out in this process."""

    active = False
    pages = 0


_BUDGET = _Budget()
_INSTALLED = False


@contextlib.contextmanager
def page_limits() -> Iterator[None]:
    """Check every page laid out inside this block (one document)."""
    _install()
    _BUDGET.active, _BUDGET.pages = True, 0
    try:
        yield
    finally:
        _BUDGET.active = False


def check_page(style: Any) -> None:
    """Refuse a page style whose size or margins are outside the bounds."""
    width, height = (float(side) for side in style["size"])
    for side in (width, height):
        if not MIN_SIDE_MM * PX_PER_MM <= side <= MAX_SIDE_MM * PX_PER_MM:
            raise PageLimitError(
                f"a page of {_mm(width)} by {_mm(height)} mm; pages must be {MIN_SIDE_MM} to {MAX_SIDE_MM:,} mm a side"
            )
    inner_width = width - _length(style["margin_left"], width) - _length(style["margin_right"], width)
    inner_height = height - _length(style["margin_top"], width) - _length(style["margin_bottom"], width)
    if min(inner_width, inner_height) < MIN_CONTENT_MM * PX_PER_MM:
        raise PageLimitError(
            f"page margins leave {_mm(inner_width)} by {_mm(inner_height)} mm for the content; "
            f"at least {MIN_CONTENT_MM} mm each way is needed"
        )


def _length(value: Any, width: float) -> float:
    """A computed margin in px: a length, a percentage of the page width, or auto (0)."""
    unit = getattr(value, "unit", None)
    number = getattr(value, "value", 0)
    if unit == "px":
        return float(number)
    if unit == "%":
        return float(number) * width / 100
    return 0.0


def _mm(pixels: float) -> str:
    millimetres = pixels / PX_PER_MM
    return f"{millimetres:,.0f}" if abs(millimetres) < 1e6 else f"{millimetres:.1e}"


def _install() -> None:
    """Wrap WeasyPrint's per-page style step once per process."""
    global _INSTALLED
    if _INSTALLED:
        return
    _INSTALLED = True
    from weasyprint.layout import page as page_layout

    original = getattr(page_layout, "set_page_type_computed_styles", None)
    if original is None:  # pragma: no cover - depends on the WeasyPrint version
        raise RuntimeError("this WeasyPrint has no set_page_type_computed_styles; see trajectkit/page_limits.py")

    def checked(page_type: Any, html: Any, style_for: Any) -> None:
        original(page_type, html, style_for)
        if not _BUDGET.active:
            return
        _BUDGET.pages += 1
        if _BUDGET.pages > MAX_PAGES:
            raise PageLimitError(f"more than {MAX_PAGES:,} pages")
        check_page(style_for(page_type))

    page_layout.set_page_type_computed_styles = checked
