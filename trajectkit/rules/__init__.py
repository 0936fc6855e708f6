"""The validation rules, one module each, registered here in the order of rules.md
(version 1), followed by the rules of version 1.1 in the order of individual.md.

A rule module has `ID`, `DEFAULT_LEVEL`, a docstring that is its documentation
(first line: what it catches), and `check(context)` yielding findings. The four
load rules are found while reading files; their modules only document them.
"""

from __future__ import annotations

from types import ModuleType

from trajectkit.problems import Level
from trajectkit.rules import (
    adjustment_invalid,
    agreement_mismatch,
    capacity_exceeded,
    certificate_cluster_mismatch,
    certificate_incomplete,
    cluster_overlap,
    date_order,
    duplicate_id,
    duplicate_key,
    evaluation_overdue,
    foreign_competence,
    general_education_at_workplace,
    hours_agreement_mismatch,
    learner_age,
    learning_without_school_preparation,
    mentor_conduct_certificate,
    mentor_requirements,
    mentor_training_overdue,
    placement_overlap,
    plan_unsigned,
    prerequisite_cycle,
    prerequisite_order,
    provider_not_offering,
    recognition_inactive,
    recognition_missing,
    recognition_period,
    rhythm_hours_mismatch,
    schema,
    school_not_assessing,
    unclustered_competence,
    uncovered_competence,
    unknown_learning_place,
    unresolved_reference,
    unused_suppression,
    weekly_hours,
    workplace_cannot_offer,
    yaml_limits,
    yaml_syntax,
)

_MODULES: tuple[ModuleType, ...] = (
    yaml_syntax,
    yaml_limits,
    duplicate_key,
    schema,
    duplicate_id,
    unresolved_reference,
    uncovered_competence,
    foreign_competence,
    unknown_learning_place,
    school_not_assessing,
    general_education_at_workplace,
    learning_without_school_preparation,
    prerequisite_cycle,
    prerequisite_order,
    cluster_overlap,
    certificate_incomplete,
    unclustered_competence,
    hours_agreement_mismatch,
    weekly_hours,
    recognition_missing,
    capacity_exceeded,
    mentor_requirements,
    mentor_training_overdue,
    learner_age,
    workplace_cannot_offer,
    agreement_mismatch,
    # version 1.1
    date_order,
    recognition_period,
    recognition_inactive,
    certificate_cluster_mismatch,
    mentor_conduct_certificate,
    rhythm_hours_mismatch,
    evaluation_overdue,
    plan_unsigned,
    adjustment_invalid,
    placement_overlap,
    provider_not_offering,
    # inline suppression: runs after every other rule
    unused_suppression,
)

#: Every rule by id.
RULES: dict[str, ModuleType] = {module.ID: module for module in _MODULES}

#: Rules found while reading files; they cannot be lowered or switched off.
LOAD_RULES: frozenset[str] = frozenset(module.ID for module in _MODULES if getattr(module, "LOAD", False))


def summary(module: ModuleType) -> str:
    """First line of a rule's docstring."""
    return (module.__doc__ or "").strip().splitlines()[0]


def documentation(module: ModuleType) -> str:
    """A rule's whole docstring (module docstrings are not indented; tabs in examples stay)."""
    return (module.__doc__ or "").strip()


def default_level(rule_id: str) -> Level:
    return RULES[rule_id].DEFAULT_LEVEL
