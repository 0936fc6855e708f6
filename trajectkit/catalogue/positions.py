"""Line and column as an editor shows them, for a place PyYAML points at.

PyYAML counts NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029)
as line breaks, as YAML 1.1 says; editors, ``grep -n`` and git do not. One of them
inside a quoted value would shift every later line number, so in a text that holds
one, places are counted again from the character index, with ``\\n``, ``\\r\\n`` and
``\\r`` as the only breaks. So they are in a text holding a ZERO WIDTH NO-BREAK SPACE
(U+FEFF) past its start, which PyYAML's pure-Python reader leaves out of the column
and libyaml and editors count. A place past the end of a text without a final line
break (where the parser noticed a bracket never closed) is the end of its last
line, which exists.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

Mark = tuple[int, int]

#: Line breaks editors do not count, and the character whose column PyYAML does not.
_ODD_CHARACTERS = re.compile("[\x85\u2028\u2029\ufeff]")
_BREAKS = re.compile("\r\n|\r|\n")


class Positions:
    """The editor's line and column of places in one text."""

    __slots__ = ("_starts", "odd", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        #: Whether PyYAML's line numbers differ from an editor's anywhere in the text.
        self.odd = _ODD_CHARACTERS.search(text) is not None
        self._starts: list[int] | None = None

    def of(self, mark: Any) -> Mark:
        """The place of a PyYAML mark (``line``, ``column``, ``index``), 1-based."""
        if not self.odd:
            return (mark.line + 1, mark.column + 1)
        return self.at(mark.index)

    def of_event(self, event: Any) -> Mark:
        """Where a parser event starts."""
        return self.of(event.start_mark)

    def at(self, index: int) -> Mark:
        """The place of the character at ``index``; past the end of a text without a
        final line break: the end of its last line (the parser counts one more)."""
        text = self.text
        if index > len(text) or (index == len(text) and not text.endswith(("\n", "\r"))):
            index = len(text)
        starts = self._line_starts()
        line = bisect.bisect_right(starts, index)
        return (line, index - starts[line - 1] + 1)

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(match.end() for match in _BREAKS.finditer(self.text))]
        return self._starts
