"""The catalogue: every document by kind and id, the ids references may name, duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_support import copy_samples, edit, load

from trajectkit.catalogue.kinds import KIND_SCHEMAS, KINDS


def test_every_kind_has_its_table(samples: Path) -> None:
    catalogue, _ = load(samples)
    counts = {kind: len(catalogue.table(kind)) for kind in KINDS}
    assert counts == {
        "ProfessionalQualification": 2,
        "EducationalQualification": 1,
        "StandardTrajectory": 1,
        "Workplace": 3,
        "Learner": 7,
        "Provider": 2,
    }
    assert catalogue.table("Profile") == {}
    assert set(KIND_SCHEMAS) == {*KINDS, "Profile"}


def test_competences_and_goals_share_one_namespace(samples: Path) -> None:
    catalogue, _ = load(samples)
    assert catalogue.is_competence("bkc0051279") and catalogue.is_competence("ET-NL-01")
    assert not catalogue.is_competence("OT-00214")
    assert catalogue.title_of("bkc0051279") == "Werkt in teamverband"
    assert catalogue.title_of("nothing") == "nothing"


def test_required_competences_follow_the_scope_of_each_qualification(samples: Path) -> None:
    catalogue, _ = load(samples)
    required = catalogue.required_competences(catalogue.trajectories["OT-00214"])
    stukadoor = {item.id for item in catalogue.professional_qualifications["BK-0130-5"].competences}
    tegelzetter_scope = next(
        scope
        for scope in catalogue.educational_qualifications["OK-afwerking-bouw-duaal"].professional_qualifications
        if scope.ref == "BK-0168-3"
    )
    goals = {goal.id for goal in catalogue.educational_qualifications["OK-afwerking-bouw-duaal"].general_education}
    assert set(required) == stukadoor | set(tegelzetter_scope.competences) | goals
    assert not tegelzetter_scope.complete


def test_a_document_that_failed_its_schema_is_known_but_not_modelled(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    edit(folder / "qualifications/BK-0130-5-stukadoor.yaml", "level: 3", "level: three")
    catalogue, report = load(folder)
    assert "BK-0130-5" not in catalogue.professional_qualifications
    assert catalogue.knows("ProfessionalQualification", "BK-0130-5")
    assert catalogue.knows("competence", "bkc0051279")  # its competences still resolve: no cascade
    assert {p.rule for p in report.problems if p.level.name == "ERROR"} == {"schema"}


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "learners/L-2026-0002.yaml",
            "id: L-2026-0002",
            "id: L-2026-0001",
            "Learner id 'L-2026-0001' is already used at",
        ),
        (
            "qualifications/BK-0168-3-tegelzetter.yaml",
            "  - id: bkc0060001",
            "  - id: bkc0051279",
            "competence id 'bkc0051279' is already used at",
        ),
    ],
)
def test_a_second_id_is_a_duplicate_naming_the_first(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    folder = copy_samples(tmp_path)
    edit(folder / file, old, new)
    _, report = load(folder)
    [duplicate] = [p for p in report.problems if p.rule == "duplicate-id"]
    assert duplicate.path.endswith(file) and message in duplicate.message
