"""A started learner's current learning-plan version is not signed by every party.

What it checks: when a learner has `plan_versions` and has started (the reference
date is on or after `start`), the current version (the last one dated on or before
the reference date) has `status: signed` and, where it records the dates
(`signed`), a signature of the learner, the workplace and the school, and of a
parent or guardian while the learner is younger than `learner_age.majority` on the
reference date, each dated on or before it. The
reference date is `today` in `trajectkit.yaml`, else the learner's start. A learner
without `plan_versions`, or whose versions are all dated later, is not checked.
Reported at the current version's item in `plan_versions`.

Why it matters: the learning plan (opleidingsplan) is part of the agreement the
learner, the company and the school sign (Decreet betreffende duaal leren, 2016);
for a minor, a parent or guardian signs too (Burgerlijk Wetboek, meerderjarigheid op
18 jaar). A revised plan that stays a draft means the learner learns on a plan that
nobody agreed to.

Example that fails (with `today: 2027-02-01`)::

    kind: Learner
    id: L-2026-0001
    birth_date: 2010-03-12
    start: 2026-09-01
    plan_versions:
      - version: 1
        date: 2026-08-28
        status: signed
        signed: {learner: 2026-08-28, guardian: 2026-08-28, workplace: 2026-08-28, school: 2026-08-28}
      - version: 2
        date: 2027-01-15
        status: draft
        change: Gevelisolatie verplaatst naar het opleidingscentrum

Example that passes::

    kind: Learner
    id: L-2026-0001
    birth_date: 2010-03-12
    start: 2026-09-01
    plan_versions:
      - version: 1
        date: 2026-08-28
        status: signed
        signed: {learner: 2026-08-28, guardian: 2026-08-28, workplace: 2026-08-28, school: 2026-08-28}
      - version: 2
        date: 2027-01-15
        status: signed
        signed: {learner: 2027-01-20, guardian: 2027-01-20, workplace: 2027-01-22, school: 2027-01-22}
        change: Gevelisolatie verplaatst naar het opleidingscentrum

How to fix: have the parties sign the current version and record the dates under
`signed` with `status: signed`, or correct the version's date.

Options: `learner_age.majority` (Flanders: 18); `today` in `trajectkit.yaml`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from trajectkit.catalogue.model import Learner, PlanVersion, age_on, current_version
from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import N_, _

ID = "plan-unsigned"
DEFAULT_LEVEL = Level.WARNING

#: Used when the profile gives no majority age.
_MAJORITY = 18


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    majority = context.profile.value("learner_age.majority") or _MAJORITY
    for learner in catalogue.learners.values():
        if not learner.plan_versions or not catalogue.intact("Learner", learner.id, "plan_versions"):
            continue  # a version left out for a schema error may be the current one
        day = context.reference_date(learner)
        if day < learner.start:
            continue
        current = current_version(learner.plan_versions, day)
        if current is None:
            continue
        problem = _problem(current, _parties(learner, day, majority), day)
        if problem:
            yield Finding(
                current.source.at(),
                ID,
                _("plan version %(version)s of %(learner)s (dated %(date)s, current on %(day)s) %(problem)s")
                % {
                    "version": current.version,
                    "learner": learner.id,
                    "date": current.date,
                    "day": day,
                    "problem": problem,
                },
            )


#: The parties who sign, as a message names them.
_PARTIES = {
    "learner": N_("the learner"),
    "guardian": N_("the guardian"),
    "workplace": N_("the workplace"),
    "school": N_("the school"),
}


def _parties(learner: Learner, day: dt.date, majority: float) -> tuple[str, ...]:
    """Who signs: the learner, a parent or guardian for a minor, the workplace, the school."""
    guardian = ("guardian",) if age_on(learner.birth_date, day) < majority else ()
    return ("learner", *guardian, "workplace", "school")


def _problem(version: PlanVersion, parties: tuple[str, ...], day: dt.date) -> str:
    """What keeps the version from being signed, or nothing."""
    if version.is_draft:
        return _("is a draft; have every party sign it and set `status: signed`")
    if version.signed is None:
        return ""  # signed, with no dates recorded
    missing = [party for party in parties if not _signed_by(version, party, day)]
    if not missing:
        return ""
    names = [_(_PARTIES[party]) for party in missing]
    listed = (
        names[0]
        if len(names) == 1
        else _("%(listed)s and %(names)s") % {"listed": ", ".join(names[:-1]), "names": names[-1]}
    )
    return _("is not signed by %(listed)s by %(day)s; record each signature's date under `signed`") % {
        "listed": listed,
        "day": day,
    }


def _signed_by(version: PlanVersion, party: str, day: dt.date) -> bool:
    signed = version.signed_on(party)
    return signed is not None and signed <= day
