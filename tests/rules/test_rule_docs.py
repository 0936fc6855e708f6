"""Every rule documents itself in a fixed shape, and docs/rules.md is made from it.

Whether the examples do what they say is tested in test_rule_examples.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from rule_docstrings import OUTCOMES, Outcome, example

from trajectkit.problems import Level
from trajectkit.rules import LOAD_RULES, RULES, documentation, summary

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"

#: The rule ids of the format contract (version 1), in the contract's order.
CONTRACT_RULES = (
    "yaml-syntax",
    "yaml-limits",
    "duplicate-key",
    "schema",
    "duplicate-id",
    "unresolved-reference",
    "uncovered-competence",
    "foreign-competence",
    "unknown-learning-place",
    "school-not-assessing",
    "general-education-at-workplace",
    "learning-without-school-preparation",
    "prerequisite-cycle",
    "prerequisite-order",
    "cluster-overlap",
    "certificate-incomplete",
    "unclustered-competence",
    "hours-agreement-mismatch",
    "weekly-hours",
    "recognition-missing",
    "capacity-exceeded",
    "mentor-requirements",
    "mentor-training-overdue",
    "learner-age",
    "workplace-cannot-offer",
    "agreement-mismatch",
)

SECTIONS = (
    "What it checks",
    "Why it matters",
    "Example that fails",
    "Example that passes",
    "How to fix",
    "Options",
)
LOAD_RULE_IDS = {"yaml-syntax", "yaml-limits", "duplicate-key", "schema"}


MODULES = [pytest.param(module, id=rule_id) for rule_id, module in RULES.items()]


@pytest.mark.parametrize("module", MODULES)
def test_module_declares_id_and_level(module: ModuleType) -> None:
    assert isinstance(module.ID, str) and re.fullmatch(r"[a-z]+(-[a-z]+)*", module.ID)
    assert module.__name__.rsplit(".", 1)[-1] == module.ID.replace("-", "_"), "module name follows the id"
    assert module.DEFAULT_LEVEL in (Level.ERROR, Level.WARNING)
    if module.ID in LOAD_RULES:
        assert module.DEFAULT_LEVEL is Level.ERROR
    else:
        assert callable(getattr(module, "check", None)), f"{module.ID} has no check(context)"


@pytest.mark.parametrize("module", MODULES)
def test_docstring_has_every_section_in_order(module: ModuleType) -> None:
    doc = documentation(module)
    first = summary(module)
    assert first and not first.startswith(SECTIONS), f"{module.ID}: the first line must say what the rule catches"
    positions = []
    for section in SECTIONS:
        match = re.search(rf"^{re.escape(section)}\b", doc, re.M)
        assert match, f"{module.ID}: docstring lacks a paragraph starting with '{section}'"
        positions.append(match.start())
    assert positions == sorted(positions), f"{module.ID}: sections are not in the order {SECTIONS}"
    for section in ("What it checks", "Why it matters", "How to fix", "Options"):
        body = re.search(rf"^{re.escape(section)}:(.*)", doc, re.M)
        assert body and body.group(1).strip(), f"{module.ID}: '{section}:' has no text on its line"


EXAMPLES = [
    pytest.param(module, outcome, id=f"{rule_id}-{outcome}")
    for rule_id, module in RULES.items()
    for outcome in OUTCOMES
    if (rule_id, outcome) != ("yaml-syntax", "fails")  # broken on purpose
]


@pytest.mark.parametrize(("module", "outcome"), EXAMPLES)
def test_examples_are_yaml_text(module: ModuleType, outcome: Outcome) -> None:
    assert list(yaml.safe_load_all(example(module, outcome))), f"{module.ID}: the example is empty"


def test_load_rules_are_the_four_reading_rules() -> None:
    assert LOAD_RULES == LOAD_RULE_IDS


def test_every_rule_of_the_contract_is_registered() -> None:
    assert [rule_id for rule_id in RULES if rule_id in CONTRACT_RULES] == list(CONTRACT_RULES)


def test_docs_rules_md_is_made_from_the_docstrings() -> None:
    from trajectkit.formats.rules import markdown_reference

    assert RULES_MD.read_text(encoding="utf-8") == markdown_reference(RULES), (
        "docs/rules.md is out of date: trajectkit rules --format markdown > docs/rules.md"
    )


def test_docs_rules_md_lists_every_rule_with_its_level() -> None:
    rows = dict(
        re.findall(r"^\| \[`([a-z-]+)`\]\(#[a-z-]+\) \| ([a-z]+) \|", RULES_MD.read_text(encoding="utf-8"), re.M)
    )
    assert rows == {rule_id: str(module.DEFAULT_LEVEL) for rule_id, module in RULES.items()}


#: What an internal note would look like: "seed 002", a file name of the source texts.
INTERNAL = re.compile(r"\bseeds?\b|\b\d{3}_[0-9a-f]+|\.txt\b", re.I)


@pytest.mark.parametrize("module", MODULES)
def test_a_rule_cites_what_a_reader_can_look_up(module: ModuleType) -> None:
    assert not INTERNAL.search(documentation(module)), f"{module.ID}: cite the advice or regulation by its title"


def test_every_profile_source_has_a_findable_title() -> None:
    from trajectkit.resources import builtin_profiles, profiles_dir

    for name in builtin_profiles():
        sources = yaml.safe_load((profiles_dir() / f"{name}.yaml").read_text(encoding="utf-8"))["sources"]
        for key, source in sources.items():
            assert not INTERNAL.search(source["title"]), f"{name}: source {key}"
            assert len(source["title"].split()) >= 3, f"{name}: source {key} needs a title, not a label"


def test_the_councils_are_cited_for_what_they_say() -> None:
    # The 2021 call of Vlor and SERV says a learner also acquires new competences at the
    # workplace: it is no source for "learned only at the workplace is wrong", nor for
    # the school's evaluation, which the Vlor advice on the concept note on dual learning is.
    school = documentation(RULES["school-not-assessing"])
    assert "Vlor, advies over de conceptnota duaal leren" in school and "2021" not in school
    preparation = documentation(RULES["learning-without-school-preparation"])
    assert "GO!" in preparation and "new competences at the" in " ".join(preparation.split())
    age = " ".join(documentation(RULES["learner-age"]).split())
    assert (
        "from 15 for a learner who has completed the first two years of secondary education, otherwise from 16" in age
    )
