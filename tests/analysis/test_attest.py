"""`trajectkit attest`: one test per rung of the certificate ladder, plus profile, formats and refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

TRAJECTORY_FILE = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"
LEARNER = "L-2026-0002"  # no attained competences, no prior learning in the samples


@pytest.fixture
def catalogue(tmp_path: Path, samples: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(samples, target)
    return target


def clusters(catalogue: Path) -> dict[str, list[str]]:
    """The clusters of OT-00214 as written in its file."""
    data = yaml.safe_load((catalogue / TRAJECTORY_FILE).read_text())
    return {cluster["id"]: cluster["competences"] for cluster in data["clusters"]}


def give(catalogue: Path, attained: list[str], exempted: list[str] = ()) -> None:
    """Rewrite the learner's file with these attained and exempted competences."""
    path = catalogue / "learners" / f"{LEARNER}.yaml"
    data = yaml.safe_load(path.read_text())
    data["attained"] = [
        {"competence": ident, "date": f"2027-0{1 + index % 9}-15"} for index, ident in enumerate(attained)
    ]
    if exempted:
        data["prior_learning"] = [{"competence": ident, "evidence": "Attest"} for ident in exempted]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def attest(cli, catalogue: Path, *extra: str) -> dict:
    result = cli("attest", catalogue, "--learner", LEARNER, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def missing(certificate: dict) -> list[str]:
    return [item["competence"] for item in certificate["missing"]]


# --------------------------------------------------------------------------- the four rungs


def test_nothing_attained(cli, catalogue: Path) -> None:
    found = clusters(catalogue)
    data = attest(cli, catalogue)
    assert data["held"] == [] and data["highest"] is None and data["earned"] == []
    # the proof of competences needs "any one"; the next rung with a list is the partial qualification
    assert data["next_rung"] == "partial-qualification"
    assert [item["qualification"] for item in data["next"]] == ["BK-0130-5-DBK-01", "BK-0130-5-DBK-02"]
    assert missing(data["next"][0]) == found["CL1"] + found["CL2"]  # 13
    assert missing(data["next"][1]) == found["CL1"] + found["CL3"]  # 14
    text = cli("attest", catalogue, "--learner", LEARNER).output
    assert "Highest certificate: none yet" in text
    assert "proof of competences is earned as soon as one competence" in text
    assert "13 of 13 competences of this certificate's clusters missing" in text


def test_one_complete_partial_qualification(cli, catalogue: Path) -> None:
    found = clusters(catalogue)
    interior = found["CL1"] + found["CL2"]  # BK-0130-5-DBK-01 Binnenbepleistering
    # two of them through prior learning: exemptions count as held
    give(catalogue, interior[2:], exempted=interior[:2])
    data = attest(cli, catalogue)
    assert len(data["held"]) == 13 and sum(1 for item in data["held"] if item["how"] == "exempted") == 2
    assert data["highest"] == "partial-qualification"
    earned = [(item["type"], item["qualification"]) for item in data["earned"]]
    assert earned == [("partial-qualification", "BK-0130-5-DBK-01"), ("proof-of-competences", None)]
    proof = data["earned"][1]
    assert sorted(proof["held"]) == sorted(interior)
    # the other partial qualification is not earned: it lacks the dry-lining cluster
    other = next(item for item in data["certificates"] if item["qualification"] == "BK-0130-5-DBK-02")
    assert other["earned"] is False and missing(other) == found["CL3"]
    assert data["next_rung"] == "professional-qualification"
    (stukadoor,) = data["next"]
    assert stukadoor["qualification"] == "BK-0130-5" and stukadoor["required"] == 24
    assert missing(stukadoor) == found["CL3"] + found["CL4"]


def test_a_complete_professional_qualification(cli, catalogue: Path) -> None:
    found = clusters(catalogue)
    give(catalogue, found["CL1"] + found["CL2"] + found["CL3"] + found["CL4"])
    data = attest(cli, catalogue)
    assert data["highest"] == "professional-qualification"
    assert [item["type"] for item in data["earned"]] == [
        "professional-qualification",
        "partial-qualification",
        "partial-qualification",
        "proof-of-competences",
    ]
    assert data["next_rung"] == "educational-qualification"
    (diploma,) = data["next"]
    assert diploma["qualification"] == "OK-afwerking-bouw-duaal"
    assert missing(diploma) == found["CL5"] + found["CL6"]  # tegelzetter part and general education
    assert diploma["required"] == sum(len(members) for members in found.values())


def test_everything(cli, catalogue: Path) -> None:
    found = clusters(catalogue)
    give(catalogue, [ident for members in found.values() for ident in members])
    data = attest(cli, catalogue)
    assert data["highest"] == "educational-qualification"
    assert len(data["earned"]) == 5 and all(item["missing"] == [] for item in data["certificates"])
    assert data["next_rung"] is None and data["next"] == []
    text = cli("attest", catalogue, "--learner", LEARNER).output
    assert "Highest certificate: educational-qualification" in text
    assert "Next rung: none" in text


# --------------------------------------------------------------------------- ladder, samples, formats


def test_the_profile_ladder_decides_the_next_rung(cli, catalogue: Path, tmp_path: Path) -> None:
    from trajectkit.resources import profiles_dir

    profile = yaml.safe_load((profiles_dir() / "flanders.yaml").read_text())
    profile["id"] = "no-partials"
    profile["certificates"]["ladder"] = [
        "educational-qualification",
        "professional-qualification",
        "proof-of-competences",
    ]
    (tmp_path / "no-partials.yaml").write_text(yaml.safe_dump(profile, sort_keys=False, allow_unicode=True))
    found = clusters(catalogue)
    give(catalogue, found["CL1"] + found["CL2"])
    data = attest(cli, catalogue, "--profile", str(tmp_path / "no-partials.yaml"))
    # the partial qualification is still earned, but the ladder has no such rung
    assert data["ladder"] == profile["certificates"]["ladder"]
    assert data["highest"] == "proof-of-competences"
    assert data["next_rung"] == "professional-qualification"


def test_samples_learner_with_prior_learning(cli, samples: Path) -> None:
    result = cli("attest", samples, "--learner", "L-2026-0003", "--format", "json")
    data = json.loads(result.output)
    # 2 attained (0051283, 0051285) + 2 exempted (0051280, 0051284), all in cluster CL1
    assert [(item["competence"], item["how"]) for item in data["held"]] == [
        ("bkc0051280", "exempted"),
        ("bkc0051283", "attained"),
        ("bkc0051284", "exempted"),
        ("bkc0051285", "attained"),
    ]
    assert data["highest"] == "proof-of-competences"
    assert [len(item["missing"]) for item in data["next"]] == [13 - 4, 14 - 4]


def test_pdf_speaks_the_learners_language(cli, samples: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    english = tmp_path / "en.pdf"
    assert cli("attest", samples, "--learner", "L-2026-0004", "--format", "pdf", "--out", english).exit_code == 0
    text = "".join(page.extract_text() for page in PdfReader(english).pages)
    assert "Certificates earned" in text and "Next step" in text and "Dawit Tesfay" in text
    assert "exempted (prior learning)" in text  # bkc0051296


def test_pdf_needs_out(cli, samples: Path) -> None:
    result = cli("attest", samples, "--learner", "L-2026-0001", "--format", "pdf")
    assert result.exit_code == 2 and "--out" in result.output


# --------------------------------------------------------------------------- refusals


def test_refuses_an_incomplete_certificate(cli, catalogue: Path) -> None:
    path = catalogue / TRAJECTORY_FILE
    text = path.read_text()
    changed = text.replace(
        "competences: [bkc0051287, bkc0051288, bkc0051289, bkc0051290, bkc0051291]",
        "competences: [bkc0051287, bkc0051288, bkc0051289, bkc0051290]",
    )
    assert changed != text
    path.write_text(changed)
    result = cli("attest", catalogue, "--learner", LEARNER)
    assert result.exit_code == 1
    assert "[certificate-incomplete]" in result.output and "bkc0051291" in result.output


def test_refuses_an_unknown_attained_competence_but_not_another_learners_error(cli, catalogue: Path) -> None:
    other = catalogue / "learners/L-2026-0005.yaml"
    other.write_text(other.read_text().replace("trajectory: OT-00214", "trajectory: OT-99999"))
    assert cli("attest", catalogue, "--learner", LEARNER).exit_code == 0
    give(catalogue, ["bkc0051279", "bkc9999999"])
    result = cli("attest", catalogue, "--learner", LEARNER)
    assert result.exit_code == 1
    assert "[unresolved-reference]" in result.output and "bkc9999999" in result.output
    assert "OT-99999" not in result.output


def test_unknown_learner_is_a_usage_error(cli, samples: Path) -> None:
    result = cli("attest", samples, "--learner", "L-2026-0009")
    assert result.exit_code == 2 and "no learner 'L-2026-0009'" in result.output


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "nl",
            (
                "ATTEST DUAAL LEREN",
                "P-GO-TA-GENT",
                "Yusuf Demir L-2026-0001 · geboren op 12 maart 2010",
                "Uitgereikt door",
                "GO! Technisch Atheneum Gent · trajectbegeleider Els Van Acker",
                "Datum van uitreiking 2 december 2026",
                "Behaalde kwalificatiebewijzen • Bewijs van competenties",
                "Ondertekend op 2 december 2026.",
                "Voor de school",
                "De lerende",
                "Naam: Els Van Acker",
                "Naam: Yusuf Demir",
                "Handtekening Handtekening",
            ),
        ),
        (
            "en",
            (
                "ATTEST OF DUAL LEARNING",
                "P-GO-TA-GENT",
                "Yusuf Demir L-2026-0001 · born on 12 March 2010",
                "Issued by",
                "GO! Technisch Atheneum Gent · trajectory coach Els Van Acker",
                "Date of issue 2 December 2026",
                "Certificates earned • Proof of competences",
                "Signed on 2 December 2026.",
                "For the school",
                "The learner",
                "Name: Els Van Acker",
                "Name: Yusuf Demir",
                "Signature Signature",
            ),
        ),
    ],
)
def test_the_attest_is_a_document_to_hand_over(cli, samples: Path, tmp_path: Path, language: str, words) -> None:
    from plan_support import pdf_text

    target = tmp_path / f"attest-{language}.pdf"
    args = ("attest", samples, "--learner", "L-2026-0001", "--format", "pdf", "--on", "2026-12-02")
    result = cli(*args, "--lang", language, "-o", target)
    assert result.exit_code == 0, result.output
    text = pdf_text(target)
    for expected in words:
        assert expected in text, (expected, text)


def test_the_attest_without_on_is_issued_today(cli, samples: Path, tmp_path: Path) -> None:
    result = cli("attest", samples, "--learner", "L-2026-0001", "--format", "pdf", "-o", tmp_path / "a.pdf")
    assert result.exit_code == 0 and "today (give --on YYYY-MM-DD for another date)" in result.output


# --------------------------------------------------------------------------- the effective trajectory


def by_place(cli, catalogue: Path, learner: str) -> dict[str, dict]:
    result = cli("attest", catalogue, "--learner", learner, "--format", "json")
    assert result.exit_code == 0, result.output
    return {item["qualification"]: item for item in json.loads(result.output)["next"]}


def test_missing_competences_are_placed_on_the_learners_effective_trajectory(cli, catalogue: Path) -> None:
    """L-2028-0002's adjustment moves gipsblokken (bkc0051300, cluster CL3) from school and
    workplace to school and training centre: the droogbouw certificate (CL1, CL3) still
    misses it, now one less at the workplace and one more at the training centre."""
    standard = by_place(cli, catalogue, LEARNER)["BK-0130-5-DBK-02"]
    adjusted = by_place(cli, catalogue, "L-2028-0002")["BK-0130-5-DBK-02"]
    gips = {item["competence"]: item["at"] for item in adjusted["missing"]}["bkc0051300"]
    assert gips == ["school", "opleidingscentrum"]
    assert standard["missing_by_place"] == {"school": 13, "werkplek": 14, "opleidingscentrum": 5}
    assert adjusted["missing_by_place"] == {"school": 13, "werkplek": 13, "opleidingscentrum": 6}
    text = cli("attest", catalogue, "--learner", "L-2028-0002").output
    assert "    bkc0051300 Plaatst gipsblokken (CL3; at school, opleidingscentrum)" in text.splitlines()
    assert "    to learn: 13 at school, 13 at werkplek, 6 at opleidingscentrum" in text.splitlines()
