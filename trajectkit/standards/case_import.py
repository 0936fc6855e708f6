"""``import-competences --from case``: a CASE framework as a ProfessionalQualification.

The package is mapped as ``export --format case`` writes a professional qualification
(beroepskwalificatie), so that a round trip keeps every competence, title, knowledge
and skill item and partial qualification (deelkwalificatie), in order:

- the items that are children (``isChildOf``) of the CFDocument are the competences,
  except those of type ``Partial qualification`` (or ``Deelkwalificatie``);
- items of type ``Knowledge``/``Skill`` (``Kennis``/``Vaardigheid``) below a competence
  are its knowledge and skills;
- the competences that are ``isPartOf`` a partial qualification are its competences;
- order follows ``sequenceNumber``, else the order of the associations.

A competence's id is its ``humanCodingScheme`` and its title the ``fullStatement``.
The qualification's id and level come from ``--qualification``/``--level``, else from
the document's ``extensions.trajectkit`` (which trajectkit writes); its title from
``--title``, else the document's title.

What has no place in a ProfessionalQualification is refused, never dropped: deeper
trees, items outside the tree, items with two parents, other association types,
rubrics. Every problem is listed at once, with what to do; nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trajectkit.errors import UsageError
from trajectkit.standards.case_tree import PROFESSIONAL, ImportedQualification, Overrides, Reader, extension_of
from trajectkit.translation import N_, _

__all__ = ["CaseProblems", "ImportedQualification", "Overrides", "choose_package", "map_package"]

SHOWN = 20

MESSAGES = {
    "not_package": N_(
        "%(file)s: not a CASE package: the top level must be a CFPackage (an object with a CFDocument) or a list of them"
    ),
    "empty_list": N_("%(file)s: the list holds no CASE package"),
    "choose": N_(
        "%(file)s: the file holds %(count)s professional qualifications (%(known)s); say which with --qualification ID"
    ),
    "not_found": N_("%(file)s: no professional qualification '%(ident)s' in the file (it holds: %(known)s)"),
    "problems": N_("%(file)s: %(count)s problem(s) in the CASE package; nothing was written:\n%(shown)s"),
    "more": N_("  … and %(count)s more"),
}


class CaseProblems(UsageError):
    """The package cannot be mapped (exit 2): every problem, with what to do."""

    def __init__(self, file: str, problems: list[str]) -> None:
        shown = "\n".join(f"  {problem}" for problem in problems[:SHOWN])
        if len(problems) > SHOWN:
            shown += "\n" + _(MESSAGES["more"]) % {"count": len(problems) - SHOWN}
        super().__init__(_(MESSAGES["problems"]) % {"file": file, "count": len(problems), "shown": shown})
        self.problems = problems


def choose_package(data: Any, file: str, wanted: str | None) -> Mapping[str, Any]:
    """The CFPackage of ``data``: the object itself, or the one a list holds for ``wanted``."""
    if isinstance(data, Mapping) and "CFDocument" in data:
        return data
    if not isinstance(data, list) or not all(isinstance(entry, Mapping) and "CFDocument" in entry for entry in data):
        raise UsageError(_(MESSAGES["not_package"]) % {"file": file})
    if not data:
        raise UsageError(_(MESSAGES["empty_list"]) % {"file": file})
    professional = {}
    for entry in data:
        extension = extension_of(entry)
        if extension.get("kind", PROFESSIONAL) == PROFESSIONAL:
            professional[str(extension.get("id", _title(entry)))] = entry
    known = ", ".join(sorted(professional)) or "none"
    if wanted is not None:
        if wanted not in professional:
            raise UsageError(_(MESSAGES["not_found"]) % {"file": file, "ident": wanted, "known": known})
        return professional[wanted]
    if len(professional) != 1:
        raise UsageError(_(MESSAGES["choose"]) % {"file": file, "count": len(professional), "known": known})
    return next(iter(professional.values()))


def map_package(package: Mapping[str, Any], file: str, overrides: Overrides | None = None) -> ImportedQualification:
    """The qualification a CFPackage describes, or :class:`CaseProblems` listing why not."""
    reader = Reader(file)
    result = reader.read(package, overrides or Overrides())
    if reader.problems or result is None:
        raise CaseProblems(file, reader.problems)
    return result


def _title(package: Mapping[str, Any]) -> str:
    document = package.get("CFDocument")
    title = document.get("title") if isinstance(document, Mapping) else None
    return title if isinstance(title, str) else "?"
