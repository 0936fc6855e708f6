"""Plan contexts built from the real sample catalogue, checked without rendering."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from plan_support import SAMPLES, TRAJECTORY, copy_samples, edit, load, workplace_only

from trajectkit.analysis.plan import (
    ATTAINED,
    CANNOT_OFFER,
    EXEMPTED,
    PLANNED,
    PlanRefused,
    build_plan,
    document_date,
    lay_out_phases,
)
from trajectkit.catalogue.model import Cluster, LearningPlace, Phase, StandardTrajectory
from trajectkit.errors import UsageError
from trajectkit.validation.refusal import for_plan, refusals

D = dt.date


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLES)


@pytest.fixture(scope="module")
def plans(sample):
    catalogue, _ = sample
    return {ident: build_plan(catalogue, ident) for ident in sorted(catalogue.learners)}


def read_yaml(relative: str) -> dict:
    return yaml.safe_load((SAMPLES / relative).read_text(encoding="utf-8"))


def sample_titles() -> dict[str, str]:
    """Competence and goal titles read straight from the qualification files."""
    titles = {}
    for path in (SAMPLES / "qualifications").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data.get("competences", []) + data.get("general_education", []):
            titles[item["id"]] = item["title"]
    return titles


# --------------------------------------------------------------------------- status


def test_prior_learning_is_exempted_with_its_evidence(plans):
    plan = plans["L-2026-0003"]
    safety = plan.competence("bkc0051280")
    scaffolds = plan.competence("bkc0051284")
    assert (safety.status, safety.evidence) == (EXEMPTED, "VCA-basisattest (B-VCA), behaald op 2025-05-22")
    assert (scaffolds.status, scaffolds.evidence) == (
        EXEMPTED,
        "Attest opleiding rolsteigers opbouwen en afbreken, Constructiv, 2025",
    )
    assert plans["L-2026-0004"].competence("bkc0051296").status == EXEMPTED


def test_attained_competences_are_reached_with_their_date(plans):
    plan = plans["L-2026-0001"]
    assert (plan.competence("bkc0051280").status, plan.competence("bkc0051280").attained_on) == (
        ATTAINED,
        D(2026, 10, 16),
    )
    assert (plan.competence("bkc0051279").status, plan.competence("bkc0051279").attained_on) == (
        ATTAINED,
        D(2026, 11, 13),
    )
    others = [item for item in plan.competences if item.id not in ("bkc0051280", "bkc0051279")]
    assert {item.status for item in others} == {PLANNED}


def test_every_cluster_holds_exactly_its_competences_with_their_titles(plans):
    trajectory = read_yaml(TRAJECTORY)
    titles = sample_titles()
    allocations = {item["competence"]: item for item in trajectory["allocations"]}
    plan = plans["L-2026-0002"]
    assert [cluster.id for cluster in plan.clusters] == [cluster["id"] for cluster in trajectory["clusters"]]
    for written, planned in zip(trajectory["clusters"], plan.clusters, strict=True):
        assert planned.title == written["title"]
        assert sorted(item.id for item in planned.competences) == sorted(written["competences"])
        for item in planned.competences:
            assert item.title == titles[item.id]
            assert item.places == tuple(allocations[item.id]["at"])
            assert item.assessors == tuple(allocations[item.id]["assessed_by"])
            assert item.phase == allocations[item.id].get("phase")
    assert len(plan.competences) == 32


def test_competences_of_a_cluster_are_in_phase_order(plans):
    order = {"instap": 0, "verdieping": 1, "afronding": 2}
    for cluster in plans["L-2026-0001"].clusters:
        phases = [order[item.phase] for item in cluster.competences]
        assert phases == sorted(phases)


# --------------------------------------------------------------------------- calendar


def test_phases_are_laid_out_over_the_learners_period(plans):
    phases = plans["L-2026-0001"].phases
    # instap 10 weeks from Tue 1 Sep 2026; verdieping 45 weeks; afronding takes the rest.
    assert [(p.id, p.start, p.end, p.clipped) for p in phases] == [
        ("instap", D(2026, 9, 1), D(2026, 11, 9), False),
        ("verdieping", D(2026, 11, 10), D(2027, 9, 20), False),
        ("afronding", D(2027, 9, 21), D(2028, 6, 30), False),
    ]
    assert len(phases[0].competences) == 10
    assert sum(len(p.competences) for p in phases) == 32


def trajectory_with(*phases: Phase) -> StandardTrajectory:
    return StandardTrajectory(
        "T",
        "T",
        "OK",
        "OAO",
        1,
        (LearningPlace("school", "school"),),
        {"school": 30},
        phases,
        (Cluster("C", "C", ()),),
        (),
        (),
    )


def test_weeks_beyond_the_end_are_clipped_and_later_phases_have_no_dates():
    trajectory = trajectory_with(Phase("a", "A", 3), Phase("b", "B", 4), Phase("c", "C", None))
    laid_out = lay_out_phases(trajectory, D(2026, 9, 1), D(2026, 9, 30))
    assert [(p.start, p.end, p.clipped) for p in laid_out] == [
        (D(2026, 9, 1), D(2026, 9, 21), False),
        (D(2026, 9, 22), D(2026, 9, 30), True),
        (None, None, True),
    ]


def test_phases_without_weeks_share_the_rest():
    trajectory = trajectory_with(Phase("a", "A", None), Phase("b", "B", 1), Phase("c", "C", None))
    # 1 Sep .. 31 Oct 2026 is 61 days: b takes 7, a and c share 54 (27 each).
    laid_out = lay_out_phases(trajectory, D(2026, 9, 1), D(2026, 10, 31))
    assert [(p.start, p.end) for p in laid_out] == [
        (D(2026, 9, 1), D(2026, 9, 27)),
        (D(2026, 9, 28), D(2026, 10, 4)),
        (D(2026, 10, 5), D(2026, 10, 31)),
    ]


def test_weekly_rhythm_and_hours_per_place(plans):
    plan = plans["L-2026-0002"]
    assert plan.rhythm == (
        ("mon", ("werkplek",)),
        ("tue", ("werkplek",)),
        ("wed", ("werkplek",)),
        ("thu", ("school",)),
        ("fri", ("school",)),
    )
    assert [(p.id, p.type, p.hours_per_week) for p in plan.places] == [
        ("school", "school", 12.0),
        ("opleidingscentrum", "training-centre", 2.0),
        ("werkplek", "workplace", 22.0),
    ]
    assert plan.total_hours == 36
    assert plan.place("school").name == "GO! Technisch Atheneum Gent"
    assert plan.place("werkplek").name == "Pleisterwerken Van de Velde BV"


# --------------------------------------------------------------------------- parties


def test_parties_mentor_recognition_and_agreement(plans):
    plan = plans["L-2026-0001"]
    assert plan.learner.name == "Yusuf Demir"
    assert (plan.school.name, plan.school.coach) == ("GO! Technisch Atheneum Gent", "Els Van Acker")
    assert plan.workplace.name == "Pleisterwerken Van de Velde BV"
    assert plan.workplace.mentor == "Koen Van de Velde"
    assert plan.workplace.site.municipality == "Gent"
    recognition = plan.workplace.recognition
    assert (recognition.valid_from, recognition.valid_until, recognition.capacity) == (D(2024, 9, 1), D(2029, 8, 31), 2)
    assert plan.agreement == "OAO"
    assert (plan.trajectory_id, plan.trajectory_title, plan.qualification_title) == (
        "OT-00214",
        "Afwerking bouw duaal",
        "Afwerking bouw duaal",
    )


def test_certificates_with_their_clusters_and_qualification_titles(plans):
    plan = plans["L-2026-0003"]
    summary = [(c.type, c.qualification, c.qualification_title, [i for i, _ in c.clusters]) for c in plan.certificates]
    assert summary == [
        (
            "educational-qualification",
            "OK-afwerking-bouw-duaal",
            "Afwerking bouw duaal",
            [f"CL{n}" for n in range(1, 7)],
        ),
        ("professional-qualification", "BK-0130-5", "Stukadoor", ["CL1", "CL2", "CL3", "CL4"]),
        ("partial-qualification", "BK-0130-5-DBK-01", "Binnenbepleistering", ["CL1", "CL2"]),
        ("partial-qualification", "BK-0130-5-DBK-02", "Droogbouw", ["CL1", "CL3"]),
        ("proof-of-competences", None, None, []),
    ]
    # Kobe: two exempted and two attained competences, all in CL1.
    assert [(c.done, c.total) for c in plan.certificates] == [(4, 32), (4, 24), (4, 13), (4, 14), (0, 0)]


@pytest.mark.parametrize(
    ("learner", "roles"),
    [
        ("L-2026-0001", ["learner", "guardian", "workplace", "school"]),  # 16 at the start
        ("L-2026-0003", ["learner", "workplace", "school"]),  # turned 18 on 21 June 2026
        ("L-2026-0004", ["learner", "workplace", "school"]),  # 21
        ("L-2026-0005", ["learner", "guardian", "workplace", "school"]),  # 17
    ],
)
def test_a_parent_signs_only_for_a_minor(plans, learner, roles):
    assert [s.role for s in plans[learner].signatories] == roles


def test_eighteen_on_the_first_day_needs_no_parent(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0001",))
    edit(folder / "learners/L-2026-0001.yaml", "birth_date: 2010-03-12", "birth_date: 2008-09-01")
    catalogue, _ = load(folder)
    assert "guardian" not in [s.role for s in build_plan(catalogue, "L-2026-0001").signatories]
    edit(folder / "learners/L-2026-0001.yaml", "birth_date: 2008-09-01", "birth_date: 2008-09-02")
    catalogue, _ = load(folder)
    assert "guardian" in [s.role for s in build_plan(catalogue, "L-2026-0001").signatories]


def test_an_unplaced_learner_gets_a_provisional_plan(plans):
    plan = plans["L-2026-0005"]
    assert plan.workplace is None
    assert [n.code for n in plan.notices] == ["not-placed"]
    assert plan.rhythm == ()
    assert plan.place("werkplek").name is None
    assert [s.name for s in plan.signatories if s.role == "workplace"] == [None]
    assert len(plan.competences) == 32


def test_language_and_document_date(plans, sample, monkeypatch):
    import trajectkit.dates

    monkeypatch.setattr(trajectkit.dates, "today", lambda: D(2026, 10, 1))
    catalogue, _ = sample
    assert plans["L-2026-0004"].language == "en"
    # started on 1 September 2026, reached a competence on 13 November 2026: dated then
    assert plans["L-2026-0001"].document_date == D(2026, 11, 13)
    assert build_plan(catalogue, "L-2026-0004", "nl").language == "nl"
    learner = catalogue.learners["L-2026-0001"]
    assert document_date(learner, {}) == D(2026, 11, 13)
    assert document_date(catalogue.learners["L-2026-0002"], {}) == D(2026, 10, 1)  # nothing reported yet: today
    assert document_date(learner, {"SOURCE_DATE_EPOCH": "1790000000"}) == D(2026, 9, 21)
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH='not a number' is not a number of seconds"):
        document_date(learner, {"SOURCE_DATE_EPOCH": "not a number"})


# --------------------------------------------------------------------------- cannot offer


def test_a_competence_also_taught_at_school_is_taken_off_the_workplace(plans):
    plan = plans["L-2026-0003"]  # WP-0002 cannot offer bkc0051300 (gipsblokken)
    item = plan.competence("bkc0051300")
    assert (item.places, item.assessors, item.moved_to, item.not_at_workplace) == (("school",), ("school",), None, True)
    assert [(n.code, n.competence, n.places) for n in plan.notices] == [("not-at-workplace", "bkc0051300", ("school",))]
    # Another learner of the same trajectory keeps the workplace.
    assert plans["L-2026-0001"].competence("bkc0051300").places == ("school", "werkplek")


def test_a_workplace_only_competence_moves_to_the_training_centre(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0003",))
    workplace_only(folder)
    catalogue, report = load(folder)
    assert [p.rule for p in report.problems if p.level.name == "ERROR"] == [CANNOT_OFFER]
    assert refusals(report, for_plan(catalogue, "L-2026-0003")) == []  # planning moves it instead
    item = build_plan(catalogue, "L-2026-0003").competence("bkc0051300")
    assert (item.places, item.assessors, item.moved_to) == (("opleidingscentrum",), ("school",), "opleidingscentrum")
    notices = build_plan(catalogue, "L-2026-0003").notices
    assert [(n.code, n.competence, n.places) for n in notices] == [("moved", "bkc0051300", ("opleidingscentrum",))]


def test_without_a_training_centre_it_moves_to_the_school(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0003",))
    workplace_only(folder)
    edit(folder / TRAJECTORY, "    type: training-centre", "    type: simulated")
    catalogue, _ = load(folder)
    item = build_plan(catalogue, "L-2026-0003").competence("bkc0051300")
    assert (item.places, item.moved_to) == (("school",), "school")


def test_without_a_school_or_training_centre_the_plan_is_refused(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0003",))
    workplace_only(folder)
    edit(folder / TRAJECTORY, "    type: training-centre", "    type: simulated")
    edit(folder / TRAJECTORY, "    type: school", "    type: simulated")
    catalogue, _ = load(folder)
    with pytest.raises(PlanRefused) as refused:
        build_plan(catalogue, "L-2026-0003")
    assert refused.value.rule == CANNOT_OFFER
    assert "WP-0002 cannot offer bkc0051300" in str(refused.value)
    assert "no school or training centre" in str(refused.value)


def test_an_exempted_competence_the_workplace_cannot_offer_needs_no_place(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0003",))
    workplace_only(folder)
    edit(folder / TRAJECTORY, "    type: training-centre", "    type: simulated")
    edit(folder / TRAJECTORY, "    type: school", "    type: simulated")
    edit(
        folder / "learners/L-2026-0003.yaml",
        "prior_learning:\n",
        "prior_learning:\n  - competence: bkc0051300\n    evidence: Attest gipsblokken\n",
    )
    catalogue, _ = load(folder)
    item = build_plan(catalogue, "L-2026-0003").competence("bkc0051300")
    assert (item.status, item.places) == (EXEMPTED, ())


# --------------------------------------------------------------------------- validation gate


def test_a_workplace_whose_document_failed_its_schema_refuses_its_learners(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0004",))
    edit(folder / "workplaces/WP-0003-vandenbulcke-droogbouw.yaml", "capacity: 2", "capacity: 0")
    catalogue, _ = load(folder)
    with pytest.raises(PlanRefused, match="workplace WP-0003 has errors"):
        build_plan(catalogue, "L-2026-0004")


def test_a_learner_whose_document_failed_its_schema_is_refused(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0001",))
    edit(folder / "learners/L-2026-0001.yaml", "start: 2026-09-01", "start: soon")
    catalogue, _ = load(folder)
    assert "L-2026-0001" in catalogue.ids("Learner")
    with pytest.raises(PlanRefused, match="the learner's document has errors"):
        build_plan(catalogue, "L-2026-0001")


def test_plan_contexts_are_frozen(plans):
    with pytest.raises(AttributeError):
        plans["L-2026-0001"].language = "en"  # type: ignore[misc]


def test_no_source_objects_leak_into_the_plan(plans):
    """A plan is plain, picklable data (it travels to worker processes)."""
    import pickle

    plan = plans["L-2026-0003"]
    assert pickle.loads(pickle.dumps(plan)) == plan
    assert len(pickle.dumps(plan)) < 50_000
