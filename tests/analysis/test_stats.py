"""`trajectkit stats`: the offer's figures, checked against counts made here from the YAML."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from generate import Sizes, generate

from trajectkit.analysis.stats import months_later

REPO = Path(__file__).resolve().parents[2]

DAY = dt.date(2026, 9, 1)


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated catalogue: several levels and sectors, expiring recognitions,
    untrained mentors, placed and waiting learners; plus a trajectory with its own sector."""
    root = tmp_path_factory.mktemp("region")
    generate(root, Sizes(qualifications=8, trajectories=15, workplaces=70, learners=160, placed_share=0.6), seed=4)
    path = root / "trajectories" / "OT-00003.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "kind: StandardTrajectory\n", "kind: StandardTrajectory\nx-sector: maatwerk\n"
        ),
        encoding="utf-8",
    )
    return root


def documents(root: Path) -> dict[str, list[dict]]:
    """Every document by kind, read with plain PyYAML (not trajectkit's loader)."""
    found: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(root.rglob("*.yaml")):
        for data in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            found[data["kind"]].append(data)
    return found


def expected(root: Path, day: dt.date = DAY) -> dict:
    """The figures, counted here from the definitions in the command's documentation."""
    docs = documents(root)
    bks = {d["id"]: d for d in docs["ProfessionalQualification"]}
    oks = {d["id"]: d for d in docs["EducationalQualification"]}

    def sector(trajectory: dict) -> str:
        # the BKs' `sector` field; `x-sector` (here on a trajectory) still counts
        ok = oks[trajectory["qualification"]]
        for owner in [trajectory, ok] + [bks[ref["ref"]] for ref in ok["professional_qualifications"]]:
            if owner.get("sector") or owner.get("x-sector"):
                return owner.get("sector") or owner["x-sector"]
        return "unknown"

    offered: dict[str, int] = defaultdict(int)
    for provider in docs["Provider"]:
        for trajectory in {o["trajectory"] for o in provider.get("offers", []) if o["from"] <= day}:
            offered[trajectory] += 1

    active = [learner for learner in docs["Learner"] if learner["start"] <= day <= learner["end"]]
    per: dict[str, dict] = {}
    for t in docs["StandardTrajectory"]:
        per[t["id"]] = {
            "level": oks[t["qualification"]]["level"],
            "sector": sector(t),
            "providers": offered[t["id"]],
            "workplaces": 0,
            "places": 0,
            "occupied": 0,
            "learners": 0,
            "waiting": 0,
        }
    limit = months_later(day, 6)
    expiring = untrained = mentors = 0
    for w in docs["Workplace"]:
        best: dict[str, dict] = {}
        for r in w.get("recognitions", []):
            if (
                r["valid_from"] <= day <= r["valid_until"]
                and r["capacity"] > best.get(r["trajectory"], {"capacity": -1})["capacity"]
            ):
                best[r["trajectory"]] = r
        for trajectory, r in best.items():
            per[trajectory]["workplaces"] += 1
            per[trajectory]["places"] += r["capacity"]
            per[trajectory]["occupied"] += sum(
                1 for learner in active if learner.get("workplace") == w["id"] and learner["trajectory"] == trajectory
            )
            expiring += r["valid_until"] <= limit
        for m in w.get("mentors", []):
            mentors += 1
            untrained += m.get("training_completed") is None or m["training_completed"] > day
    for learner in active:
        per[learner["trajectory"]]["learners"] += 1
        per[learner["trajectory"]]["waiting"] += "workplace" not in learner
    return {"per": per, "expiring": expiring, "untrained": untrained, "mentors": mentors}


def test_figures_match_counts_made_from_the_files(cli, region: Path) -> None:
    result = cli("stats", region, "--on", DAY.isoformat(), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    want = expected(region)
    per = want["per"]
    assert {
        t["id"]: {
            k: t[k] for k in ("level", "sector", "providers", "workplaces", "places", "occupied", "learners", "waiting")
        }
        for t in data["trajectories"]
    } == per

    groups: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
    for item in per.values():
        group = groups[(item["level"], item["sector"])]
        group["developed"] += 1
        group["organised"] += item["providers"] > 0  # offered by a school or centre
        group["recognised"] += item["workplaces"] > 0
        group["with_learners"] += item["learners"] > 0
        for key in ("places", "occupied", "learners", "waiting"):
            group[key] += item[key]
    got = {
        (g["level"], g["sector"]): {
            k: g[k]
            for k in (
                "developed",
                "organised",
                "recognised",
                "with_learners",
                "places",
                "occupied",
                "learners",
                "waiting",
            )
        }
        for g in data["groups"]
    }
    assert got == {key: dict(value) for key, value in groups.items()}
    # the case is worth testing: several levels and sectors, and every kind of trajectory
    assert len({level for level, _ in groups}) >= 2 and len({sector for _, sector in groups}) >= 4
    assert ("maatwerk" in {sector for _, sector in groups}) and data["total"]["developed"] == 15
    assert 0 < data["total"]["organised"] < 15 or 0 < data["total"]["with_learners"] < data["total"]["organised"]
    # organised (offered) and recognised are different figures
    assert data["total"]["organised"] != data["total"]["recognised"]
    assert data["total"]["occupied"] == sum(item["occupied"] for item in per.values()) > 0
    assert data["total"]["waiting"] == sum(item["waiting"] for item in per.values()) > 0
    assert len(data["expiring_recognitions"]) == want["expiring"] > 0
    assert (len(data["untrained_mentors"]), data["mentors"]) == (want["untrained"], want["mentors"])
    assert want["untrained"] > 0
    levels = {g["level"]: g["developed"] for g in data["levels"]}
    assert levels == {level: sum(1 for item in per.values() if item["level"] == level) for level in levels}


def test_another_date_other_figures(cli, region: Path) -> None:
    later = dt.date(2027, 9, 1)
    data = json.loads(cli("stats", region, "--on", later.isoformat(), "--format", "json").output)
    per = expected(region, later)["per"]
    assert {t["id"]: t["learners"] for t in data["trajectories"]} == {
        ident: item["learners"] for ident, item in per.items()
    }
    assert data["expiring_by"] == "2028-03-01"


def test_csv_one_row_per_trajectory(cli, region: Path) -> None:
    result = cli("stats", region, "--on", DAY.isoformat(), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    per = expected(region)["per"]
    assert [row["trajectory"] for row in rows] == sorted(per)
    assert {row["trajectory"]: (int(row["places"]), int(row["occupied"]), int(row["learners"])) for row in rows} == {
        ident: (item["places"], item["occupied"], item["learners"]) for ident, item in per.items()
    }


def test_samples_text(cli, samples: Path) -> None:
    # WP-0001 (2 places), WP-0002 (1) and WP-0003 (2) are recognised for OT-00214;
    # four of the five learners are placed there, L-2026-0005 waits.
    result = cli("stats", samples, "--on", "2026-09-01")
    assert result.exit_code == 0
    assert "Places: 5 recognised, 4 occupied (80 %); learners: 5 active, 1 without a workplace." in result.output
    assert (
        "Trajectories: 1 developed, 1 organised (offered by a school or centre), "
        "1 recognised (at least one recognised workplace), 1 with learners."
    ) in result.output


def test_dashboard_is_self_contained_and_shows_the_figures(cli, region: Path, tmp_path: Path) -> None:
    result = cli("stats", region, "--on", DAY.isoformat(), "--format", "html", "--out", tmp_path / "offer.html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "offer.html").read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert html.count("<svg") == 4
    per = expected(region)["per"]
    organised = sum(1 for item in per.values() if item["providers"])
    assert f"{organised} <small>of 15</small>" in html
    waiting = sum(item["waiting"] for item in per.values())
    assert f'<div class="big">{waiting}</div>' in html


def test_dashboard_pdf_is_one_page_and_a_page_of_breakdowns(cli, region: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    result = cli("stats", region, "--on", DAY.isoformat(), "--format", "pdf", "--out", tmp_path / "offer.pdf")
    assert result.exit_code == 0, result.output
    assert len(PdfReader(tmp_path / "offer.pdf").pages) == 2

    def page(number: int) -> str:
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(tmp_path / "offer.pdf"), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return " ".join(text.split())

    assert "Dual-learning offer on 1 September 2026" in page(1)
    assert "The offer per province and per school year" in page(2) and "2026-2027" in page(2)


def test_pdf_needs_out_and_without_a_date_it_is_today(cli, samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trajectkit.dates

    assert cli("stats", samples, "--on", "2026-09-01", "--format", "pdf").exit_code == 2
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(trajectkit.dates, "today", lambda: dt.date(2026, 11, 3))
    result = cli("stats", samples)
    assert result.exit_code == 0 and "Dual-learning offer on 2026-11-03" in result.stdout


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-09-01", 6, "2027-03-01"),
        ("2026-08-31", 6, "2027-02-28"),
        ("2027-08-31", 6, "2028-02-29"),
        ("2026-12-15", 1, "2027-01-15"),
    ],
)
def test_months_later(day: str, months: int, expected: str) -> None:
    assert months_later(dt.date.fromisoformat(day), months) == dt.date.fromisoformat(expected)


def test_readme_section_commands_run(cli, tmp_path: Path, samples: Path) -> None:
    """The copy-paste examples of the README's matching and statistics section."""
    from readme_snippets import commands, section, snippets

    shutil.copytree(samples, tmp_path / "samples")
    found = [
        args
        for block in snippets(section("Match learners to workplaces, count the offer"))
        for args in commands(block.text)
    ]
    assert [args[0] for args in found] == ["match", "stats"]
    for args in found:
        result = cli(*args)
        assert result.exit_code == 0, result.output
    patch = yaml.safe_load((tmp_path / "placements.yaml").read_text(encoding="utf-8"))
    assert patch["placements"][0]["add"]["placements"][0]["workplace"] == "WP-0003"
    assert "<svg" in (tmp_path / "offer.html").read_text(encoding="utf-8")


def test_trajectory_ids_do_not_wrap_in_the_tables(cli, samples: Path, tmp_path: Path) -> None:
    result = cli("stats", samples, "--on", "2026-10-01", "--format", "html", "--out", tmp_path / "offer.html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "offer.html").read_text(encoding="utf-8")
    assert '<span class="muted nowrap">OT-00214</span>' in html  # "OT-" and "00214" on one line
    assert ".nowrap { white-space: nowrap; }" in html
