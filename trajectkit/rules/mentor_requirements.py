"""The learner's mentor is too young or too inexperienced for the profile.

What it checks: the mentor of each placement of a learner (a version 1 learner's
`mentor`) is at least
`mentor.min_age` years old (Flanders: 25) and has at least
`mentor.min_experience_years` of relevant experience (Flanders: 5), on the
reference date (`today` in `trajectkit.yaml`, else the placement's start). A
`derogation` granted to the mentor (by that date, if `granted_on` is given) lowers
the age to its `min_age`, but not below `mentor.derogation_min_age` (Flanders: 23),
and `experience: true` lifts the experience requirement. Reported at the placement's
`mentor`.

Why it matters: the mentor carries the learning at the workplace; the decree on
dual learning (2016) asks for maturity and experience, and lets the partnership
grant a derogation to one mentor, not to a whole catalogue.

Example that fails::

    kind: Workplace
    id: WP-0001
    mentors:
      - {id: M-01, name: Tom Peeters, birth_date: 2004-02-01, experience_years: 3}
    ---
    kind: Learner
    id: L-2026-0001
    start: 2026-09-01      # M-01 is then 22, with 3 years of experience
    workplace: WP-0001
    mentor: M-01

Example that passes::

    kind: Workplace
    id: WP-0001
    mentors:
      - {id: M-01, name: Tom Peeters, birth_date: 2004-02-01, experience_years: 3}
      - {id: M-02, name: Fatima Ouali, birth_date: 1989-02-03, experience_years: 11}
    ---
    kind: Learner
    id: L-2026-0001
    start: 2026-09-01      # M-02 is then 37, with 11 years of experience
    workplace: WP-0001
    mentor: M-02

How to fix: name another mentor of the workplace, or record the derogation the
partnership granted this mentor (`derogation: {min_age: 23, granted_by: …}`).

Options: `mentor.min_age`, `mentor.derogation_min_age`, `mentor.min_experience_years`.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.catalogue.model import age_on
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "mentor-requirements"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue, profile = context.catalogue, context.profile
    placements = [placement for learner in catalogue.learners.values() for placement in learner.placements]
    for placement in placements:
        workplace = catalogue.workplaces.get(placement.workplace)
        mentor = workplace.mentor(placement.mentor) if workplace and placement.mentor else None
        if workplace is None or mentor is None:
            continue
        day = context.today or placement.start
        derogation = mentor.derogation_on(day)
        min_age, min_experience = profile.mentor_minimums(derogation)
        shortfalls = []
        age = age_on(mentor.birth_date, day)
        if min_age is not None and age < min_age.value:
            shortfalls.append(
                _("is %(age)s on %(day)s (at least %(min_age)s%(min_age_source)s)")
                % {"age": age, "day": day, "min_age": min_age, "min_age_source": min_age.cite()}
            )
        if min_experience is not None and mentor.experience_years < min_experience.value:
            shortfalls.append(
                _("has %(experience_years)s years of experience (at least %(min_experience)s%(min_experience_source)s)")
                % {
                    "experience_years": f"{mentor.experience_years:g}",
                    "min_experience": min_experience,
                    "min_experience_source": min_experience.cite(),
                }
            )
        if shortfalls:
            advice = _("name another mentor") if derogation else _("name another mentor or record a derogation")
            yield Finding(
                placement.source.at("mentor"),
                ID,
                _("mentor %(mentor)s (%(name)s) of %(workplace)s %(shortfalls)s; %(advice)s")
                % {
                    "mentor": mentor.id,
                    "name": mentor.name,
                    "workplace": workplace.id,
                    "shortfalls": " and ".join(shortfalls),
                    "advice": advice,
                },
            )
