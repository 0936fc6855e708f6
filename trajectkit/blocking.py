"""Which validation errors would make a command's answer wrong, and refusing on them.

``coverage``, ``attest``, ``scenario`` and ``diff`` answer from a few documents of the
catalogue. An error in one of those documents (a schema error that keeps it out of
the model, a duplicate id that makes it ambiguous, a reference that does not resolve)
would make the answer wrong, so the command refuses and names the errors (exit 1,
as ``validate``). Errors in documents the answer does not read do not stop it.

Which documents matter depends on the catalogue (the trajectory's qualification, the
professional qualifications it includes), so the catalogue is checked first and the
errors are sorted afterwards. A document that failed its schema is not modelled, so
its kind and id are read back from the file where the error stands (only files with
errors are read again).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from trajectkit.catalogue import Catalogue
from trajectkit.config import Config
from trajectkit.errors import CatalogueErrors, UsageError
from trajectkit.loading import Document, InputPathError, load_paths
from trajectkit.model import BUILDERS
from trajectkit.problems import Level, Problem
from trajectkit.report import Report

#: Errors found while reading files; the document they stand in may not be modelled.
READING_RULES = frozenset({"yaml-syntax", "yaml-limits", "duplicate-key", "schema", "duplicate-id"})
#: Rules whose errors make any answer read from the document wrong.
REFERENCE_RULES = frozenset({"unresolved-reference"})

DocumentKey = tuple[str, str]


@dataclass(frozen=True)
class Needs:
    """What a command's answer is computed from.

    ``documents`` are the (kind, id) pairs the catalogue modelled; ``missing`` those
    it should have but did not (unknown, or broken beyond modelling); ``kinds`` are
    kinds of which every document counts (a scenario counts every learner and
    workplace); ``rules`` are the rules whose errors inside those documents matter,
    besides the reading rules.
    """

    documents: frozenset[DocumentKey] = frozenset()
    kinds: frozenset[str] = frozenset()
    rules: frozenset[str] = REFERENCE_RULES
    missing: frozenset[DocumentKey] = frozenset()

    @classmethod
    def of(
        cls,
        catalogue: Catalogue,
        keys: Iterable[DocumentKey],
        kinds: Iterable[str] = (),
        rules: Iterable[str] = REFERENCE_RULES,
    ) -> Needs:
        present, missing = modelled(catalogue, keys)
        return cls(present, frozenset(kinds), frozenset(rules), missing)

    def wants(self, kind: str | None, ident: str | None) -> bool:
        if kind in self.kinds or (kind, ident) in self.documents or (kind, ident) in self.missing:
            return True
        # When a needed document is missing, a broken document whose kind or id cannot
        # be read may be the one: better to name it than to answer without it.
        return bool(self.missing) and (kind not in BUILDERS or ident is None)


def load_catalogue_for(
    paths: Iterable[str | os.PathLike[str]],
    config: Config,
    what: str,
    needs: Callable[[Catalogue], Needs],
) -> Catalogue:
    """The catalogue below ``paths``, refusing (``CatalogueErrors``, exit 1) when an error
    sits in a document that ``needs`` names; an unreadable path is a usage error."""
    from trajectkit.validation import check_catalogue

    try:
        catalogue, report = check_catalogue(paths, config)
    except InputPathError as error:
        raise UsageError(str(error)) from error
    blocking = refusals(report, needs(catalogue), config)
    if blocking:
        raise CatalogueErrors(blocking, what)
    return catalogue


def refusals(report: Report, needs: Needs, config: Config) -> list[Problem]:
    """The errors of ``report`` that stand in a document ``needs`` names."""
    index = _DocumentIndex(config)
    blocking = []
    for problem in report.problems:
        if problem.level is not Level.ERROR:
            continue
        if problem.rule not in READING_RULES and problem.rule not in needs.rules:
            continue
        found = index.document_at(problem)
        if found is _UNREADABLE:
            # Nothing of the file could be read: it may hold anything, including a
            # document the answer needs (or a second one with the same id).
            if needs.kinds or needs.missing:
                blocking.append(problem)
        elif found is not _EMPTY and needs.wants(*found):
            blocking.append(problem)
    return blocking


def modelled(catalogue: Catalogue, keys: Iterable[DocumentKey]) -> tuple[frozenset[DocumentKey], frozenset[DocumentKey]]:
    """``keys`` split into those the catalogue modelled and those it did not."""
    tables = {
        "ProfessionalQualification": catalogue.professional_qualifications,
        "EducationalQualification": catalogue.educational_qualifications,
        "StandardTrajectory": catalogue.trajectories,
        "Workplace": catalogue.workplaces,
        "Learner": catalogue.learners,
    }
    keys = set(keys)
    present = frozenset(key for key in keys if key[1] in tables.get(key[0], {}))
    return present, frozenset(keys - present)


_UNREADABLE = ("<unreadable>",)
_EMPTY = ("<empty>",)


class _DocumentIndex:
    """(kind, id) of the document at a problem's line, reading each file once."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.files: dict[str, list[Document]] = {}

    def document_at(self, problem: Problem) -> tuple[str | None, str | None] | tuple[str]:
        documents = self.files.get(problem.path)
        if documents is None:
            try:
                documents = load_paths([problem.path], self.config.limits).documents
            except InputPathError:
                documents = []
            self.files[problem.path] = documents
        if not documents:
            # a file without documents is harmless; one that could not be parsed is not
            return _EMPTY if problem.rule == "schema" else _UNREADABLE
        here = (problem.line, problem.column)
        document = documents[0]
        for candidate in documents:
            if candidate.mark <= here:
                document = candidate
        data = document.data
        if not isinstance(data, dict):
            return (None, None)
        kind = data.get("kind")
        ident = data.get("id")
        return (
            kind if isinstance(kind, str) else None,
            str(ident) if isinstance(ident, (str, int, float)) and not isinstance(ident, bool) else None,
        )
