"""What the open standards need to know about a profile's country.

ELM writes the issuer's country and tags every title with its language; CASE names
the language of a framework. Profiles do not carry either yet, so the built-in ones
are described here, in one table. When the provider kind brings an address, the
country will come from it instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from trajectkit.errors import UsageError
from trajectkit.profile import Profile


@dataclass(frozen=True)
class Jurisdiction:
    """Country and catalogue language of a dual-learning system."""

    country: str  # ISO 3166-1 alpha-3, as the EU country authority table names it
    language: str  # ISO 639-1 code of the titles in the catalogue
    eqf_levels: bool  # the qualification levels are EQF levels (Flemish VKS, decree of 30 April 2009)


JURISDICTIONS = {
    "flanders": Jurisdiction("BEL", "nl", eqf_levels=True),
    "netherlands-bbl": Jurisdiction("NLD", "nl", eqf_levels=False),
}

#: ISO 639-1 to the EU language authority table (ISO 639-3 based).
LANGUAGE_AUTHORITY = {"nl": "NLD", "en": "ENG", "fr": "FRA", "de": "DEU"}

UNKNOWN_JURISDICTION = (
    "profile '{profile}' names no country and language, which {what} needs; "
    "the built-in profiles that have them are {known}"
)


def jurisdiction_of(profile: Profile, what: str) -> Jurisdiction:
    """The jurisdiction of a built-in profile; a usage error for any other."""
    found = JURISDICTIONS.get(profile.id)
    if found is None:
        raise UsageError(
            UNKNOWN_JURISDICTION.format(profile=profile.id, what=what, known=", ".join(sorted(JURISDICTIONS)))
        )
    return found


def language_of(profile: Profile) -> str | None:
    """The catalogue's language, when the profile is known."""
    found = JURISDICTIONS.get(profile.id)
    return found.language if found else None
