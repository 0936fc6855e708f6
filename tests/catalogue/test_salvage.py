"""A document that breaks its schema is modelled from its valid part: every problem at once."""

from __future__ import annotations

from pathlib import Path

from plan_support import copy_samples, edit, load

from trajectkit.catalogue.documents import MarkedMap
from trajectkit.catalogue.loading import parse_bytes
from trajectkit.catalogue.salvage import salvage

LEARNER = "learners/L-2026-0001.yaml"
WORKPLACE = "workplaces/WP-0001-pleisterwerken-van-de-velde.yaml"
TRAJECTORY = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"


def _salvaged(text: str, schema: str) -> tuple[MarkedMap | None, list]:
    (document,), findings = parse_bytes(text.encode(), "doc.yaml")
    assert findings == []
    part = salvage(document, schema)
    return (part.document.data if part else None), (list(part.dropped) if part else [])


def test_an_unknown_key_is_left_out_and_the_rest_kept_with_its_lines() -> None:
    data, dropped = _salvaged(
        "kind: Workplace\nid: WP-1\nname: X\nsite: {municipality: Gent, strete: Dorp 1}\nmentors:\n"
        "  - {id: M-1, name: A, birth_date: 1980-01-01, experience_years: 9, trainng: 2020-01-01}\n"
        "  - {id: M-2, name: B, birth_date: 1981-01-01, experience_years: 8}\n",
        "workplace",
    )
    assert data is not None
    assert data["site"] == {"municipality": "Gent"}
    assert [mentor["id"] for mentor in data["mentors"]] == ["M-1", "M-2"]
    assert "trainng" not in data["mentors"][0]
    assert data["mentors"].item_marks == [(6, 5), (7, 5)]  # located where they were written
    assert sorted(path for path, _ in dropped) == [("mentors", 0, "trainng"), ("site", "strete")]


def test_an_item_without_a_required_key_is_left_out_of_its_list() -> None:
    data, dropped = _salvaged(
        "kind: Workplace\nid: WP-1\nname: X\nmentors:\n"
        "  - {id: M-1, name: A, experience_years: 9}\n"
        "  - {id: M-2, name: B, birth_date: 1981-01-01, experience_years: 8}\n",
        "workplace",
    )
    assert data is not None and [mentor["id"] for mentor in data["mentors"]] == ["M-2"]
    assert data["mentors"].item_marks == [(6, 5)]
    assert [value["id"] for path, value in dropped if path == ("mentors", 0)] == ["M-1"]


def test_a_broken_required_key_of_the_document_keeps_it_out() -> None:
    data, _ = _salvaged("kind: Workplace\nid: WP-1\nname: [X]\n", "workplace")
    assert data is None


def test_the_other_rules_report_on_a_learner_with_a_schema_error(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    edit(folder / LEARNER, "language: nl", "language: fr")  # schema: nl or en
    edit(folder / WORKPLACE, "birth_date: 1972-06-14", "birth_date: 2004-06-14")  # M-01 is then 22
    catalogue, report = load(folder)
    found = {(problem.rule, Path(problem.path).name) for problem in report.problems}
    assert ("schema", "L-2026-0001.yaml") in found
    # the learner is still modelled (without its language), so its mentor is checked
    assert ("mentor-requirements", "L-2026-0001.yaml") in found
    assert ("Learner", "L-2026-0001") in catalogue.partial


def test_a_left_out_item_is_not_taken_for_missing(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    # the only recognition of WP-0001 breaks its schema: its learners are not told that
    # their workplace is not recognised, the schema error says what is wrong
    edit(folder / WORKPLACE, "capacity: 2               # learners at the same time", "capacity: two")
    edit(folder / TRAJECTORY, "  - competence: bkc0051279    # Werkt in teamverband\n", "  - competense: bkc0051279\n")
    _, report = load(folder)
    rules = {problem.rule for problem in report.problems}
    assert "schema" in rules
    assert not rules & {"recognition-missing", "capacity-exceeded", "uncovered-competence"}, report.problems


def test_ids_of_a_left_out_item_still_resolve(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    edit(folder / WORKPLACE, "    experience_years: 28\n", "    experience_years: many\n")  # M-01 left out
    catalogue, report = load(folder)
    assert "M-01" not in {mentor.id for mentor in catalogue.workplaces["WP-0001"].mentors}
    assert {problem.rule for problem in report.problems} == {"schema"}  # no unresolved mentor of L-2026-0001
