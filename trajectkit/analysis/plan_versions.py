"""Versies van het opleidingsplan: which versions a plan printed on a date shows.

The current version is the last one dated on or before the document date (as rule
``plan-unsigned`` reads it); the history lists the versions up to that date, in the
order the learner's file gives them, each with the signature dates it records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from trajectkit.analysis.plan_context import PlannedVersion
from trajectkit.catalogue.model import Learner, current_version


def planned_versions(learner: Learner, roles: Iterable[str], day: dt.date) -> tuple[PlannedVersion, ...]:
    """The versions dated on or before ``day``, the current one marked, with the
    signature date of each of ``roles`` (the plan's signatories)."""
    current = current_version(learner.plan_versions, day)
    roles = tuple(roles)
    shown = []
    for version in learner.plan_versions:
        if version.date > day:
            continue
        signatures = tuple((role, version.signed_on(role)) for role in roles)
        shown.append(
            PlannedVersion(
                version.version, version.date, version.status, version.change, signatures, version is current
            )
        )
    return tuple(shown)
