"""`trajectkit scenario`: who loses a workplace or a learning place, and where they can go."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from pathlib import Path

import pytest
import yaml

TRAJECTORY_FILE = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"
ON = "2026-10-01"
HOME_L1 = (51.0590, 3.7520)  # Sint-Amandsberg
SITE_WP14 = (51.0380, 3.7100)  # Gent


def workplace(
    ident: str,
    postcode: str,
    municipality: str,
    capacity: int = 2,
    *,
    valid_until: str = "2030-08-31",
    cannot_offer: list[str] | None = None,
    coordinates: tuple[float, float] | None = None,
) -> str:
    site = {"street": "Straat 1", "postcode": postcode, "municipality": municipality}
    if coordinates:
        site["coordinates"] = list(coordinates)
    data = {
        "kind": "Workplace",
        "id": ident,
        "name": f"Bedrijf {ident}",
        "site": site,
        "recognitions": [
            {"trajectory": "OT-00214", "valid_from": "2024-09-01", "valid_until": valid_until, "capacity": capacity}
        ],
        "mentors": [
            {
                "id": "M-1",
                "name": "Mentor",
                "birth_date": "1970-01-01",
                "experience_years": 20,
                "training_completed": "2024-10-01",
            }
        ],
    }
    if cannot_offer:
        data["cannot_offer"] = cannot_offer
    return yaml.safe_dump(data, sort_keys=False)


def learner(ident: str, workplace_id: str, start: str, end: str) -> str:
    return yaml.safe_dump(
        {
            "kind": "Learner",
            "id": ident,
            "name": f"Lerende {ident}",
            "birth_date": "2009-01-01",
            "trajectory": "OT-00214",
            "start": start,
            "end": end,
            "workplace": workplace_id,
            "mentor": "M-1" if workplace_id != "WP-0001" else "M-01",
            "agreement": "OAO",
        },
        sort_keys=False,
    )


@pytest.fixture
def region(tmp_path: Path, samples: Path) -> Path:
    """The samples plus workplaces around Gent, one competence taught only at the workplace,
    a learner who has finished and one who has not started yet."""
    root = tmp_path / "region"
    shutil.copytree(samples, root)
    path = root / TRAJECTORY_FILE
    text = path.read_text()
    old = "  - competence: bkc0051297    # Isolatie in droogbouwsystemen\n    at: [school, werkplek]\n"
    assert old in text
    path.write_text(
        text.replace(old, "  - competence: bkc0051297    # Isolatie in droogbouwsystemen\n    at: [werkplek]\n")
    )
    home = root / "learners/L-2026-0001.yaml"
    home.write_text(
        home.read_text().replace(
            'home: {postcode: "9040", municipality: Sint-Amandsberg}',
            f'home: {{postcode: "9040", municipality: Sint-Amandsberg, coordinates: [{HOME_L1[0]}, {HOME_L1[1]}]}}',
        )
        + "  - competence: bkc0051297\n    date: 2026-09-25\n"
    )
    extra = root / "extra"
    extra.mkdir()
    (extra / "WP-0010.yaml").write_text(workplace("WP-0010", "9820", "Merelbeke", 1))
    (extra / "WP-0011.yaml").write_text(workplace("WP-0011", "2000", "Antwerpen", 3))
    (extra / "WP-0012.yaml").write_text(workplace("WP-0012", "9000", "Gent", 2, valid_until="2026-06-30"))
    (extra / "WP-0013.yaml").write_text(workplace("WP-0013", "9050", "Gentbrugge", 2, cannot_offer=["bkc0051297"]))
    (extra / "WP-0014.yaml").write_text(workplace("WP-0014", "9000", "Gent", 2, coordinates=SITE_WP14))
    (extra / "WP-0015.yaml").write_text(workplace("WP-0015", "9000", "Gent", 1))
    (extra / "L-9001.yaml").write_text(
        learner("L-9001", "WP-0011", "2024-09-01", "2026-06-30")
    )  # finished: frees WP-0011
    (extra / "L-9002.yaml").write_text(learner("L-9002", "WP-0015", "2026-09-01", "2028-06-30"))  # fills WP-0015
    (extra / "L-9003.yaml").write_text(learner("L-9003", "WP-0010", "2027-09-01", "2029-06-30"))  # not started yet
    (extra / "L-9004.yaml").write_text(learner("L-9004", "WP-0001", "2024-09-01", "2026-06-30"))  # left WP-0001 before
    return root


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = (math.radians(value) for value in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def scenario(cli, *args: str | Path) -> tuple[int, dict]:
    result = cli("scenario", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


# --------------------------------------------------------------------------- --without WORKPLACE


def test_alternatives_are_recognised_free_able_and_closest_first(cli, region: Path) -> None:
    code, data = scenario(cli, region, "--without", "WP-0001", "--on", ON)
    assert code == 0 and data["on"] == ON
    # L-9004 also was at WP-0001, but left before the date
    assert [item["learner"] for item in data["learners"]] == ["L-2026-0001", "L-2026-0002"]
    first, second = data["learners"]

    # L-2026-0001 has coordinates: WP-0014 (coordinates) first; then Oost-Vlaanderen by id; then elsewhere by id.
    # WP-0013 cannot offer bkc0051297 (now taught only at the workplace), but this learner attained it already.
    assert [item["workplace"] for item in first["alternatives"]] == [
        "WP-0014",
        "WP-0010",
        "WP-0013",
        "WP-0003",
        "WP-0011",
    ]
    assert [item["nearness"] for item in first["alternatives"]] == [
        "coordinates",
        "province",
        "province",
        "elsewhere",
        "elsewhere",
    ]
    assert first["alternatives"][0]["distance_km"] == pytest.approx(haversine(HOME_L1, SITE_WP14), abs=0.1)
    # WP-0003 has one of two places taken (L-2026-0004); WP-0011's learner finished; WP-0010's has not started
    free = {item["workplace"]: (item["taken"], item["free"]) for item in first["alternatives"]}
    assert free == {"WP-0014": (0, 2), "WP-0010": (0, 1), "WP-0013": (0, 2), "WP-0003": (1, 1), "WP-0011": (0, 3)}
    assert {item["workplace"] for item in first["rejected"]} == {"WP-0002", "WP-0012", "WP-0015"}

    # L-2026-0002 lives in Merelbeke (no coordinates): WP-0010 in the same municipality first
    assert [item["workplace"] for item in second["alternatives"]] == ["WP-0010", "WP-0014", "WP-0003", "WP-0011"]
    assert [item["nearness"] for item in second["alternatives"]] == [
        "municipality",
        "province",
        "elsewhere",
        "elsewhere",
    ]
    reasons = {item["workplace"]: item["reason"] for item in second["rejected"]}
    assert set(reasons) == {"WP-0002", "WP-0012", "WP-0013", "WP-0015"}
    assert reasons["WP-0002"] == "no free place (1 of 1 taken)"
    assert reasons["WP-0015"] == "no free place (1 of 1 taken)"
    assert reasons["WP-0012"] == f"no recognition for OT-00214 valid on {ON}"
    assert reasons["WP-0013"].startswith("cannot offer bkc0051297")


def test_the_date_decides_who_is_active_and_what_is_free(cli, region: Path) -> None:
    # on 2027-09-15 L-9003 has started at WP-0010 (capacity 1): WP-0010 is full
    _, data = scenario(cli, region, "--without", "WP-0001", "--on", "2027-09-15")
    alternatives = [item["workplace"] for item in data["learners"][1]["alternatives"]]
    assert "WP-0010" not in alternatives and "WP-0014" in alternatives
    # on 2026-05-01 L-9004 is still at WP-0001, the expired WP-0012 is still recognised
    _, early = scenario(cli, region, "--without", "WP-0001", "--on", "2026-05-01")
    assert "L-9004" in [item["learner"] for item in early["learners"]]
    assert "WP-0012" in [item["workplace"] for item in early["learners"][0]["alternatives"]]


def test_no_alternative_exits_1(cli, samples: Path) -> None:
    # WP-0001 and WP-0002 are full: the learner of WP-0003 has nowhere to go
    code, data = scenario(cli, samples, "--without", "WP-0003", "--on", ON)
    assert code == 1 and data["unsolved"] is True
    (only,) = data["learners"]
    assert only["learner"] == "L-2026-0004" and only["alternatives"] == []
    assert [item["reason"] for item in only["rejected"]] == [
        "no free place (2 of 2 taken)",
        "no free place (1 of 1 taken)",
    ]
    text = cli("scenario", samples, "--without", "WP-0003", "--on", ON).output
    assert "no other recognised workplace with a free place" in text


def test_learners_who_compete_for_one_place_are_placed_together(cli, samples: Path) -> None:
    """Three learners lose their workplace and one free place remains: one is re-placed,
    two are left, and the answer says so (exit 1) instead of showing each the same place."""
    code, data = scenario(cli, samples, "--without", "WP-0001", "--without", "WP-0002", "--on", "2026-10-01")
    assert [item["learner"] for item in data["learners"]] == ["L-2026-0001", "L-2026-0002", "L-2026-0003"]
    assert all([alt["workplace"] for alt in item["alternatives"]] == ["WP-0003"] for item in data["learners"])
    replacement = data["replacement"]
    assert (replacement["affected"], replacement["placed"], replacement["left"]) == (3, 1, 2)
    [placed] = replacement["placements"]
    assert placed["workplace"] == "WP-0003"
    left = {item["learner"] for item in replacement["left_without_place"]}
    assert left == {"L-2026-0001", "L-2026-0002", "L-2026-0003"} - {placed["learner"]}
    assert all(item["reason"] == "full" for item in replacement["left_without_place"])
    assert code == 1 and data["unsolved"] is True
    text = cli("scenario", samples, "--without", "WP-0001", "--without", "WP-0002", "--on", "2026-10-01").output
    assert "1 of 3 can go elsewhere" in text and "Left without a place (2):" in text


def test_everyone_re_placed_exits_0(cli, samples: Path) -> None:
    code, data = scenario(cli, samples, "--without", "WP-0002", "--on", "2026-10-01")
    assert data["replacement"]["placed"] == data["replacement"]["affected"] == 1
    assert code == 0 and data["unsolved"] is False


# --------------------------------------------------------------------------- --without-place


def test_competences_that_lose_their_only_learning_place(cli, region: Path) -> None:
    path = region / TRAJECTORY_FILE
    data = yaml.safe_load(path.read_text())
    for allocation in data["allocations"]:
        if allocation["competence"] in ("bkc0060006", "bkc0060010"):
            allocation["at"] = ["opleidingscentrum"]
        if allocation["competence"] == "bkc0060008":
            allocation["assessed_by"] = ["opleidingscentrum"]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    holder = region / "learners/L-2026-0003.yaml"
    holder.write_text(
        holder.read_text()
        + "  - competence: bkc0060006\n    date: 2026-09-20\n  - competence: bkc0060010\n    date: 2026-09-21\n"
    )
    code, answer = scenario(cli, region, "--without-place", "opleidingscentrum", "--on", ON)
    assert code == 1
    (loss,) = answer["places"]
    assert loss["trajectory"] == "OT-00214" and loss["hours_per_week"] == 2
    assert [item["competence"] for item in loss["orphaned"]] == ["bkc0060006", "bkc0060010"]
    assert [item["competence"] for item in loss["assessed_only_there"]] == ["bkc0060008"]
    # every learner of OT-00214 active on the date, except L-2026-0003 who holds both
    needs = {item["learner"]: item["competences"] for item in loss["learners"]}
    assert set(needs) == {"L-2026-0001", "L-2026-0002", "L-2026-0004", "L-2026-0005", "L-9002"}
    assert all(value == ["bkc0060006", "bkc0060010"] for value in needs.values())


def test_a_place_that_teaches_nothing_alone(cli, samples: Path) -> None:
    code, data = scenario(cli, samples, "--without-place", "opleidingscentrum", "--on", ON)
    assert code == 0
    assert data["places"][0]["orphaned"] == [] and data["places"][0]["learners"] == []
    assert data["places"][0]["hours_no_longer_fit"] == []  # 2 h/week less: 34 of 28-38, still 22 at the workplace


def test_without_its_only_workplace_an_oao_trajectory_no_longer_holds(cli, samples: Path) -> None:
    """Every competence is also learned at school, but an OAO needs 20 h a week at a
    workplace and the week then has 14 hours: both bounds of the profile are named."""
    code, data = scenario(cli, samples, "--without-place", "werkplek", "--on", ON)
    (loss,) = data["places"]
    assert loss["orphaned"] == []
    assert loss["hours_no_longer_fit"] == [
        {"bound": "agreement", "agreement": "OAO", "requirement": "at least 20", "hours": 0.0},
        {"bound": "weekly", "agreement": "OAO", "requirement": "at least 28 and at most 38", "hours": 14.0},
    ]
    assert code == 1 and data["unsolved"] is True
    text = cli("scenario", samples, "--without-place", "werkplek", "--on", ON).output
    assert "the OAO no longer holds: it needs at least 20 hours a week at the workplace, 0 are left" in text


def test_a_lost_place_is_measured_on_each_learners_effective_trajectory(cli, samples: Path, tmp_path: Path) -> None:
    """Nothing is taught at the training centre alone in the standard trajectory; L-2028-0002's
    adjustment sends gipsblokken (bkc0051300) there alone, so losing the centre leaves her,
    and only her, one competence short. Losing her workplace WP-0003, WP-0002 (which
    cannot offer gipsblokken) is not ruled out for her when the trajectory teaches it only
    at the workplace, since her adjustment takes it away from the workplace."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(samples, catalogue)
    hanne = catalogue / "learners" / "L-2028-0002.yaml"
    text = hanne.read_text(encoding="utf-8")
    assert text.count("    at: [school, opleidingscentrum]") == 1
    hanne.write_text(
        text.replace("    at: [school, opleidingscentrum]", "    at: [opleidingscentrum]"), encoding="utf-8"
    )
    code, data = scenario(cli, catalogue, "--without-place", "opleidingscentrum", "--on", "2028-10-01")
    (loss,) = data["places"]
    assert loss["orphaned"] == []  # the standard trajectory loses nothing
    assert {item["learner"]: item["competences"] for item in loss["learners"]} == {"L-2028-0002": ["bkc0051300"]}
    assert code == 1

    smet = catalogue / "workplaces" / "WP-0002-bouwafwerking-de-smet.yaml"  # recognised again from 2028-09-01
    text = smet.read_text(encoding="utf-8")
    assert text.count("    capacity: 1\n") == 1
    renewed = (
        "    capacity: 1\n  - {trajectory: OT-00214, valid_from: 2028-09-01, valid_until: 2033-08-31, capacity: 1}\n"
    )
    smet.write_text(text.replace("    capacity: 1\n", renewed), encoding="utf-8")
    path = catalogue / TRAJECTORY_FILE
    old = "  - competence: bkc0051300    # Gipsblokken (also taught at school: not every company places them)\n    at: [school, werkplek]\n"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, "  - competence: bkc0051300\n    at: [werkplek]\n"), encoding="utf-8")
    code, data = scenario(cli, catalogue, "--without", "WP-0003", "--on", "2028-10-01")
    (adjusted,) = [item for item in data["learners"] if item["learner"] == "L-2028-0002"]
    assert "WP-0002" in [item["workplace"] for item in adjusted["alternatives"]]
    # without her adjustment she follows the standard trajectory, and WP-0002 cannot take her
    text = hanne.read_text(encoding="utf-8")
    hanne.write_text(text[: text.index("adjustments:")], encoding="utf-8")
    code, data = scenario(cli, catalogue, "--without", "WP-0003", "--on", "2028-10-01")
    (standard,) = [item for item in data["learners"] if item["learner"] == "L-2028-0002"]
    rejected = {item["workplace"]: item["reason"] for item in standard["rejected"]}
    assert "cannot offer bkc0051300" in rejected["WP-0002"]


# --------------------------------------------------------------------------- dates, usage, refusals


def test_reference_date_from_config_or_source_date_epoch(
    cli, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trajectkit.dates

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(trajectkit.dates, "today", lambda: dt.date(2026, 11, 3))
    assert scenario(cli, samples, "--without", "WP-0002")[1]["on"] == "2026-11-03"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21 UTC
    assert scenario(cli, samples, "--without", "WP-0002")[1]["on"] == "2026-09-21"
    (tmp_path / "trajectkit.yaml").write_text("today: 2027-02-01\n")
    assert scenario(cli, samples, "--without", "WP-0002")[1]["on"] == "2027-02-01"
    assert scenario(cli, samples, "--without", "WP-0002", "--on", "2026-12-24")[1]["on"] == "2026-12-24"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--without", "WP-0009"), "no workplace 'WP-0009'"),
        (("--without-place", "centrum"), "no learning place 'centrum'"),
        ((), "say what falls away"),
        (("--without", "WP-0001", "--on", "2026-13-01"), "2026-13-01"),
    ],
)
def test_usage_errors(cli, samples: Path, args: tuple[str, ...], message: str) -> None:
    result = cli("scenario", samples, *args, "--on", ON) if "--on" not in args else cli("scenario", samples, *args)
    assert result.exit_code == 2 and message in result.output


def test_refuses_a_broken_workplace(cli, region: Path) -> None:
    broken = region / "extra/WP-0011.yaml"
    broken.write_text(broken.read_text().replace("capacity: 3", "capacity: drie"))
    result = cli("scenario", region, "--without", "WP-0001", "--on", ON)
    assert result.exit_code == 1
    assert "WP-0011.yaml" in result.output and "[schema]" in result.output


def test_refuses_an_unreadable_file(cli, region: Path) -> None:
    # it may hold a learner placed at an alternative workplace: the free places would be wrong
    (region / "extra/L-9005.yaml").write_text("kind: Learner\nid: L-9005\nworkplace: [WP-0014\n")
    result = cli("scenario", region, "--without", "WP-0001", "--on", ON)
    assert result.exit_code == 1 and "L-9005.yaml" in result.output and "[yaml-syntax]" in result.output


def test_text_output(cli, region: Path, tmp_path: Path) -> None:
    target = tmp_path / "scenario.txt"
    assert cli("scenario", region, "--without", "WP-0001", "--on", ON, "--out", target).exit_code == 0
    text = target.read_text()
    assert text.startswith(f"Scenario: without workplace WP-0001, on {ON}")
    first = text.split("L-2026-0002")[0]
    assert first.index("-> WP-0014") < first.index("-> WP-0010") < first.index("-> WP-0003")
