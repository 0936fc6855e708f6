"""`requires` forms a cycle (the cycle is named).

What it checks: the prerequisites (`requires`) among a trajectory's allocations
form no cycle, directly (a requires b, b requires a) or through several steps, and
no competence requires itself. Each cycle is reported once, at the `requires` of
its first allocation in the file.

Why it matters: a cycle means no competence of it can ever be started; the plan
cannot order them.

Example that fails::

    - competence: bkc0051290
      at: [school, werkplek]
      assessed_by: [school, werkplek]
      requires: [bkc0051291]
    - competence: bkc0051291
      at: [school, werkplek]
      assessed_by: [school, werkplek]
      requires: [bkc0051290]

Example that passes::

    - competence: bkc0051290
      at: [school, werkplek]
      assessed_by: [school, werkplek]
    - competence: bkc0051291
      at: [school, werkplek]
      assessed_by: [school, werkplek]
      requires: [bkc0051290]

How to fix: remove one `requires` of the cycle.

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.graph import prerequisite_cycles
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "prerequisite-cycle"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    for trajectory in context.catalogue.trajectories.values():
        if not any(allocation.requires for allocation in trajectory.allocations):
            continue
        order = {allocation.competence: index for index, allocation in enumerate(trajectory.allocations)}
        for cycle in prerequisite_cycles(context.graph, trajectory.id):
            start = min(range(len(cycle)), key=lambda i: order.get(cycle[i], len(order)))
            ordered = cycle[start:] + cycle[:start]
            first = trajectory.allocation(ordered[0])
            if first is None:
                continue
            path = " → ".join([*ordered, ordered[0]])
            yield Finding(
                first.source.at("requires"),
                ID,
                _("prerequisites form a cycle: %(path)s; remove one of these requires") % {"path": path},
            )
