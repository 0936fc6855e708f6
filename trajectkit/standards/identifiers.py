"""Stable identifiers: a UUIDv5 from the trajectkit id and a base URI.

CASE gives every document, item and association a UUID; ELM gives every node a URI.
trajectkit derives both and never draws them at random: the same catalogue exported
twice, on two machines, from files read in any order, gets the same identifiers, so
a CASE server or a credential wallet sees an update as an update and not as a new
framework. The base URI is the publisher's namespace (``--base-uri``); two
publishers of the same ids get different identifiers.

One entity keeps its UUID across formats: the CFDocument of BK-0130-5 and the ELM
``Qualification`` BK-0130-5 share it, and so do a competence's CFItem and its ELM
``LearningOutcome``.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from functools import cached_property

from trajectkit.errors import UsageError

DEFAULT_BASE_URI = "https://trajectkit.org/id/"

#: An absolute URI (RFC 3986 scheme, then no characters a URI may not hold).
_ABSOLUTE_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")

BAD_BASE_URI = "--base-uri {value!r} is not an absolute URI; give one such as https://example.org/curricula/"


@dataclass(frozen=True)
class Identifiers:
    """UUIDs and URIs under one base URI (ending in ``/``, ``#`` or ``:``)."""

    base_uri: str = DEFAULT_BASE_URI

    @cached_property
    def namespace(self) -> uuid.UUID:
        return uuid.uuid5(uuid.NAMESPACE_URL, self.base_uri)

    def uuid(self, *path: str) -> str:
        """The UUID of a thing named by its path, e.g. ``("Competence", "bkc0051279")``.

        trajectkit ids hold no ``/``, so the joined path names exactly one thing.
        """
        return str(uuid.uuid5(self.namespace, "/".join(path)))

    def uri(self, collection: str, identifier: str) -> str:
        """A URI under the base, e.g. ``https://…/CFItems/<uuid>``."""
        return f"{self.base_uri}{collection}/{identifier}"

    def urn(self, *path: str) -> str:
        """``urn:uuid:…`` of a thing: the ELM node id."""
        return f"urn:uuid:{self.uuid(*path)}"


def identifiers_for(base_uri: str | None) -> Identifiers:
    """The identifiers of ``--base-uri`` (default :data:`DEFAULT_BASE_URI`).

    A base without a closing ``/``, ``#`` or ``:`` gets a ``/``, so that
    ``https://x.org/id`` and ``https://x.org/id/`` name the same identifiers.
    """
    if base_uri is None:
        return Identifiers()
    value = base_uri.strip()
    if not _ABSOLUTE_URI.match(value):
        raise UsageError(BAD_BASE_URI.format(value=base_uri))
    if not value.endswith(("/", "#", ":")):
        value += "/"
    return Identifiers(value)
