"""``attest --format elm`` and ``export --format elm``: a Europass credential and ELM
qualifications that validate against the European Commission's EDC schema."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from standards_support import SAMPLES, add_graduate, copy_samples, edc_validator, errors, qualification_validator

ISSUED = "2027-06-30"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    folder = copy_samples(tmp_path / "catalogue")
    add_graduate(folder)
    return folder


def credential(cli, catalogue: Path, learner: str = "L-2026-0099", *args: str) -> dict[str, Any]:
    result = cli("attest", catalogue, "--learner", learner, "--format", "elm", "--on", ISSUED, *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def image(document: dict[str, Any]) -> str:
    detail = document["displayParameter"]["individualDisplay"][0]["displayDetail"][0]
    return base64.b64decode(detail["image"]["content"]).decode("utf-8")


@pytest.mark.parametrize(
    "learner", ["L-2026-0001", "L-2026-0002", "L-2026-0003", "L-2026-0004", "L-2026-0005", "L-2026-0099"]
)
def test_every_learners_credential_validates_against_the_edc_schema(cli, catalogue: Path, learner: str) -> None:
    assert errors(edc_validator(), credential(cli, catalogue, learner)) == []


def test_the_credential_carries_issuer_learner_certificates_outcomes_and_date(cli, catalogue: Path) -> None:
    document = credential(cli, catalogue)
    assert document["type"] == ["VerifiableCredential", "VerifiableAttestation", "EuropeanDigitalCredential"]
    assert document["issuer"]["legalName"] == {"nl": "Centrum voor Duaal Leren Gent"}
    assert document["issuer"]["location"][0]["address"][0]["countryCode"]["id"].endswith("/country/BEL")
    subject = document["credentialSubject"]
    assert subject["fullName"] == {"nl": "Lotte Vermeulen"} and subject["identifier"]["notation"] == "L-2026-0099"
    assert document["issued"] == document["validFrom"] == "2027-06-30T00:00:00Z"
    earned = {
        claim["specifiedBy"]["identifier"]["notation"]: claim
        for claim in subject["hasClaim"]
        if "identifier" in claim["specifiedBy"]
    }
    assert sorted(earned) == ["BK-0130-5", "BK-0130-5-DBK-01", "BK-0130-5-DBK-02"]
    whole = earned["BK-0130-5"]
    assert whole["title"] == {"nl": "Stukadoor"}
    assert whole["description"] == {"nl": "Bewijs van beroepskwalificatie"}
    assert whole["awardedBy"]["awardingDate"] == "2027-05-28T00:00:00Z"  # the last competence attained
    assert whole["awardedBy"]["awardingBody"] == [document["issuer"]]
    outcomes = [outcome["identifier"]["notation"] for outcome in whole["specifiedBy"]["learningOutcome"]]
    assert len(outcomes) == 24 and outcomes[0] == "bkc0051279"
    assert (
        "Attest teamwerking, 2025" in whole["additionalNote"][0]["noteLiteral"]["nl"]
    )  # the exemption, with its evidence
    assert earned["BK-0130-5-DBK-01"]["specifiedBy"]["isPartialQualification"] is True
    proof = next(
        claim for claim in subject["hasClaim"] if claim["specifiedBy"]["type"] == "LearningAchievementSpecification"
    )
    assert proof["title"] == {"nl": "Bewijs van competenties"}
    assert len(proof["specifiedBy"]["learningOutcome"]) == 24


def test_the_credential_says_it_is_unsigned_in_its_data_and_its_image(cli, catalogue: Path) -> None:
    document = credential(cli, catalogue)
    assert "proof" not in document
    assert "niet ondertekend" in document["displayParameter"]["description"]["nl"]
    svg = image(document)
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert (
        "niet ondertekend" in svg
        and "Lotte Vermeulen" in svg
        and "Centrum voor Duaal Leren Gent" in svg
        and "Stukadoor" in svg
    )


def test_an_english_speaking_learner_gets_the_words_in_english(cli, catalogue: Path) -> None:
    document = credential(cli, catalogue, "L-2026-0004")
    assert "not signed" in document["displayParameter"]["description"]["en"]
    assert document["displayParameter"]["primaryLanguage"]["id"].endswith("/language/ENG")


def test_same_input_same_bytes_and_the_date_today_only_when_none_is_given(
    cli, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cli("attest", catalogue, "--learner", "L-2026-0099", "--format", "elm", "--on", ISSUED)
    second = cli("attest", catalogue, "--learner", "L-2026-0099", "--format", "elm", "--on", ISSUED)
    assert first.output == second.output
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    import datetime as dt

    import trajectkit.dates

    monkeypatch.setattr(trajectkit.dates, "today", lambda: dt.date(2027, 6, 30))
    undated = cli("attest", catalogue, "--learner", "L-2026-0099", "--format", "elm")
    assert undated.exit_code == 0 and "on 2027-06-30, today (give --on YYYY-MM-DD" in undated.stderr
    assert undated.stdout == first.output  # ISSUED is 2027-06-30 too
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1814313600")  # 2027-06-30
    assert cli("attest", catalogue, "--learner", "L-2026-0099", "--format", "elm").output == first.output


def test_the_credentials_qualifications_are_those_the_catalogue_publishes(cli, catalogue: Path) -> None:
    document = credential(cli, catalogue)
    published = cli("export", catalogue, "--format", "elm", "--on", ISSUED)
    assert published.exit_code == 0, published.output
    graph = {node["id"]: node for node in json.loads(published.output)["@graph"]}
    for claim in document["credentialSubject"]["hasClaim"]:
        specification = claim["specifiedBy"]
        if specification["type"] == "Qualification":
            assert graph[specification["id"]] == specification


def test_exported_qualifications_validate_as_elm_qualifications(cli) -> None:
    result = cli("export", SAMPLES, "--format", "elm", "--on", ISSUED, "-o", "elm.json")
    assert result.exit_code == 0, result.output
    document = json.loads(Path("elm.json").read_text(encoding="utf-8"))
    assert document["@context"] == ["http://data.europa.eu/snb/model/context/edc-ap"]
    names = sorted(node["identifier"]["notation"] for node in document["@graph"])
    assert names == ["BK-0130-5", "BK-0130-5-DBK-01", "BK-0130-5-DBK-02", "BK-0168-3", "OK-afwerking-bouw-duaal"]
    for node in document["@graph"]:
        assert errors(qualification_validator(), node) == []
    education = next(node for node in document["@graph"] if node["identifier"]["notation"] == "OK-afwerking-bouw-duaal")
    assert education["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/3"
    assert [part["title"] for part in education["hasPart"]] == [{"nl": "Stukadoor"}]


def test_elm_identifiers_are_the_case_identifiers(cli) -> None:
    elm = json.loads(cli("export", SAMPLES, "--format", "elm", "--id", "BK-0130-5", "--on", ISSUED).output)
    case = json.loads(cli("export", SAMPLES, "--format", "case", "--id", "BK-0130-5", "--on", ISSUED).output)
    assert elm["@graph"][0]["id"] == f"urn:uuid:{case['CFDocument']['identifier']}"
    outcome = elm["@graph"][0]["learningOutcome"][0]
    item = next(item for item in case["CFItems"] if item.get("humanCodingScheme") == outcome["identifier"]["notation"])
    assert outcome["id"] == f"urn:uuid:{item['identifier']}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--format", "elm", "--id", "OT-00214"], "is a standard trajectory; ELM describes qualifications"),
        (
            ["export", "--format", "elm", "--profile", "netherlands-bbl", "--id", "nope"],
            "no qualification or trajectory 'nope'",
        ),
    ],
)
def test_what_elm_cannot_describe_is_a_usage_error(cli, args: list[str], message: str) -> None:
    result = cli(args[0], SAMPLES, *args[1:], "--on", ISSUED)
    assert result.exit_code == 2 and message in result.output


def test_a_profile_without_a_country_or_a_learner_without_a_school_cannot_have_a_credential(
    cli, catalogue: Path
) -> None:
    profile = catalogue / "germany.yaml"
    profile.write_text("kind: Profile\nid: germany\ntitle: Duale Ausbildung\nthresholds: {}\n", encoding="utf-8")
    result = cli(
        "attest",
        catalogue / "learners",
        catalogue / "trajectories",
        catalogue / "qualifications",
        "--learner",
        "L-2026-0099",
        "--format",
        "elm",
        "--on",
        ISSUED,
        "--profile",
        profile,
    )
    assert result.exit_code == 2 and "profile 'germany' names no country and language" in result.output
    learner = catalogue / "learners" / "L-2026-0099.yaml"
    learner.write_text(
        learner.read_text(encoding="utf-8").replace("school:\n  name: Centrum voor Duaal Leren Gent\n", ""),
        encoding="utf-8",
    )
    assert "school" not in learner.read_text(encoding="utf-8")
    result = cli(
        "attest", catalogue, "--learner", "L-2026-0099", "--format", "elm", "--on", ISSUED, "-o", "credential.json"
    )
    assert result.exit_code == 2 and "names no school" in result.output
    assert not Path("credential.json").exists()


def test_installed_command_writes_the_credential(tmp_path: Path, catalogue: Path) -> None:
    out = tmp_path / "credential.jsonld"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "trajectkit",
            "attest",
            str(catalogue),
            "--learner",
            "L-2026-0099",
            "--format",
            "elm",
            "--on",
            ISSUED,
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert errors(edc_validator(), json.loads(out.read_text(encoding="utf-8"))) == []
