"""Stopzettingen: agreements that ended early, their reasons in words."""

from __future__ import annotations

from trajectkit.translation import N_, gettext

#: The ``end_reason`` vocabulary of the schema, in its order, with the words a reader sees.
END_REASONS = {
    "mutual": N_("by mutual agreement"),
    "by-learner": N_("by the learner"),
    "by-company": N_("by the company"),
    "recognition-lost": N_("the company lost its recognition"),
    "changed-programme": N_("the learner changed programme"),
    "other": N_("other reason"),
}
#: The key for an early end that gives no reason.
NO_REASON = "unknown"


def reason_label(reason: str | None) -> str:
    """The reason in the run's language (``NO_REASON`` and unknown ids as written)."""
    if reason is None or reason == NO_REASON:
        return gettext("no reason given")
    return gettext(END_REASONS[reason]) if reason in END_REASONS else reason
