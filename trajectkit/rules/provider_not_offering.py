"""A learner's provider does not offer the learner's trajectory on the start date.

What it checks: when a learner's school names a `provider`, that Provider has an
offer (`offers`) of the learner's `trajectory` that runs on the learner's `start`
(`from` on or before it, `until`, if given, on or after it). Reported at the
learner's `school` → `provider`.

Why it matters: a school or centre may only enrol learners in a standard trajectory
it organises (inricht); an offer that is missing or ended usually means the wrong
provider or trajectory, or an offer not yet recorded. It also keeps the "organised"
figure of `trajectkit stats` true.

Example that fails::

    kind: Provider
    id: P-GO-TA-GENT
    offers:
      - {trajectory: OT-00214, from: 2027-09-01}    # only from the next school year
    ---
    kind: Learner
    start: 2026-09-01
    school: {provider: P-GO-TA-GENT, coach: C-01}

Example that passes::

    kind: Provider
    id: P-GO-TA-GENT
    offers:
      - {trajectory: OT-00214, from: 2024-09-01}
    ---
    kind: Learner
    start: 2026-09-01
    school: {provider: P-GO-TA-GENT, coach: C-01}

How to fix: record the provider's offer of the trajectory, or name the provider
that organises it.

Options: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext
from trajectkit.translation import _

ID = "provider-not-offering"
DEFAULT_LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    catalogue = context.catalogue
    for learner in catalogue.learners.values():
        provider = catalogue.providers.get(learner.provider or "")
        if provider is None or not catalogue.knows("StandardTrajectory", learner.trajectory):
            continue  # unresolved-reference reports these
        if provider.offers_on(learner.trajectory, learner.start):
            continue
        if not catalogue.intact("Provider", provider.id, "offers"):
            continue  # an offer left out for a schema error may be the one
        offers = [offer for offer in provider.offers if offer.trajectory == learner.trajectory]
        detail = (
            _("its offers of it run ") + ", ".join(f"{offer.start}–{offer.until or _('open')}" for offer in offers)
            if offers
            else _("it does not offer that trajectory")
        )
        yield Finding(
            learner.source.at("school", "provider"),
            ID,
            _(
                "provider %(provider)s does not offer %(trajectory)s on %(start)s, the start of "
                "%(learner)s (%(detail)s); record the offer or name the provider that organises it"
            )
            % {
                "provider": provider.id,
                "trajectory": learner.trajectory,
                "start": learner.start,
                "learner": learner.id,
                "detail": detail,
            },
        )
