"""`trajectkit stats`: agreements ended early (stopzettingen), counted on a catalogue
whose endings are known: by reason, trajectory, sector, province and school year,
with the median days from the start of the placement to the end."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from generate import Sizes, generate

ON = "2028-01-31"

#: (id, trajectory, postcode or None, start, ended_on, reason, days)
ENDINGS = (
    ("L-T-1", "OT-00001", "9000", "2026-09-01", "2026-12-15", "by-learner", 105),
    ("L-T-2", "OT-00001", "2000", "2026-09-01", "2027-02-28", "by-company", 180),
    ("L-T-3", "OT-00002", "3000", "2027-09-01", "2027-10-10", "mutual", 39),
    ("L-T-4", "OT-00002", None, "2026-09-01", "2027-09-05", None, 369),
    ("L-T-5", "OT-00002", "3000", "2026-09-01", "2028-03-01", "by-learner", None),  # after the date
)


def learner(ident: str, trajectory: str, postcode: str | None, start: str, ended: str, reason: str | None) -> str:
    home = f'home: {{postcode: "{postcode}", municipality: X}}\n' if postcode else ""
    why = f", end_reason: {reason}" if reason else ""
    return (
        f"kind: Learner\nid: {ident}\nname: Lid {ident}\nbirth_date: 2009-03-01\ntrajectory: {trajectory}\n"
        f"start: {start}\nend: 2029-06-30\n"
        "school: {name: Een school, coach: An Peeters, coach_email: an@example.org}\n"
        f"{home}agreement: {{type: OAO, ended_on: {ended}{why}}}\n"
    )


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("endings")
    generate(root, Sizes(qualifications=3, trajectories=3, workplaces=10, learners=20, placed_share=0.6), seed=3)
    text = "---\n".join(learner(*row[:6]) for row in ENDINGS)
    (root / "learners" / "endings.yaml").write_text(text, encoding="utf-8")
    (root / "learners" / "placements.yaml").write_text(TWO_PLACEMENTS, encoding="utf-8")
    return root


#: Two placements: the first ended early after 152 days (from its own start), the
#: second runs on. In Gent.
TWO_PLACEMENTS = """kind: Learner
id: L-T-6
name: Lid zes
birth_date: 2009-03-01
trajectory: OT-00001
start: 2026-09-01
end: 2029-06-30
school: {name: Een school, coach: An Peeters, coach_email: an@example.org}
home: {postcode: "9000", municipality: Gent}
placements:
  - workplace: WP-00003
    mentor: M-00004
    from: 2026-09-01
    until: 2027-06-30
    agreement: {type: OAO, ended_on: 2027-01-31, end_reason: by-company}
  - workplace: WP-00003
    mentor: M-00005
    from: 2027-09-01
    agreement: {type: OAO}
"""


def stats(root: Path, output: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "trajectkit", "stats", str(root), "--on", ON, "--format", output],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_terminations_in_json(catalogue: Path) -> None:
    data = json.loads(stats(catalogue, "json"))
    ended = data["terminations"]
    sector = {item["id"]: item["sector"] for item in data["trajectories"]}
    assert ended["total"] == 5 and ended["median_days"] == 152  # 39, 105, 152, 180, 369
    assert [(g["reason"], g["terminations"], g["median_days"]) for g in ended["by_reason"]] == [
        ("mutual", 1, 39),
        ("by-learner", 1, 105),
        ("by-company", 2, 166),
        ("unknown", 1, 369),
    ]
    assert [(g["trajectory"], g["terminations"], g["median_days"]) for g in ended["by_trajectory"]] == [
        ("OT-00001", 3, 152),
        ("OT-00002", 2, 204),
    ]
    by_sector: dict[str, int] = {}
    for ident, count in (("OT-00001", 3), ("OT-00002", 2)):
        by_sector[sector[ident]] = by_sector.get(sector[ident], 0) + count
    assert {g["sector"]: g["terminations"] for g in ended["by_sector"]} == by_sector
    assert [(g["province"], g["terminations"]) for g in ended["by_province"]] == [
        ("Antwerpen", 1),
        ("Oost-Vlaanderen", 2),
        ("Vlaams-Brabant", 1),
        ("unknown", 1),
    ]
    assert [(g["school_year"], g["terminations"], g["median_days"]) for g in ended["by_school_year"]] == [
        ("2026-2027", 3, 152),
        ("2027-2028", 2, 204),
    ]
    assert [(a["learner"], a["days"]) for a in ended["agreements"]] == [
        ("L-T-1", 105),
        ("L-T-6", 152),
        ("L-T-2", 180),
        ("L-T-4", 369),
        ("L-T-3", 39),
    ]


def test_terminations_in_csv(catalogue: Path) -> None:
    rows = {row["trajectory"]: row for row in csv.DictReader(io.StringIO(stats(catalogue, "csv")))}
    first, second, third = rows["OT-00001"], rows["OT-00002"], rows["OT-00003"]
    assert (first["terminations"], first["terminations_by-learner"], first["terminations_by-company"]) == (
        "3",
        "1",
        "2",
    )
    assert first["median_days_to_termination"] == "152"
    assert (second["terminations"], second["terminations_mutual"], second["terminations_unknown"]) == ("2", "1", "1")
    assert second["terminations_by-learner"] == "0"  # L-T-5 ends after the date
    assert second["median_days_to_termination"] == "204"
    assert (third["terminations"], third["median_days_to_termination"]) == ("0", "")


def test_terminations_in_text(catalogue: Path) -> None:
    text = stats(catalogue, "text")
    assert f"Agreements ended early (stopzetting) up to {ON}: 5; median 152 days" in text
    assert "2027-2028" in text.split("By school year (of the end)")[1].split("\n\n")[0]


@pytest.mark.parametrize(("language", "words"), [("en", "Agreements ended early"), ("nl", "Vroegtijdig stopgezette")])
def test_the_dashboard_shows_the_terminations(catalogue: Path, tmp_path: Path, language: str, words: str) -> None:
    out = tmp_path / f"stats-{language}.pdf"
    command = [sys.executable, "-m", "trajectkit", "stats", str(catalogue), "--on", ON, "--format", "pdf"]
    result = subprocess.run([*command, "-o", str(out), "--lang", language], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert words in text
    section = text.split(words)[-1]
    assert "2026-2027" in section and "2027-2028" in section and "369" in section


def test_learners_who_ended_early_are_not_counted_as_learners(catalogue: Path) -> None:
    """L-T-1 and L-T-2 (OT-00001) and L-T-3 and L-T-4 (OT-00002) have left by the date,
    all four without a workplace; L-T-5 ends after the date and L-T-6's second
    placement runs on. Counted with them, the figures were OT-00001 3 learners (2
    waiting), OT-00002 16 (5 waiting), 19 in all (7 waiting)."""
    data = json.loads(stats(catalogue, "json"))
    learners = {item["id"]: (item["learners"], item["waiting"]) for item in data["trajectories"]}
    assert learners == {"OT-00001": (1, 0), "OT-00002": (14, 3), "OT-00003": (0, 0)}
    assert (data["total"]["learners"], data["total"]["waiting"]) == (15, 3)
    assert data["terminations"]["total"] == 5  # they are counted here instead
    # L-T-4 was the only learner without a home: no province "unknown" is left
    assert "unknown" not in {item["province"] for item in data["provinces"]}
    # a learner is counted in a school year up to the early end: L-T-1 and L-T-2 left
    # in 2026-2027, L-T-3 and L-T-4 in 2027-2028
    years = {item["school_year"]: item["learners"] for item in data["school_years"]}
    assert (years["2026-2027"], years["2027-2028"]) == (22, 17)
    rows = {row["trajectory"]: row for row in csv.DictReader(io.StringIO(stats(catalogue, "csv")))}
    assert [(rows[key]["learners"], rows[key]["waiting"]) for key in ("OT-00001", "OT-00002")] == [
        ("1", "0"),
        ("14", "3"),
    ]
