"""`trajectkit coverage`: the matrix, its numbers in every format, the heatmap, the graph exports."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

TRAJECTORY_FILE = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"

# --------------------------------------------------------------------------- a large catalogue

#: Where competence number i of the large catalogue is learned and assessed: pattern i % 5.
PATTERNS = (
    (("school", "bedrijf"), ("school", "bedrijf")),
    (("school",), ("school",)),
    (("school", "centrum", "bedrijf"), ("school", "centrum")),
    (("bedrijf",), ("school", "bedrijf")),
    (("school", "simulatie", "bedrijf"), ("school",)),
)
HOURS = {"school": 10, "centrum": 2, "bedrijf": 23, "simulatie": 3}
PLACE_TYPES = {"school": "school", "centrum": "training-centre", "bedrijf": "workplace", "simulatie": "simulated"}
#: Professional qualifications of the large catalogue: (id, number of competences, scope).
PROFESSIONS = (("BK-A", 30, "complete"), ("BK-B", 24, "complete"), ("BK-C", 20, "partial"))
PARTIAL_C = 10  # the first ten competences of BK-C are part of the OK
GOALS = 6


def large_competences() -> list[str]:
    """Professional competences of the large trajectory, in the OK's order."""
    found = []
    for ident, count, scope in PROFESSIONS:
        found += [f"{ident.lower()}-{n:02d}" for n in range(1, (PARTIAL_C if scope == "partial" else count) + 1)]
    return found


def write_large_catalogue(root: Path) -> Path:
    """A valid trajectory with 64 professional competences, 6 goals, 4 learning places, 8 clusters."""
    root.mkdir(parents=True, exist_ok=True)
    for ident, count, _ in PROFESSIONS:
        competences = [
            {"id": f"{ident.lower()}-{n:02d}", "title": f"Competentie {n} van {ident} met een wat langere omschrijving"}
            for n in range(1, count + 1)
        ]
        (root / f"{ident}.yaml").write_text(
            yaml.safe_dump(
                {
                    "kind": "ProfessionalQualification",
                    "id": ident,
                    "title": f"Beroep {ident}",
                    "level": 3,
                    "competences": competences,
                },
                sort_keys=False,
            )
        )
    goals = [{"id": f"ET-{n:02d}", "title": f"Eindterm {n}"} for n in range(1, GOALS + 1)]
    scopes = [{"ref": ident, "scope": scope} for ident, _, scope in PROFESSIONS]
    scopes[-1]["competences"] = [f"bk-c-{n:02d}" for n in range(1, PARTIAL_C + 1)]
    (root / "OK.yaml").write_text(
        yaml.safe_dump(
            {
                "kind": "EducationalQualification",
                "id": "OK-groot",
                "title": "Grote opleiding",
                "level": 3,
                "professional_qualifications": scopes,
                "general_education": goals,
            },
            sort_keys=False,
        )
    )
    competences = large_competences()
    phases = ["start", "midden", "einde"]
    allocations = []
    for index, ident in enumerate(competences):
        at, assessed = PATTERNS[index % 5]
        allocations.append(
            {
                "competence": ident,
                "at": list(at),
                "assessed_by": list(assessed),
                "phase": phases[index * 3 // len(competences)],
            }
        )
    allocations += [
        {"competence": goal["id"], "at": ["school"], "assessed_by": ["school"], "phase": "start"} for goal in goals
    ]
    clusters = [
        {"id": f"CL{n + 1}", "title": f"Cluster {n + 1}", "competences": competences[n * 8 : (n + 1) * 8]}
        for n in range(8)
    ]
    clusters.append({"id": "AV", "title": "Algemene vorming", "competences": [goal["id"] for goal in goals]})
    trajectory = {
        "kind": "StandardTrajectory",
        "id": "OT-GROOT",
        "title": "Groot traject",
        "qualification": "OK-groot",
        "school_years": 3,
        "agreement": "OAO",
        "learning_places": [{"id": place, "type": kind} for place, kind in PLACE_TYPES.items()],
        "hours_per_week": HOURS,
        "phases": [
            {"id": "start", "title": "Start", "weeks": 20},
            {"id": "midden", "title": "Midden", "weeks": 40},
            {"id": "einde", "title": "Einde"},
        ],
        "clusters": clusters,
        "allocations": allocations,
        "certificates": [{"type": "educational-qualification", "clusters": "all"}, {"type": "proof-of-competences"}],
    }
    (root / "OT-GROOT.yaml").write_text(yaml.safe_dump(trajectory, sort_keys=False, allow_unicode=True))
    return root


@pytest.fixture
def large(tmp_path: Path) -> Path:
    return write_large_catalogue(tmp_path / "large")


@pytest.fixture
def catalogue(tmp_path: Path, samples: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(samples, target)
    return target


# --------------------------------------------------------------------------- samples


def _expected_from_yaml(path: Path) -> dict[str, dict[str, int]]:
    """Counts per learning place, computed from the trajectory file itself."""
    data = yaml.safe_load(path.read_text())
    goals = {ident for cluster in data["clusters"] if cluster["id"] == "CL6" for ident in cluster["competences"]}
    counts = {place["id"]: {"learned": 0, "assessed": 0, "goals": 0} for place in data["learning_places"]}
    for allocation in data["allocations"]:
        for place in allocation["at"]:
            counts[place]["goals" if allocation["competence"] in goals else "learned"] += 1
        if allocation["competence"] not in goals:
            for place in allocation["assessed_by"]:
                counts[place]["assessed"] += 1
    return counts


def test_samples_json_numbers_match_the_trajectory_file(cli, samples: Path) -> None:
    result = cli("coverage", samples, "--trajectory", "OT-00214", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    expected = _expected_from_yaml(samples / TRAJECTORY_FILE)
    # 24 competences of Stukadoor + 4 of Tegelzetter; 4 goals apart
    assert data["competences"] == 28 and data["general_education_goals"] == 4
    hours = {"school": 12, "opleidingscentrum": 2, "werkplek": 22}
    for place in data["places"]:
        counts = expected[place["id"]]
        assert place["competences_learned"] == counts["learned"]
        assert place["competences_assessed"] == counts["assessed"]
        assert place["goals_learned"] == counts["goals"]
        assert place["hours_per_week"] == hours[place["id"]]
        assert place["hours_share"] == pytest.approx(hours[place["id"]] / 36, abs=1e-4)
        assert place["competence_share"] == pytest.approx(counts["learned"] / 28, abs=1e-4)
        assert place["flagged"] is False
    # by hand from the file: 25 of 28 at school (not 0051284, 0051292, 0051302), 24 at the workplace
    assert [p["competences_learned"] for p in data["places"]] == [25, 10, 24]
    groups = [
        (group["id"], group["scope"], sum(len(c["rows"]) for c in group["clusters"]))
        for group in data["qualifications"]
    ]
    assert groups == [("BK-0130-5", "complete", 24), ("BK-0168-3", "partial", 4)]
    assert [cluster["id"] for cluster in data["qualifications"][0]["clusters"]] == ["CL1", "CL2", "CL3", "CL4"]
    assert [row["competence"] for row in data["general_education"]] == [
        "ET-NL-01",
        "ET-NL-02",
        "ET-WIS-01",
        "ET-MAV-01",
    ]
    assert data["unallocated"] == []


def test_csv_and_json_agree(cli, samples: Path) -> None:
    data = json.loads(cli("coverage", samples, "--trajectory", "OT-00214", "--format", "json").output)
    rows = list(
        csv.DictReader(io.StringIO(cli("coverage", samples, "--trajectory", "OT-00214", "--format", "csv").output))
    )
    professional = [row for row in rows if row["section"] == "professional"]
    assert len(professional) == data["competences"] and len(rows) - len(professional) == data["general_education_goals"]
    for place in data["places"]:
        learned = sum(1 for row in professional if "L" in row[place["id"]])
        assessed = sum(1 for row in professional if "A" in row[place["id"]])
        goals = sum(1 for row in rows if row["section"] == "general-education" and "L" in row[place["id"]])
        assert (learned, assessed, goals) == (
            place["competences_learned"],
            place["competences_assessed"],
            place["goals_learned"],
        )
    json_rows = {
        row["competence"]: row for group in data["qualifications"] for c in group["clusters"] for row in c["rows"]
    }
    for row in professional:
        item = json_rows[row["competence"]]
        assert row["phase"] == item["phase"] and row["cluster"] == item["clusters"][0]
        assert {p for p in ("school", "opleidingscentrum", "werkplek") if "L" in row[p]} == set(item["learned_at"])


def test_text_shows_the_cells_and_the_summary(cli, samples: Path) -> None:
    result = cli("coverage", samples, "--trajectory", "OT-00214")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    school = next(line for line in lines if line.startswith("school "))
    assert school.split()[2:6] == ["12", "33", "%", "25"]
    # bkc0051284 is learned at the centre and the workplace, assessed by school and centre
    row = next(line for line in lines if line.strip().startswith("bkc0051284"))
    assert row.split()[:5] == ["bkc0051284", "A", "LA", "L", "instap"]
    assert "General education" in result.output


# --------------------------------------------------------------------------- the flag


def test_a_place_with_many_hours_and_few_competences_is_flagged(cli, catalogue: Path) -> None:
    path = catalogue / TRAJECTORY_FILE
    text = path.read_text()
    # Teach every workplace competence at school only (still assessed there): the workplace keeps 22 of 36 hours.
    data = yaml.safe_load(text)
    for allocation in data["allocations"]:
        allocation["at"] = [place for place in allocation["at"] if place != "werkplek"] or ["school"]
        allocation["assessed_by"] = [place for place in allocation["assessed_by"] if place != "werkplek"] or ["school"]
    data["allocations"][0]["at"] = ["school", "werkplek"]  # one competence left at the workplace
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    result = cli("coverage", catalogue, "--trajectory", "OT-00214", "--format", "json")
    assert result.exit_code == 0, result.output
    werkplek = next(place for place in json.loads(result.output)["places"] if place["id"] == "werkplek")
    assert werkplek["competences_learned"] == 1
    assert werkplek["gap"] == pytest.approx(22 / 36 - 1 / 28, abs=1e-4)
    assert werkplek["flagged"] is True
    text_output = cli("coverage", catalogue, "--trajectory", "OT-00214").output
    assert "! many hours, few competences" in next(
        line for line in text_output.splitlines() if line.startswith("werkplek")
    )
    # with a limit above the gap (57 points) it is not flagged
    quiet = json.loads(
        cli("coverage", catalogue, "--trajectory", "OT-00214", "--format", "json", "--flag-gap", "60").output
    )
    assert not any(place["flagged"] for place in quiet["places"])


# --------------------------------------------------------------------------- 60+ competences


def test_large_trajectory_numbers(cli, large: Path) -> None:
    assert cli("validate", large).exit_code == 0
    data = json.loads(cli("coverage", large, "--trajectory", "OT-GROOT", "--format", "json").output)
    competences = large_competences()
    assert data["competences"] == len(competences) == 64
    for place in data["places"]:
        learned = sum(1 for i in range(64) if place["id"] in PATTERNS[i % 5][0])
        assessed = sum(1 for i in range(64) if place["id"] in PATTERNS[i % 5][1])
        assert (place["competences_learned"], place["competences_assessed"]) == (learned, assessed)
        assert place["hours_share"] == pytest.approx(HOURS[place["id"]] / 38, abs=1e-4)
    assert [group["id"] for group in data["qualifications"]] == ["BK-A", "BK-B", "BK-C"]
    assert [sum(len(c["rows"]) for c in group["clusters"]) for group in data["qualifications"]] == [30, 24, 10]


def test_large_heatmap_html_and_pdf(cli, large: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    html = cli("coverage", large, "--trajectory", "OT-GROOT", "--format", "html")
    assert html.exit_code == 0, html.output
    assert (
        html.output.count('<td class="cell both"')
        == sum(1 for i in range(64) for place in PATTERNS[i % 5][0] if place in PATTERNS[i % 5][1]) + GOALS
    )
    assert "<script" not in html.output
    target = tmp_path / "out" / "coverage.pdf"
    target.parent.mkdir()
    result = cli("coverage", large, "--trajectory", "OT-GROOT", "--format", "pdf", "--out", target)
    assert result.exit_code == 0, result.output
    reader = PdfReader(target)
    assert 2 <= len(reader.pages) <= 4  # 70 rows in a few readable pages, not one unreadable one
    text = "".join(page.extract_text() for page in reader.pages)
    for ident in (*large_competences(), "ET-06"):
        assert ident in text
    assert [p.name for p in target.parent.iterdir()] == ["coverage.pdf"]  # written atomically, no leftovers


def test_own_templates_stay_in_the_sandbox(cli, samples: Path, tmp_path: Path) -> None:
    from trajectkit.resources import templates_dir

    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    page = templates / "coverage.html.j2"
    page.write_text("{{ coverage.__class__.__init__.__globals__ }}")
    result = cli("coverage", samples, "--trajectory", "OT-00214", "--format", "html", "--templates", templates)
    assert result.exit_code == 2 and "cannot render" in result.output and "Traceback" not in result.output
    page.write_text('<p>{{ coverage.trajectory }}</p><img src="file:///etc/hostname">')
    result = cli(
        "coverage",
        samples,
        "--trajectory",
        "OT-00214",
        "--format",
        "pdf",
        "--out",
        tmp_path / "x.pdf",
        "--templates",
        templates,
    )
    assert result.exit_code == 2 and "refused to load file:///etc/hostname" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_needs_out(cli, samples: Path) -> None:
    result = cli("coverage", samples, "--trajectory", "OT-00214", "--format", "pdf")
    assert result.exit_code == 2 and "--out" in result.output


# --------------------------------------------------------------------------- graph exports


def test_graphml_holds_the_trajectory_subgraph(cli, samples: Path) -> None:
    result = cli("coverage", samples, "--trajectory", "OT-00214", "--format", "graphml")
    assert result.exit_code == 0
    root = ET.fromstring(result.output)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = {node.get("id") for node in root.findall(".//g:node", ns)}
    # trajectory, OK, 2 BKs, 2 DBKs, 3 places, 32 allocations, 6 clusters, 5 certificates, 32 competences
    assert len(nodes) == 1 + 1 + 2 + 2 + 3 + 32 + 6 + 5 + 32
    assert "allocation:OT-00214:bkc0051279" in nodes and "place:OT-00214:werkplek" in nodes
    assert not any(node.startswith(("learner:", "workplace:", "mentor:")) for node in nodes)
    # tegelzetter competences outside the OK's partial scope stay out
    assert "competence:bkc0060001" not in nodes
    edges = root.findall(".//g:edge", ns)
    assert all(edge.get("source") in nodes and edge.get("target") in nodes for edge in edges)


def test_dot_quotes_every_id_and_label(cli, catalogue: Path) -> None:
    path = catalogue / "qualifications/BK-0130-5-stukadoor.yaml"
    path.write_text(
        path.read_text().replace("title: Werkt in teamverband", 'title: "Werkt in \\"team\\"verband \\\\ samen"')
    )
    result = cli("coverage", catalogue, "--trajectory", "OT-00214", "--format", "dot")
    assert result.exit_code == 0, result.output
    # The first line marks the file as trajectkit's (a DOT comment), so a later run may replace it.
    assert result.output.startswith('// Written by trajectkit\ndigraph "OT-00214" {')
    line = next(line for line in result.output.splitlines() if line.strip().startswith('"competence:bkc0051279" ['))
    assert '"label"="Werkt in \\"team\\"verband \\\\ samen"' in line
    assert result.output.count("{") == result.output.count("}") == 1
    edges = [line for line in result.output.splitlines() if " -> " in line]
    assert (
        '  "place:OT-00214:werkplek" -> "allocation:OT-00214:bkc0051279" ["label"="learn+assess", "rel"="learn+assess"];'
        in edges
    )


# --------------------------------------------------------------------------- refusals and usage


def test_refuses_a_trajectory_with_an_unknown_learning_place(cli, catalogue: Path) -> None:
    path = catalogue / TRAJECTORY_FILE
    path.write_text(
        path.read_text().replace(
            "    at: [school, werkplek]\n    assessed_by: [school, werkplek]\n    phase: instap\n",
            "    at: [school, wrkplek]\n    assessed_by: [school, werkplek]\n    phase: instap\n",
            1,
        )
    )
    result = cli("coverage", catalogue, "--trajectory", "OT-00214")
    assert result.exit_code == 1
    assert "[unknown-learning-place]" in result.output and "OT-00214-afwerking-bouw-duaal.yaml:58:" in result.output


def test_refuses_a_broken_qualification_but_not_a_broken_learner(cli, catalogue: Path) -> None:
    learner = catalogue / "learners/L-2026-0005.yaml"
    learner.write_text(learner.read_text().replace("name:", "nmae:"))
    assert cli("coverage", catalogue, "--trajectory", "OT-00214").exit_code == 0
    bk = catalogue / "qualifications/BK-0168-3-tegelzetter.yaml"
    bk.write_text(bk.read_text().replace("level: 3", "level: drie"))
    result = cli("coverage", catalogue, "--trajectory", "OT-00214")
    assert result.exit_code == 1
    assert "BK-0168-3-tegelzetter.yaml" in result.output and "[schema]" in result.output
    assert "L-2026-0005" not in result.output


def test_a_trajectory_broken_beyond_modelling_is_named_not_unknown(cli, catalogue: Path) -> None:
    path = catalogue / TRAJECTORY_FILE
    path.write_text(path.read_text().replace("agreement: OAO ", "agreemnt: OAO "))
    result = cli("coverage", catalogue, "--trajectory", "OT-00214")
    assert result.exit_code == 1
    assert "[schema]" in result.output and "agreemnt" in result.output
    assert "no standard trajectory" not in result.output


def test_an_unreadable_file_stops_the_map_only_when_something_is_missing(cli, catalogue: Path) -> None:
    (catalogue / "notes.yaml").write_text("kind: Learner\nid: [unclosed\n")
    assert cli("coverage", catalogue, "--trajectory", "OT-00214").exit_code == 0
    # the trajectory asked for may be in that file: say so instead of "unknown"
    result = cli("coverage", catalogue, "--trajectory", "OT-00999")
    assert result.exit_code == 1 and "notes.yaml" in result.output and "[yaml-syntax]" in result.output


def test_unknown_trajectory_is_a_usage_error(cli, samples: Path) -> None:
    result = cli("coverage", samples, "--trajectory", "OT-00241")
    assert result.exit_code == 2
    assert "no standard trajectory 'OT-00241'" in result.output and "did you mean 'OT-00214'" in result.output


def test_missing_path_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli("coverage", tmp_path / "nope", "--trajectory", "X")
    assert result.exit_code == 2 and "no such file or directory" in result.output


def test_the_heatmap_shows_whole_phase_titles(cli, samples: Path, tmp_path: Path) -> None:
    from plan_support import pdf_row

    target = tmp_path / "coverage.pdf"
    result = cli("coverage", samples, "--trajectory", "OT-00214", "--format", "pdf", "--lang", "nl", "--out", target)
    assert result.exit_code == 0, result.output
    assert "3 Afronding en integrale proef" in pdf_row(target, "bkc0051281")  # not "Afronding en integral…"
