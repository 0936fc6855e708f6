"""Evaluaties in the plan: how far a competence not yet reached has come.

A competence that an evaluation found ``attained`` is attained from that date (see
:meth:`Learner.attained_on`); one still planned shows its latest result,
``in-progress`` or ``not-attained``, with the evaluation's date and the result's note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from trajectkit.analysis.plan_context import PLANNED, PlannedCompetence, PlannedEvaluation
from trajectkit.catalogue.model import Learner


def latest_results(learner: Learner) -> dict[str, PlannedEvaluation]:
    """The latest evaluation result of each competence (the later in the file on one date)."""
    latest: dict[str, PlannedEvaluation] = {}
    for evaluation in sorted(learner.evaluations, key=lambda item: item.date):
        for result in evaluation.results:
            latest[result.competence] = PlannedEvaluation(result.status, evaluation.date, result.note)
    return latest


def with_evaluations(learner: Learner, competences: Mapping[str, PlannedCompetence]) -> dict[str, PlannedCompetence]:
    """The competences, each still planned one with its latest evaluation result."""
    latest = latest_results(learner)
    return {
        ident: replace(item, evaluation=latest[ident]) if item.status == PLANNED and ident in latest else item
        for ident, item in competences.items()
    }
