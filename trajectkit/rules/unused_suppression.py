"""A `# trajectkit: disable…` comment silences no finding.

What it checks: each rule named in a suppression comment --
`# trajectkit: disable-line=RULE` at the end of a line, or
`# trajectkit: disable=RULE` on a line of its own for the rest of the file --
silences at least one finding of that rule there. A rule id that does not exist,
or names a load rule (which reads the files and cannot be silenced), is reported
too. A rule switched off in `trajectkit.yaml` is not checked.

Why it matters: a suppression outlives the problem it was written for; left in
place it would silence the next, real problem on that line without anyone
deciding so (ruff reports the same as "unused-noqa", RUF100).

Example that fails::

    clusters:
      - {id: CL1, title: Binnenbepleistering, competences: [bkc0051279]}  # trajectkit: disable-line=cluster-overlap

Example that passes::

    clusters:
      - {id: CL1, title: Binnenbepleistering, competences: [bkc0051279]}
      - {id: CL2, title: Droogbouw, competences: [bkc0051279]}  # trajectkit: disable-line=cluster-overlap

How to fix: remove the comment, or the rule id from it, or correct the rule id to
the one `trajectkit rules` lists.

Options: none. Found after every other rule has run; suppressed findings stay in
the JSON and SARIF reports, marked as suppressed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from trajectkit.errors import did_you_mean
from trajectkit.problems import Finding, Level, Location
from trajectkit.translation import _

if TYPE_CHECKING:
    from trajectkit.catalogue.suppression import Suppression
    from trajectkit.rules.context import RuleContext

ID = "unused-suppression"
DEFAULT_LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    """Nothing while the other rules run: see :func:`findings`, called after them."""
    return iter(())


def findings(unused: Iterable[Suppression], levels: Mapping[str, Level]) -> Iterator[Finding]:
    """A finding for each suppression that silenced nothing (``levels``: the rules in force)."""
    from trajectkit.rules import LOAD_RULES

    for item in unused:
        kind = "disable" if item.rest_of_file else "disable-line"
        where = Location(item.path, item.line, item.column)
        if item.rule not in levels:
            yield Finding(
                where,
                ID,
                _("%(kind)s=%(rule)s: no such rule%(did_you_mean)s")
                % {"kind": kind, "rule": item.rule, "did_you_mean": did_you_mean(item.rule, levels)},
            )
        elif item.rule in LOAD_RULES:
            yield Finding(
                where,
                ID,
                _("%(kind)s=%(rule)s: a load rule cannot be suppressed; fix the file")
                % {"kind": kind, "rule": item.rule},
            )
        elif levels[item.rule] is not Level.OFF and item.rule != ID:
            scope = _("on this line") if not item.rest_of_file else _("below this line")
            yield Finding(
                where,
                ID,
                _("%(kind)s=%(rule)s suppresses nothing %(scope)s; remove it")
                % {"kind": kind, "rule": item.rule, "scope": scope},
            )
