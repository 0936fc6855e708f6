"""The learner's age at the start is outside the profile's bounds.

What it checks: the learner's age in whole years on `start` is between
`learner_age.min` and `learner_age.max` of the profile, both included
(Flanders: 15 to 25). Reported at the learner's `birth_date`.

Why it matters: dual learning is open from the part-time compulsory school age up
to 25: from 15 for a learner who has completed the first two years of secondary
education, otherwise from 16 (law on compulsory education of 29 June 1983; decree
on dual learning, 2016). The learner's file does not say which applies, so the rule
checks the lower bound of 15: check a learner of 15 who has not completed the
first two years. Outside the range another route applies.

Example that fails::

    birth_date: 1998-03-01
    start: 2026-09-01        # 28 at the start

Example that passes::

    birth_date: 2008-03-01
    start: 2026-09-01        # 18 at the start

How to fix: correct the birth or start date, or choose another route.

Options: `learner_age.min`, `learner_age.max`.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "learner-age"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    lowest = context.profile.get("learner_age.min")
    highest = context.profile.get("learner_age.max")
    for learner in context.catalogue.learners.values():
        age = learner.age_at_start()
        if lowest is not None and age < lowest.value:
            bound = _("at least %(lowest)s%(lowest_source)s") % {"lowest": lowest, "lowest_source": lowest.cite()}
        elif highest is not None and age > highest.value:
            bound = _("at most %(highest)s%(highest_source)s") % {"highest": highest, "highest_source": highest.cite()}
        else:
            continue
        yield Finding(
            learner.source.at("birth_date"),
            ID,
            _(
                "%(learner)s is %(age)s on the start date %(start)s; profile %(profile)s allows learners "
                "%(bound)s; check the dates"
            )
            % {
                "learner": learner.id,
                "age": age,
                "start": learner.start,
                "profile": context.profile.id,
                "bound": bound,
            },
        )
