"""YAML events from one parser, and its errors as refusals with editor places.

The loader (``loading.py``) builds values from these events. A syntax error becomes
a ``yaml-syntax`` refusal worded in the run's language at the line and column an
editor shows; a nesting past ``limits.max_depth`` a ``yaml-limits`` refusal at the
level that crosses it, even where libyaml gave up deeper.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml.events import DocumentStartEvent, MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent

from trajectkit.catalogue.files import Limits, Refused
from trajectkit.catalogue.positions import Mark, Positions
from trajectkit.catalogue.yaml_messages import in_run_language
from trajectkit.translation import _


def _mark(event: Any) -> Mark:
    """Where an event starts, as PyYAML counts: for the nested-too-deep search only."""
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def events(
    text: str, limits: Limits, positions: Positions, parser_class: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
) -> Iterator[Any]:
    parser: Any = None
    document_start = 0
    try:
        parser = parser_class(text)  # the pure-Python reader checks the characters here
        while True:
            event: Any = parser.get_event()
            if event is None:
                return
            if isinstance(event, DocumentStartEvent) and event.start_mark is not None:
                document_start = event.start_mark.index
            yield event
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if mark is not None and _PARSER_DEPTH_LIMIT in (error.problem or ""):
            raise _depth_refusal(text, document_start, mark.index, limits) from error
        where, problem = _syntax_error(positions, error)
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            problem += _(" (a tab); indent with spaces, not tabs")
        raise Refused("yaml-syntax", problem or _("invalid YAML"), where) from error
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        position = getattr(error, "position", 0) or 0
        raise Refused("yaml-syntax", str(error).splitlines()[0], positions.at(position)) from error
    finally:
        if parser is not None:
            parser.dispose()


def _syntax_error(positions: Positions, error: yaml.MarkedYAMLError) -> tuple[Mark, str]:
    """Where a syntax error is, and what it says, with the parser's context: "while
    parsing a flow sequence started at line 3, column 7". When the problem is only
    found at the end of the file (a bracket or quote never closed), the error points
    at where the unclosed thing started, not past the last line. Places are counted
    from the character index, so they are on lines that exist, as editors number them."""
    text = positions.text
    problem_mark, context_mark = error.problem_mark, error.context_mark
    context = in_run_language(error.context or "")
    if context and context_mark is not None and (problem_mark is None or context_mark.index != problem_mark.index):
        started = positions.at(context_mark.index)
        context += _(" started at line %(line)s, column %(column)s") % {"line": started[0], "column": started[1]}
    message = ": ".join(part for part in (context, in_run_language(error.problem or "")) if part)
    mark = problem_mark or context_mark
    if mark is None:
        return (1, 1), message
    at_end = problem_mark is not None and not text[problem_mark.index :].strip()
    if at_end and context_mark is not None:
        ending = "" if "end of stream" in (error.problem or "") else _(" before the end of the file")
        return positions.at(context_mark.index), _("%(message)s%(ending)s; close it") % {
            "message": message,
            "ending": ending,
        }
    return positions.at(mark.index), message


#: libyaml 0.2.6 (bundled since PyYAML 6.0.4) stops at 1,000 levels with this message.
#: In flow context its scanner reads up to a line ahead before the first event, so
#: that error comes before the event at which our own, lower limit is crossed.
_PARSER_DEPTH_LIMIT = "maximum nesting depth"


def _depth_refusal(text: str, start: int, stop: int, limits: Limits) -> Refused:
    """The ``yaml-limits`` refusal at the level that crosses ``limits.max_depth``.

    The parser gave up somewhere past that level; the pure-Python parser, which has no
    nesting limit of its own, reads the document again up to that point and the
    level is counted on its events, as for every other file.
    """
    line_start = text.rfind("\n", 0, start) + 1
    lines_before = text.count("\n", 0, line_start)
    parser = yaml.SafeLoader(text[line_start:stop])
    depth = 0
    try:
        event: Any
        while (event := parser.get_event()) is not None:
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                if depth > limits.max_depth:
                    line, column = _mark(event)
                    return too_deep(limits, (lines_before + line, column))
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass  # the cut-off text ends in the middle of a collection
    finally:
        parser.dispose()
    return too_deep(limits, (text.count("\n", 0, stop) + 1, stop - text.rfind("\n", 0, stop)))


def too_deep(limits: Limits, mark: Mark) -> Refused:
    return Refused(
        "yaml-limits",
        _(
            "nested more than %(max_depth)s levels deep; refused before reading further (raise "
            "limits.max_depth if this is real)"
        )
        % {"max_depth": limits.max_depth},
        mark,
    )


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""
