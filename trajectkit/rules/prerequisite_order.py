"""A competence requires one that is scheduled in a later phase.

What it checks: when an allocation with a `phase` requires a competence whose
allocation has a `phase` too, the required one's phase is the same or earlier in
the trajectory's `phases` list. Allocations without a phase are not checked.

Why it matters: a competence must be taught before it is built upon (and before it
is assessed as part of a later one); a prerequisite in a later phase makes the
order of the plan impossible.

Example that fails::

    phases: [{id: instap, title: Instap}, {id: verdieping, title: Verdieping}]
    allocations:
      - competence: bkc0051290
        at: [school, werkplek]
        assessed_by: [school, werkplek]
        phase: instap
        requires: [bkc0051291]
      - competence: bkc0051291
        at: [school, werkplek]
        assessed_by: [school, werkplek]
        phase: verdieping

Example that passes::

    phases: [{id: instap, title: Instap}, {id: verdieping, title: Verdieping}]
    allocations:
      - competence: bkc0051290
        at: [school, werkplek]
        assessed_by: [school, werkplek]
        phase: verdieping
        requires: [bkc0051291]
      - competence: bkc0051291
        at: [school, werkplek]
        assessed_by: [school, werkplek]
        phase: instap

How to fix: move the required competence to the same or an earlier phase, or the
requiring one to a later phase.

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "prerequisite-order"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    for trajectory in context.catalogue.trajectories.values():
        order = trajectory.phase_index()
        phase_of = {allocation.competence: allocation.phase for allocation in trajectory.allocations}
        for allocation in trajectory.allocations:
            if allocation.phase not in order:
                continue
            for index, required in enumerate(allocation.requires):
                other = phase_of.get(required)
                if other in order and order[other] > order[allocation.phase]:
                    yield Finding(
                        allocation.source.at("requires", index),
                        ID,
                        _(
                            "%(competence)s (phase %(phase)s) requires %(required)s, which is scheduled later (phase "
                            "%(other)s); teach %(required)s first"
                        )
                        % {
                            "competence": allocation.competence,
                            "phase": allocation.phase,
                            "required": required,
                            "other": other,
                        },
                    )
