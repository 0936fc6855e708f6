"""A competence is assessed by no place of type school: the school keeps the final responsibility.

What it checks: every allocation's `assessed_by` names at least one learning place
of a type in the profile's `assessment.school_types` (Flanders: `school`). A
training centre, a simulated workplace or the workplace may assess too, but not
alone. Places that are not in `learning_places` are left to
`unknown-learning-place`.

Why it matters: in dual learning the mentor and a training centre give their
input, but the final responsibility for evaluation lies with the school: its class
council (klassenraad) decides whether a competence is attained and which
certificate follows (Vlor, advies over de conceptnota duaal leren: "evaluatie is
eindverantwoordelijkheid van het onderwijs"). Other systems can name other place
types in their profile.

Example that fails::

    - competence: bkc0051290
      at: [school, werkplek]
      assessed_by: [werkplek]

Example that passes::

    - competence: bkc0051290
      at: [school, werkplek]
      assessed_by: [school, werkplek]

How to fix: add the school to `assessed_by` (the workplace or training centre may
stay as co-assessor).

Options: `assessment.school_types` in the profile (default `[school]`).
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.model import SCHOOL, Allocation, StandardTrajectory
from trajectkit.problems import Finding, Level
from trajectkit.profile import Profile
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "school-not-assessing"
DEFAULT_LEVEL = Level.ERROR
SETTING = "assessment.school_types"


def check(context: RuleContext) -> Iterator[Finding]:
    for trajectory in context.catalogue.trajectories.values():
        if not context.catalogue.intact("StandardTrajectory", trajectory.id, "learning_places"):
            continue  # a place left out for a schema error may be the school
        for allocation in trajectory.allocations:
            message = problem(trajectory, allocation, context.profile)
            if message is not None:
                yield Finding(allocation.source.at("assessed_by"), ID, message)


def problem(trajectory: StandardTrajectory, allocation: Allocation, profile: Profile) -> str | None:
    """What is wrong with one allocation (standard or adjusted), or ``None``."""
    types = profile.names(SETTING, (SCHOOL,))
    cited = profile.setting(SETTING)
    source = cited.cite() if cited is not None else ""
    kinds = {place.id: place.type for place in trajectory.learning_places}
    assessors = [place for place in allocation.assessed_by if place in kinds]
    if not assessors or any(kinds[place] in types for place in assessors):
        return None
    shown = ", ".join(f"{place} ({kinds[place]})" for place in assessors)
    return _(
        "%(competence)s is assessed only by %(shown)s, no place of type %(types)s; the school "
        "keeps the final evaluation%(source)s: add the school to assessed_by"
    ) % {"competence": allocation.competence, "shown": shown, "types": " or ".join(types), "source": source}
