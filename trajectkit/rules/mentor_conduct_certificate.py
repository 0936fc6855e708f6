"""A mentor who guides a learner has no conduct certificate, where the profile requires one.

What it checks: when the profile sets `mentor.conduct_certificate_required`
(Flanders: yes), every mentor whom a learner names (in any placement) has a `conduct_certificate`
date: the date of the extract from the criminal record (uittreksel uit het
strafregister, model 596.2) the mentor showed. Reported once per mentor, at the
mentor, naming the learners.

Why it matters: the extract for work with minors is one of the recognition
conditions of a dual workplace; without it on file, the workplace does not meet
them.

Example that fails::

    mentors:
      - id: M-01
        name: Koen Van de Velde
        birth_date: 1972-06-14
        experience_years: 28
        training_completed: 2024-11-21

Example that passes::

    mentors:
      - id: M-01
        name: Koen Van de Velde
        birth_date: 1972-06-14
        experience_years: 28
        training_completed: 2024-11-21
        conduct_certificate: 2024-08-20   # uittreksel uit het strafregister, model 596.2

How to fix: ask the mentor for the extract (from the municipality, or online) and
record its date.

Options: `mentor.conduct_certificate_required` in the profile; set it to `false`
under `thresholds:` in `trajectkit.yaml` where it does not apply.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "mentor-conduct-certificate"
DEFAULT_LEVEL = Level.WARNING
SETTING = "mentor.conduct_certificate_required"


def check(context: RuleContext) -> Iterator[Finding]:
    if not context.profile.enabled(SETTING):
        return
    cited = context.profile.setting(SETTING)
    source = cited.cite() if cited is not None else ""
    catalogue = context.catalogue
    guided: dict[tuple[str, str], set[str]] = defaultdict(set)
    for learner in catalogue.learners.values():
        for placement in learner.placements:
            if placement.mentor:
                guided[(placement.workplace, placement.mentor)].add(learner.id)
    for (workplace_id, mentor_id), learners in sorted(guided.items()):
        workplace = catalogue.workplaces.get(workplace_id)
        mentor = workplace.mentor(mentor_id) if workplace is not None else None
        if mentor is None or mentor.conduct_certificate is not None:
            continue
        yield Finding(
            mentor.source.at(),
            ID,
            _(
                "mentor %(mentor)s (%(name)s) of %(workplace_id)s guides %(learners)s but has no "
                "conduct_certificate date%(source)s; record the date of the mentor's extract from the "
                "criminal record (model 596.2)"
            )
            % {
                "mentor": mentor.id,
                "name": mentor.name,
                "workplace_id": workplace_id,
                "learners": ", ".join(sorted(learners)),
                "source": source,
            },
        )
