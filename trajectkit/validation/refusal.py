"""Which validation errors stop which command: the one refusal policy.

A command other than ``validate`` answers from some documents of the catalogue. An
error in one of them (a schema error that keeps it out of the model, a duplicate id
that makes it ambiguous, a reference that does not resolve, ...) would make the answer
wrong, so the command refuses and names the errors (exit 1, as ``validate``). Errors
in documents the answer does not read do not stop it.

Every finding carries its document (kind and id), so refusing is a pure filter over
the validation report: :func:`refusals`. What each command reads, and which rules
count for it besides the reading rules, is written below, one function per command.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.kinds import KINDS
from trajectkit.config import Config
from trajectkit.errors import CatalogueErrors, UsageError
from trajectkit.problems import Level, Problem
from trajectkit.validation.report import Report

#: Errors found while reading files; the document they stand in may not be modelled.
READING_RULES = frozenset({"yaml-syntax", "yaml-limits", "duplicate-key", "schema", "duplicate-id"})
#: Rules whose errors make any answer read from the document wrong.
REFERENCE_RULES = frozenset({"unresolved-reference"})
#: Planning moves or refuses these competences itself (see analysis.plan).
CANNOT_OFFER = "workplace-cannot-offer"

DocumentKey = tuple[str, str]


@dataclass(frozen=True)
class Needs:
    """What a command's answer is computed from.

    ``documents`` are the (kind, id) pairs the catalogue modelled; ``missing`` those it
    should have but did not (unknown, or broken beyond modelling); ``kinds`` are kinds
    of which every document counts (a scenario counts every learner and workplace);
    ``rules`` are the rules whose errors inside those documents matter besides the
    reading rules (``None``: every rule but those in ``ignored``).
    """

    documents: frozenset[DocumentKey] = frozenset()
    kinds: frozenset[str] = frozenset()
    rules: frozenset[str] | None = REFERENCE_RULES
    missing: frozenset[DocumentKey] = frozenset()
    ignored: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        catalogue: Catalogue,
        keys: Iterable[DocumentKey],
        kinds: Iterable[str] = (),
        rules: Iterable[str] | None = REFERENCE_RULES,
    ) -> Needs:
        present, missing = modelled(catalogue, keys)
        return cls(present, frozenset(kinds), None if rules is None else frozenset(rules), missing)

    def counts(self, rule: str) -> bool:
        if rule in self.ignored:
            return False
        return rule in READING_RULES or self.rules is None or rule in self.rules

    def wants(self, kind: str | None, ident: str | None) -> bool:
        if kind in self.kinds or (kind, ident) in self.documents or (kind, ident) in self.missing:
            return True
        # When a needed document is missing, a broken document whose kind or id cannot
        # be read may be the one: better to name it than to answer without it.
        return bool(self.missing) and (kind not in KINDS or ident is None)


def refusals(report: Report, needs: Needs) -> list[Problem]:
    """The errors of ``report`` that stand in a document ``needs`` names (a suppressed
    one does not: whoever wrote the comment accepted it)."""
    blocking = []
    for problem in report.shown:
        if problem.level is not Level.ERROR or not needs.counts(problem.rule):
            continue
        document = problem.document
        if document is None:
            continue  # a file without documents is harmless
        if not document.readable:
            # The rest of the file could not be read: it may hold anything, including a
            # document the answer needs (or a second one with the same id).
            if needs.kinds or needs.missing:
                blocking.append(problem)
        elif needs.wants(document.kind, document.id):
            blocking.append(problem)
    return blocking + _left_out(report, needs)


def _left_out(report: Report, needs: Needs) -> list[Problem]:
    """Errors past the report's bound (not listed) in documents ``needs`` names: one
    problem per document, which says so."""
    found = []
    for document, rule, path in report.left_out.documents:
        if not needs.counts(rule):
            continue
        if (not document.readable and (needs.kinds or needs.missing)) or (
            document.readable and needs.wants(document.kind, document.id)
        ):
            message = "errors of this rule not listed (the report holds too many problems); validate this file alone"
            found.append(Problem(path, 1, 1, rule, Level.ERROR, message, document))
    return found


def modelled(
    catalogue: Catalogue, keys: Iterable[DocumentKey]
) -> tuple[frozenset[DocumentKey], frozenset[DocumentKey]]:
    """``keys`` split into those the catalogue modelled and those it did not."""
    wanted = set(keys)
    present = frozenset(key for key in wanted if key[1] in catalogue.table(key[0]))
    return present, frozenset(wanted - present)


def load_catalogue_for(
    paths: Iterable[str | os.PathLike[str]],
    config: Config,
    what: str,
    needs: Callable[[Catalogue], Needs],
) -> Catalogue:
    """The catalogue below ``paths``, refusing (``CatalogueErrors``, exit 1) when an error
    sits in a document that ``needs`` names; an unreadable path is a usage error."""
    catalogue, report = checked_catalogue(paths, config)
    blocking = refusals(report, needs(catalogue))
    if blocking:
        raise CatalogueErrors(blocking, what)
    return catalogue


def checked_catalogue(paths: Iterable[str | os.PathLike[str]], config: Config) -> tuple[Catalogue, Report]:
    """The catalogue and its validation report; an unreadable path is a usage error."""
    from trajectkit.catalogue.files import InputPathError
    from trajectkit.validation.pipeline import check_catalogue

    try:
        return check_catalogue(paths, config)
    except InputPathError as error:
        raise UsageError(str(error)) from error


# --------------------------------------------------------------------------- per command


def qualification_documents(catalogue: Catalogue, trajectory_id: str) -> list[DocumentKey]:
    """The trajectory, its educational qualification (or professional one) and the
    professional ones it includes or certifies."""
    keys = [("StandardTrajectory", trajectory_id)]
    trajectory = catalogue.trajectories.get(trajectory_id)
    if trajectory is not None:
        # A beroepskwalificerende trajectory leads to a professional qualification.
        keys.append((catalogue.qualification_kind(trajectory) or "EducationalQualification", trajectory.qualification))
        for scope in catalogue.scopes_of(trajectory):
            keys.append(("ProfessionalQualification", scope.ref))
        for certificate in trajectory.certificates:
            part = catalogue.partial_qualifications.get(certificate.qualification or "")
            if part is not None:
                keys.append(("ProfessionalQualification", part.qualification))
            elif certificate.qualification and certificate.type == "professional-qualification":
                keys.append(("ProfessionalQualification", certificate.qualification))
    return keys


def for_coverage(catalogue: Catalogue, trajectory_id: str | None, learner_id: str | None = None) -> Needs:
    """The map reads the trajectory and its qualifications; places must be known. One
    learner's map (``learner_id``) reads the learner too, and the learner's trajectory
    when ``trajectory_id`` is None."""
    keys: list[tuple[str, str]] = []
    if learner_id is not None:
        keys.append(("Learner", learner_id))
        learner = catalogue.learners.get(learner_id)
        if trajectory_id is None and learner is not None:
            trajectory_id = learner.trajectory
    if trajectory_id is not None:
        keys += qualification_documents(catalogue, trajectory_id)
    return Needs.of(catalogue, keys, rules={"unresolved-reference", "unknown-learning-place"})


def for_attest(catalogue: Catalogue, learner_id: str) -> Needs:
    """Certificates need the learner, the trajectory's qualifications and complete certificates."""
    learner = catalogue.learners.get(learner_id)
    keys = [("Learner", learner_id)]
    if learner is not None:
        keys += qualification_documents(catalogue, learner.trajectory)
    return Needs.of(catalogue, keys, rules={"unresolved-reference", "certificate-incomplete"})


#: Kinds that a scenario, a matching or the statistics count whole.
SCENARIO_KINDS = ("Workplace", "Learner", "StandardTrajectory")
MATCH_KINDS = ("Learner", "Workplace", "StandardTrajectory")
STATS_KINDS = (
    "ProfessionalQualification",
    "EducationalQualification",
    "StandardTrajectory",
    "Workplace",
    "Learner",
    "Provider",
)
#: Kinds a diff compares.
DIFF_KINDS = ("StandardTrajectory", "ProfessionalQualification", "EducationalQualification")


def for_scenario(catalogue: Catalogue, without: Iterable[str]) -> Needs:
    return Needs.of(
        catalogue,
        [("Workplace", ident) for ident in without],
        kinds=SCENARIO_KINDS,
        rules={"unresolved-reference", "unknown-learning-place"},
    )


def for_match(catalogue: Catalogue) -> Needs:
    return Needs.of(catalogue, [], kinds=MATCH_KINDS)


def for_stats(catalogue: Catalogue) -> Needs:
    return Needs.of(catalogue, [], kinds=STATS_KINDS)


def for_progress(catalogue: Catalogue, learner_id: str | None) -> Needs:
    """Progress reads the learner (or every learner: a broken one may be the coach's)
    and the trajectories they follow."""
    learners = [catalogue.learners[learner_id]] if learner_id in catalogue.learners else []
    if learner_id is None:
        learners = list(catalogue.learners.values())
    keys = [("StandardTrajectory", learner.trajectory) for learner in learners]
    if learner_id is not None:
        return Needs.of(catalogue, [("Learner", learner_id), *keys])
    return Needs.of(catalogue, keys, kinds=("Learner",))


def for_diff(catalogue: Catalogue, learners: bool) -> Needs:
    """Only what the comparison reads must be sound: one side is often a single file,
    whose references cannot resolve on their own."""
    return Needs(kinds=frozenset({*DIFF_KINDS, *(("Learner",) if learners else ())}), rules=frozenset())


def for_plan(catalogue: Catalogue, learner_id: str) -> Needs:
    """Every error in the learner's, its trajectory's, its workplace's or its provider's document stops
    its plan, except ``workplace-cannot-offer``, which planning resolves itself.
    Documents that are not modelled are refused by the planning, with its own words, and
    so is a learner whose end comes before the start whatever level ``date-order`` has
    (a duplicated learner id is a reading rule: always an error, always refused)."""
    learner = catalogue.learners.get(learner_id)
    if learner is None:
        return Needs(rules=frozenset())
    keys = [("Learner", learner.id), ("StandardTrajectory", learner.trajectory)]
    keys += [("Workplace", placement.workplace) for placement in learner.placements]
    if learner.provider:
        keys.append(("Provider", learner.provider))
    present, _ = modelled(catalogue, keys)
    return Needs(documents=present, rules=None, ignored=frozenset({CANNOT_OFFER}))


#: What an allocation matrix cannot be read or written past; the other errors (an
#: uncovered competence, a place that does not assess) are what a designer fixes in the sheet.
SHEET_RULES = frozenset({"unknown-learning-place"})


def for_sheet(catalogue: Catalogue, trajectory_id: str) -> Needs:
    """Export and import read and rewrite the trajectory's own document."""
    return Needs.of(catalogue, [("StandardTrajectory", trajectory_id)], rules=SHEET_RULES)
