"""The answers a domain review of Flemish dual learning found wrong, end to end.

Each test is one finding of the review (certificates, recognitions, the school's
evaluation, mentors, statistics, the beroepskwalificerende leerweg, messages), run
through the CLI on real files: the samples, the `init` catalogue, or copies of them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from plan_support import copy_samples, edit

TRAJECTORY = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"


def _json(result) -> dict:
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


# --------------------------------------------------------------------------- 1 certificates


def test_the_init_example_awards_a_partial_qualification_when_all_of_it_is_attained(cli, tmp_path: Path) -> None:
    assert cli("init", "new").exit_code == 0
    learner = tmp_path / "new" / "learners" / "L-0001.yaml"
    text = learner.read_text(encoding="utf-8")
    learner.write_text(
        text
        + "attained:\n  - {competence: bkc0000001, date: 2027-01-20}\n  - {competence: bkc0000002, date: 2027-02-20}\n",
        encoding="utf-8",
    )
    assert cli("validate", "new", "--strict").exit_code == 0
    data = _json(cli("attest", "new", "--learner", "L-0001", "--format", "json"))
    earned = {(item["type"], item["qualification"]) for item in data["earned"]}
    # the learner holds both competences of the deelkwalificatie Salonmedewerker, so
    # the certificate follows: the example no longer says "1 of 3 missing"
    assert ("partial-qualification", "BK-0000-1-DBK-01") in earned
    assert data["highest"] == "partial-qualification"


def test_the_plan_counts_progress_over_the_certificates_clusters(cli, samples: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli(
        "plan", samples, "--learner", "L-2026-0001", "--learner", "L-2026-0004", "--out", out, "--format", "html"
    )
    assert result.exit_code == 0, result.output
    dutch = (out / "L-2026-0001.html").read_text(encoding="utf-8")
    english = (out / "L-2026-0004.html").read_text(encoding="utf-8")
    # BK-0130-5 Stukadoor has 24 competences and its certificate's clusters hold 24;
    # DBK-01 Binnenbepleistering: 13 of 13
    of_nl = '</span> <span class="progress-of">competenties van de clusters van dit bewijs</span>'
    of_en = '</span> <span class="progress-of">competences of this certificate&#39;s clusters</span>'
    assert f'<span class="progress-value">2 van 24{of_nl}' in dutch
    assert f'<span class="progress-value">2 van 13{of_nl}' in dutch
    assert f'<span class="progress-value">1 of 24{of_en}' in english


# --------------------------------------------------------------------------- 2 recognitions and dates


def test_a_ten_year_recognition_fails_strict(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    edit(
        folder / "workplaces/WP-0003-vandenbulcke-droogbouw.yaml", "valid_until: 2030-08-31", "valid_until: 2035-08-31"
    )
    result = cli("validate", folder, "--strict")
    assert result.exit_code == 1
    assert "error [recognition-period]" in result.output and "2030-08-31 at the latest" in result.output


def test_a_learner_who_ends_before_the_start_gets_no_plan(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    edit(folder / "learners/L-2026-0002.yaml", "end: 2028-06-30", "end: 2025-06-30")
    validated = cli("validate", folder)
    assert validated.exit_code == 1 and "L-2026-0002.yaml:8:1: error [date-order]" in validated.output
    planned = cli("plan", folder, "--learner", "L-2026-0002", "--out", tmp_path / "out")
    assert planned.exit_code == 1 and "[date-order]" in planned.output
    assert not (tmp_path / "out" / "L-2026-0002.pdf").exists()


def test_a_reversed_recognition_is_named_as_such(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    edit(
        folder / "workplaces/WP-0003-vandenbulcke-droogbouw.yaml", "valid_until: 2030-08-31", "valid_until: 2024-08-31"
    )
    result = cli("validate", folder)
    assert "WP-0003-vandenbulcke-droogbouw.yaml:11:5: error [date-order]" in result.output


def test_a_withdrawn_recognition_gives_no_free_place(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    # WP-0003 holds the only free place; withdrawn, the waiting learner cannot go there
    edit(
        folder / "workplaces/WP-0003-vandenbulcke-droogbouw.yaml",
        "    capacity: 2\n",
        "    capacity: 2\n    status: withdrawn\n    status_from: 2026-06-01\n",
    )
    result = cli("validate", folder)
    assert "L-2026-0004.yaml:14:1: error [recognition-inactive]" in result.output
    match = _json(cli("match", folder, "--on", "2026-09-01", "--format", "json"))
    assert match["summary"]["placed"] == 0 and match["summary"]["unmatched_by_reason"] == {"full": 1}


# --------------------------------------------------------------------------- 7 statistics


def test_stats_organised_means_offered_by_a_provider(cli, samples: Path, tmp_path: Path) -> None:
    data = _json(cli("stats", samples, "--on", "2026-09-01", "--format", "json"))
    assert data["total"]["organised"] == 1 and data["total"]["recognised"] == 1
    (trajectory,) = data["trajectories"]
    assert trajectory["providers"] == 2 and trajectory["sector"] == "bouw"  # `sector` of the BKs

    folder = copy_samples(tmp_path)
    shutil.rmtree(folder / "providers")
    for name in ("L-2026-0001", "L-2026-0002", "L-2026-0003", "L-2028-0001", "L-2028-0002"):
        path = folder / "learners" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            "\n".join(line for line in text.splitlines() if not line.startswith("school:")) + "\n", encoding="utf-8"
        )
    text = cli("stats", folder, "--on", "2026-09-01").output
    # recognised workplaces alone do not make a trajectory organised
    assert "0 organised (offered by a school or centre; the catalogue has no Provider), 1 recognised" in text


def test_stats_per_province_and_school_year(cli, samples: Path) -> None:
    data = _json(cli("stats", samples, "--on", "2026-09-01", "--format", "json"))
    provinces = {item["province"]: item for item in data["provinces"]}
    # providers in Gent and Aalst; workplaces in Gent, Aalst and Kortrijk; learners by home
    assert provinces["Oost-Vlaanderen"]["providers"] == 2 and provinces["Oost-Vlaanderen"]["organised"] == 1
    assert provinces["West-Vlaanderen"] == {
        "province": "West-Vlaanderen",
        "providers": 0,
        "organised": 0,
        "workplaces": 1,
        "places": 2,
        "occupied": 1,
        "learners": 1,
        "waiting": 0,
    }
    years = {item["school_year"]: item for item in data["school_years"]}
    # from the first offer (2024) on, to the start of the 2028 cohort
    assert list(years) == ["2024-2025", "2025-2026", "2026-2027", "2027-2028", "2028-2029"]
    assert years["2026-2027"]["starting"] == 5 and years["2026-2027"]["with_learners"] == 1
    assert years["2024-2025"]["organised"] == 1 and years["2024-2025"]["learners"] == 0
    text = cli("stats", samples, "--on", "2026-09-01").output
    assert "Per province" in text and "Per school year" in text


# --------------------------------------------------------------------------- 8 the beroepskwalificerende leerweg


def _professional_trajectory(folder: Path) -> None:
    """OT-00300: the samples' OT-00214 cut down to Stukadoor, leading to BK-0130-5 itself
    (no educational qualification, no general education), and a learner on it."""
    data = yaml.safe_load((folder / TRAJECTORY).read_text(encoding="utf-8"))
    data["id"], data["title"], data["qualification"] = "OT-00300", "Stukadoor (beroepskwalificerend)", "BK-0130-5"
    data["clusters"] = [cluster for cluster in data["clusters"] if cluster["id"] in ("CL1", "CL2", "CL3", "CL4")]
    data["allocations"] = [item for item in data["allocations"] if item["competence"].startswith("bkc00512")]
    data["allocations"] += [
        item
        for item in yaml.safe_load((folder / TRAJECTORY).read_text())["allocations"]
        if item["competence"].startswith("bkc00513")
    ]
    data["certificates"] = [item for item in data["certificates"] if item["type"] != "educational-qualification"]
    del data["approval"]
    (folder / "trajectories" / "OT-00300.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (folder / "learners" / "L-2026-0300.yaml").write_text(
        "kind: Learner\nid: L-2026-0300\nname: Nora Peeters\nbirth_date: 2008-02-11\ntrajectory: OT-00300\n"
        "start: 2026-09-01\nend: 2027-06-30\nschool: {name: CVO Gent, coach: Ann Claes}\n"
        "attained:\n  - {competence: bkc0051279, date: 2026-11-10}\n",
        encoding="utf-8",
    )


def test_a_trajectory_may_lead_to_a_professional_qualification(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    _professional_trajectory(folder)
    validated = cli("validate", folder, "--format", "json")
    assert _json(validated)["problems"] == [], validated.output

    coverage = _json(cli("coverage", folder, "--trajectory", "OT-00300", "--format", "json"))
    assert coverage["trajectory"]["qualification_title"] == "Stukadoor"
    assert coverage["competences"] == 24 and coverage["general_education_goals"] == 0

    attest = _json(cli("attest", folder, "--learner", "L-2026-0300", "--format", "json"))
    assert attest["highest"] == "proof-of-competences" and attest["next_rung"] == "partial-qualification"

    out = tmp_path / "out"
    planned = cli("plan", folder, "--learner", "L-2026-0300", "--out", out, "--format", "html")
    assert planned.exit_code == 0, planned.output
    html = (out / "L-2026-0300.html").read_text(encoding="utf-8")
    assert "Beroepskwalificatie" in html and "Stukadoor" in html

    stats = _json(cli("stats", folder, "--on", "2026-09-01", "--format", "json"))
    mine = next(item for item in stats["trajectories"] if item["id"] == "OT-00300")
    assert (mine["level"], mine["sector"], mine["learners"]) == (3, "bouw", 1)

    exported = cli("export", folder, "--format", "case", "--id", "OT-00300", "--on", "2026-09-01")
    assert exported.exit_code == 0, exported.output
    package = json.loads(exported.output)
    related = [a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo"]
    assert [a["destinationNodeURI"]["title"] for a in related] == ["Stukadoor"]


def test_a_changed_bk_marks_the_learners_of_a_professional_trajectory(cli, tmp_path: Path) -> None:
    old = copy_samples(tmp_path / "old")
    _professional_trajectory(old)
    new = copy_samples(tmp_path / "new")
    _professional_trajectory(new)
    edit(new / "qualifications/BK-0130-5-stukadoor.yaml", "title: Plaatst gipsblokken", "title: Plaatst gipsblokwanden")
    for folder in (old, new):  # OT-00214's learners are affected too; keep only ours
        for path in (folder / "learners").glob("L-202[68]-000*.yaml"):
            path.unlink()
    result = cli("diff", old, new, "--format", "json")
    assert result.exit_code == 1
    affected = json.loads(result.output)["learners"]
    assert [item["learner"] for item in affected] == ["L-2026-0300"]


# --------------------------------------------------------------------------- later fields of version 1.1


def test_a_catalogue_written_to_the_whole_of_version_1_1_is_read(cli, tmp_path: Path) -> None:
    """A catalogue written to the whole of version 1.1 (placements, guardians,
    evaluations, plan versions …) is read: none of its keys is unknown, and the rules
    run on every document; evaluations and plan versions are checked."""
    folder = copy_samples(tmp_path)
    edit(
        folder / "learners/L-2026-0001.yaml",
        "weekly_rhythm: {school: [mon, tue], werkplek: [wed, thu, fri]}",
        "weekly_rhythm: {school: [mon, tue], werkplek: [fri]}\n"
        "guardians: [{name: Ayse Demir, email: ayse.demir@example.org}]\n"
        "evaluations:\n  - {moment: E1, date: 2026-10-27, results: [{competence: bkc0051280, status: attained}]}\n"
        "plan_versions:\n  - {version: 1, date: 2026-08-28, status: signed, signed: {learner: 2026-08-28}}",
    )
    edit(
        folder / TRAJECTORY,
        "approval:",
        "evaluation_moments:\n  - {id: E1, title: Eerste evaluatie, week: 8, by: [school, werkplek]}\napproval:",
    )
    result = cli("validate", folder)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output  # warnings only
    for key in ("guardians", "evaluations", "plan_versions", "evaluation_moments"):  # all of 1.1 is read
        assert f"unknown key '{key}'" not in result.output
    assert "warning [plan-unsigned] plan version 1 of L-2026-0001" in result.output  # the guardian is missing
    assert "warning [rhythm-hours-mismatch]" in result.output  # the rest of the learner is checked
    assert cli("stats", folder, "--on", "2026-09-01").exit_code == 0  # and the commands answer on it
