"""`trajectkit diff`: changes between two versions, where they are, and whom they affect."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

TRAJECTORY_FILE = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"
STUKADOOR_FILE = "qualifications/BK-0130-5-stukadoor.yaml"
TEGELZETTER_FILE = "qualifications/BK-0168-3-tegelzetter.yaml"
LEARNERS = ["L-2026-0001", "L-2026-0002", "L-2026-0003", "L-2026-0004", "L-2026-0005", "L-2028-0001", "L-2028-0002"]
GITHUB = re.compile(r"^::warning file=([^,]+),line=(\d+),col=(\d+),title=trajectkit diff%3A ([a-z-]+)::(.+)$")


@pytest.fixture
def new(tmp_path: Path, samples: Path) -> Path:
    target = tmp_path / "new"
    shutil.copytree(samples, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def line_of(path: Path, text: str) -> int:
    """1-based line of the only line of ``path`` that contains ``text``."""
    found = [number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


def diff(cli, *args: str | Path) -> tuple[int, dict]:
    result = cli("diff", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def test_trajectory_changes_are_found_where_they_are(cli, samples: Path, new: Path) -> None:
    path = new / TRAJECTORY_FILE
    edit(path, "  werkplek: 22", "  werkplek: 24")
    edit(path, "agreement: OAO ", "agreement: SAO ")
    # bkc0051300: only at the workplace now; bkc0051290: assessed by the school alone, in another phase
    edit(
        path,
        "  - competence: bkc0051300    # Gipsblokken (also taught at school: not every company places them)\n    at: [school, werkplek]",
        "  - competence: bkc0051300    # Gipsblokken\n    at: [werkplek]",
    )
    edit(
        path,
        "  - competence: bkc0051290    # Natte bepleistering\n    at: [school, werkplek]\n    assessed_by: [school, werkplek]\n    phase: verdieping\n    requires: [bkc0051288, bkc0051289]",
        "  - competence: bkc0051290    # Natte bepleistering\n    at: [school, werkplek]\n    assessed_by: [school]\n    phase: afronding\n    requires: [bkc0051288]",
    )
    # bkc0060010 no longer allocated (and out of its cluster); the droogbouw certificate gets CL4 too
    edit(
        path,
        "  - competence: bkc0060010    # Tegelzetter: Voegt het tegelwerk af\n    at: [school, opleidingscentrum]\n    assessed_by: [school]\n    phase: afronding\n    requires: [bkc0060008]\n",
        "",
    )
    edit(
        path,
        "competences: [bkc0060005, bkc0060006, bkc0060008, bkc0060010]",
        "competences: [bkc0060005, bkc0060006, bkc0060008]",
    )
    edit(
        path,
        "    qualification: BK-0130-5-DBK-02\n    clusters: [CL1, CL3]",
        "    qualification: BK-0130-5-DBK-02\n    clusters: [CL1, CL3, CL4]",
    )

    code, data = diff(cli, samples, new)
    assert code == 1
    found = {(change["change"], change["subject"]): change for change in data["changes"]}
    assert set(found) == {
        ("agreement", "agreement"),
        ("hours", "werkplek"),
        ("moved", "bkc0051300"),
        ("assessment", "bkc0051290"),
        ("phase", "bkc0051290"),
        ("requires", "bkc0051290"),
        ("competence-removed", "bkc0060010"),
        ("cluster-changed", "CL5"),
        ("certificate-changed", "partial-qualification BK-0130-5-DBK-02"),
    }
    assert (found[("hours", "werkplek")]["old"], found[("hours", "werkplek")]["new"]) == ("22", "24")
    assert found[("moved", "bkc0051300")]["new"] == "[werkplek]"
    assert found[("certificate-changed", "partial-qualification BK-0130-5-DBK-02")]["new"] == "[CL1, CL3, CL4]"
    # every change points into the new file, at the changed node
    assert all(change["path"] == path.as_posix() for change in data["changes"])
    assert found[("hours", "werkplek")]["line"] == line_of(path, "  werkplek: 24")
    assert found[("agreement", "agreement")]["line"] == line_of(path, "agreement: SAO")
    assert found[("moved", "bkc0051300")]["line"] == line_of(path, "bkc0051300    # Gipsblokken") + 1
    assert found[("phase", "bkc0051290")]["line"] == line_of(path, "bkc0051290    # Natte bepleistering") + 3
    assert found[("competence-removed", "bkc0060010")]["line"] == line_of(path, "allocations:")
    assert [item["learner"] for item in data["learners"]] == LEARNERS
    # 4 designs and the 7 learners that both sides hold
    assert data["summary"] == {
        "documents": 11,
        "changed_documents": 1,
        "changes": 9,
        "learners_affected": 7,
        "unrecorded": 0,
    }


def test_github_annotations_land_on_the_new_lines(cli, samples: Path, new: Path) -> None:
    path = new / TRAJECTORY_FILE
    edit(path, "  school: 12", "  school: 14")
    edit(path, "    title: Droogbouw\n", "    title: Droge afwerking\n")
    result = cli("diff", samples, new, "--format", "github")
    assert result.exit_code == 1
    commands = [GITHUB.match(line) for line in result.output.splitlines() if line.startswith("::")]
    assert all(commands), result.output
    located = sorted((int(match[2]), match[4]) for match in commands)
    assert located == [
        (line_of(path, "  school: 14"), "hours"),
        (line_of(path, "title: Droge afwerking"), "cluster-retitled"),
    ]
    assert all(match[1] == path.as_posix() and "affects 7 learner(s)" in match[5] for match in commands)


def test_single_files_affect_no_learner_unless_a_catalogue_is_given(cli, samples: Path, new: Path) -> None:
    path = new / TRAJECTORY_FILE
    edit(path, "  werkplek: 22", "  werkplek: 23")
    code, data = diff(cli, samples / TRAJECTORY_FILE, path)
    assert code == 0 and len(data["changes"]) == 1 and data["learners"] == []
    code, data = diff(cli, samples / TRAJECTORY_FILE, path, "--catalogue", samples / "learners", "--catalogue", samples)
    # L-2028-0002 has her own hours per week: the standard's workplace hours do not reach her
    assert code == 1 and [item["learner"] for item in data["learners"]] == LEARNERS[:-1]


def test_changes_are_compared_on_each_learners_effective_trajectory(cli, samples: Path, new: Path) -> None:
    """Gipsblokken (bkc0051300) moves to the workplace alone, and the workplace hours
    change: L-2028-0002's adjustment keeps her gipsblokken at school and in the training
    centre, and her own hours keep her 20 workplace hours, so neither change reaches her."""
    path = new / TRAJECTORY_FILE
    edit(path, "  werkplek: 22", "  werkplek: 24")
    edit(
        path,
        "  - competence: bkc0051300    # Gipsblokken (also taught at school: not every company places them)\n    at: [school, werkplek]",
        "  - competence: bkc0051300    # Gipsblokken\n    at: [werkplek]",
    )
    code, data = diff(cli, samples, new)
    assert code == 1 and data["summary"]["changes"] == 2
    reached = {item["learner"]: item["changes"] for item in data["learners"]}
    assert reached == dict.fromkeys(LEARNERS[:-1], 2)
    # her adjustment gives no phase: a move to another phase reaches her, as one change
    edit(
        path,
        "  - competence: bkc0051300    # Gipsblokken\n    at: [werkplek]\n    assessed_by: [school]\n    phase: verdieping",
        "  - competence: bkc0051300    # Gipsblokken\n    at: [werkplek]\n    assessed_by: [school]\n    phase: afronding",
    )
    code, data = diff(cli, samples, new)
    reached = {item["learner"]: item["changes"] for item in data["learners"]}
    assert reached == {**dict.fromkeys(LEARNERS[:-1], 3), "L-2028-0002": 1}
    text = cli("diff", samples, new).output
    assert "  L-2028-0002 Hanne Maes (OT-00214): OT-00214; 1 change(s) reach this learner" in text.splitlines()


def test_no_change_exits_0(cli, samples: Path, new: Path) -> None:
    # comments and layout are not changes
    edit(new / TRAJECTORY_FILE, "id: OT-00214\n", "# a new comment\nid:    OT-00214\n")
    result = cli("diff", samples, new)
    assert result.exit_code == 0
    assert "No changes." in result.output and "no learner affected" in result.output


def test_professional_qualification_changes_reach_learners_through_the_ok(
    cli, samples: Path, new: Path, tmp_path: Path
) -> None:
    tegelzetter = new / TEGELZETTER_FILE
    edit(tegelzetter, "    title: Maakt een legplan\n", "    title: Maakt een legplan op maat\n")
    edit(tegelzetter, "  - id: bkc0060014\n    title: Reinigt en beschermt het opgeleverde tegelwerk\n", "")
    stukadoor = new / STUKADOOR_FILE
    edit(
        stukadoor,
        "  - id: bkc0051302\n",
        "  - id: bkc0051303\n    title: Werkt met een nieuwe techniek\n  - id: bkc0051302\n",
    )
    code, data = diff(cli, samples, new)
    assert code == 1
    changes = {(change["document"], change["change"], change["subject"]) for change in data["changes"]}
    assert changes == {
        ("BK-0168-3", "retitled", "bkc0060005"),
        ("BK-0168-3", "competence-removed", "bkc0060014"),
        ("BK-0130-5", "competence-added", "bkc0051303"),
    }
    added = next(change for change in data["changes"] if change["change"] == "competence-added")
    assert added["line"] == line_of(stukadoor, "- id: bkc0051303")
    # OT-00214's OK includes both professional qualifications
    assert {tuple(item["because"]) for item in data["learners"]} == {("BK-0130-5", "BK-0168-3")}
    # a learner of another trajectory, whose OK includes neither, is not affected
    other = new / "learners" / "L-2026-0009.yaml"
    other.write_text(
        (new / "learners/L-2026-0005.yaml")
        .read_text()
        .replace("L-2026-0005", "L-2026-0009")
        .replace("OT-00214", "OT-00999")
    )
    assert "L-2026-0009" not in [item["learner"] for item in diff(cli, samples, new)[1]["learners"]]


def test_documents_added_and_removed(cli, samples: Path, new: Path) -> None:
    edit(new / TRAJECTORY_FILE, "id: OT-00214\n", "id: OT-00215\n")
    code, data = diff(cli, samples, new)
    changes = [(change["change"], change["document"]) for change in data["changes"]]
    assert changes == [("document-removed", "OT-00214"), ("document-added", "OT-00215")]  # by kind, then id
    removed = data["changes"][0]
    assert removed["path"] == (samples / TRAJECTORY_FILE).as_posix()  # a removed document points into OLD
    # the learners still name OT-00214, which was removed
    assert code == 1 and [item["learner"] for item in data["learners"]] == LEARNERS


def test_text_groups_changes_by_document(cli, samples: Path, new: Path) -> None:
    edit(new / TRAJECTORY_FILE, "  werkplek: 22", "  werkplek: 24")
    edit(new / STUKADOOR_FILE, "title: Stukadoor", "title: Stukadoor-plafonneerder")
    output = cli("diff", samples, new).output
    lines = output.splitlines()
    # trajectories first, then professional qualifications
    assert lines[0] == "StandardTrajectory OT-00214"
    assert "[hours] hours per week at werkplek changed from 22 to 24" in lines[1]
    assert lines[2] == "ProfessionalQualification BK-0130-5"
    assert "[title] title changed from Stukadoor to Stukadoor-plafonneerder" in lines[3]
    assert lines[-1] == "2 change(s) in 2 of 11 document(s); 7 learner(s) affected"


def test_refuses_a_broken_new_version_or_learner(cli, samples: Path, new: Path) -> None:
    learner = new / "learners/L-2026-0002.yaml"
    learner.write_text(learner.read_text().replace("trajectory: OT-00214", "trajectory: [OT-00214]"))
    result = cli("diff", samples, new)
    assert result.exit_code == 1 and "L-2026-0002.yaml" in result.output and "[schema]" in result.output
    shutil.copy(samples / "learners/L-2026-0002.yaml", learner)
    edit(new / TRAJECTORY_FILE, "school_years: 2", "school_years: twee")
    result = cli("diff", samples, new)
    assert (
        result.exit_code == 1 and "OT-00214-afwerking-bouw-duaal.yaml" in result.output and "[schema]" in result.output
    )
    assert "NEW side" in result.output


def test_usage_errors(cli, samples: Path, tmp_path: Path) -> None:
    missing = cli("diff", samples, tmp_path / "nope")
    assert missing.exit_code == 2 and "no such file or directory" in missing.output
    nothing = cli("diff", samples / "learners", samples / "workplaces")
    assert nothing.exit_code == 2 and "nothing to compare" in nothing.output


def test_evaluation_moments_added_moved_changed_and_removed(cli, samples: Path, tmp_path: Path, new: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(samples, old)
    moments = (
        "evaluation_moments:\n  - {id: E1, week: 8}\n  - {id: E2, title: Tussentijds, week: 20, by: [school]}\n"
        "  - {id: E4, week: 60}\n"
    )
    changed = (
        "evaluation_moments:\n  - {id: E1, week: 10}\n  - {id: E2, title: Tussentijds, week: 20, by: [school, werkplek]}\n"
        "  - {id: E3, week: 40}\n"
    )
    for folder, text in ((old, moments), (new, changed)):
        path = folder / TRAJECTORY_FILE
        path.write_text(path.read_text() + text)
    code, data = diff(cli, old, new)
    assert code == 1
    found = {(change["change"], change["subject"]): change for change in data["changes"]}
    assert set(found) == {
        ("moment-week", "E1"),
        ("moment-changed", "E2"),
        ("moment-added", "E3"),
        ("moment-removed", "E4"),
    }
    assert (found[("moment-week", "E1")]["old"], found[("moment-week", "E1")]["new"]) == ("8", "10")
    assert found[("moment-week", "E1")]["line"] == line_of(new / TRAJECTORY_FILE, "{id: E1, week: 10}")
    assert "by [school] → [school, werkplek]" in found[("moment-changed", "E2")]["message"]
    assert found[("moment-removed", "E4")]["line"] == line_of(new / TRAJECTORY_FILE, "evaluation_moments:")
