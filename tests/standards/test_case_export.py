"""``trajectkit export --format case``: CASE 1.1 packages that the official schema and
OpenSALT's importer accept, with identifiers that do not move."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml
from standards_support import SAMPLES, case_validator, copy_samples, errors, opensalt_validator

ON = "2026-09-01"


def export(cli, *args: str | Path) -> list[dict]:
    result = cli("export", *args, "--format", "case", "--on", ON, "-o", "case.json")
    assert result.exit_code == 0, result.output
    return json.loads(Path("case.json").read_text(encoding="utf-8"))


def by_kind(packages: list[dict]) -> dict[str, dict]:
    return {package["CFDocument"]["extensions"]["trajectkit"]["id"]: package for package in packages}


def test_every_package_of_the_samples_validates_against_the_official_case_schema(cli) -> None:
    packages = export(cli, SAMPLES)
    assert sorted(by_kind(packages)) == ["BK-0130-5", "BK-0168-3", "OK-afwerking-bouw-duaal", "OT-00214"]
    for package in packages:
        assert errors(case_validator(), package) == []
        assert package["CFDocument"]["caseVersion"] == "1.1"


def test_opensalt_would_import_every_package(cli) -> None:
    """What OpenSALT's importer (``core/src/Service/CaseImport.php`` and the transformers
    in ``core/src/DataTransformer/CaseJson/``) requires of an uploaded file:

    - it validates against ``core/config/schema/case-v1p0-cfpackage-schema.json`` (kept
      in tests/data/standards): so no ``targetType`` in origin and destination links,
      whose schema allows no other keys, and only the association types it lists;
    - the serializer reads every ``identifier`` as a UUID, ``lastChangeDateTime`` as a
      date and time, ``conceptKeywords`` as a list;
    - associations find their nodes by the lower-case identifier among the package's
      items, then its document, then what is already stored, else keep the URI;
    - an item or association already stored under another document stops the import
      ("Cannot change the document of an item"): no identifier may be in two packages.
    """
    packages = export(cli, SAMPLES)
    owners: dict[str, str] = {}
    known = {package["CFDocument"]["identifier"] for package in packages}
    known |= {item["identifier"] for package in packages for item in package["CFItems"]}
    for package in packages:
        title = package["CFDocument"]["title"]
        assert errors(opensalt_validator(), package) == []
        own = {package["CFDocument"]["identifier"], *(item["identifier"] for item in package["CFItems"])}
        for entry in [package["CFDocument"], *package["CFItems"], *package["CFAssociations"]]:
            assert str(uuid.UUID(entry["identifier"])) == entry["identifier"]  # lower case, as looked up
            assert owners.setdefault(entry["identifier"], title) == title
        for association in package["CFAssociations"]:
            for side in ("originNodeURI", "destinationNodeURI"):
                link = association[side]
                assert set(link) == {"title", "identifier", "uri"}
                # in this package, or in another package of the same export
                assert link["identifier"] in own or link["identifier"] in known


def test_a_professional_qualification_is_a_tree_of_competences_with_its_partial_qualifications(cli) -> None:
    package = by_kind(export(cli, SAMPLES))["BK-0130-5"]
    items = {item["identifier"]: item for item in package["CFItems"]}
    document = package["CFDocument"]["identifier"]
    top = sorted(
        (a["sequenceNumber"], items[a["originNodeURI"]["identifier"]])
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf" and a["destinationNodeURI"]["identifier"] == document
    )
    competences = [item["humanCodingScheme"] for _, item in top if item["CFItemType"] == "Competence"]
    assert competences[:3] == ["bkc0051279", "bkc0051280", "bkc0051281"] and len(competences) == 24
    assert [item["humanCodingScheme"] for _, item in top if item["CFItemType"] == "Partial qualification"] == [
        "BK-0130-5-DBK-01",
        "BK-0130-5-DBK-02",
    ]
    part = next(item for _, item in top if item["humanCodingScheme"] == "BK-0130-5-DBK-01")
    members = [
        items[a["originNodeURI"]["identifier"]]["humanCodingScheme"]
        for a in package["CFAssociations"]
        if a["associationType"] == "isPartOf" and a["destinationNodeURI"]["identifier"] == part["identifier"]
    ]
    assert members[0] == "bkc0051279" and len(members) == 13
    knowledge = [item["fullStatement"] for item in package["CFItems"] if item["CFItemType"] == "Knowledge"]
    assert "Communicatietechnieken" in knowledge


def test_a_trajectory_has_its_clusters_and_its_prerequisites_as_precedes(cli) -> None:
    packages = by_kind(export(cli, SAMPLES))
    trajectory, stukadoor = packages["OT-00214"], packages["BK-0130-5"]
    competence = {
        item["humanCodingScheme"]: item["identifier"]
        for ident in ("BK-0130-5", "BK-0168-3")
        for item in packages[ident]["CFItems"]
        if "humanCodingScheme" in item
    }
    clusters = [item["humanCodingScheme"] for item in trajectory["CFItems"] if item["CFItemType"] == "Cluster"]
    assert clusters == ["CL1", "CL2", "CL3", "CL4", "CL5", "CL6"]
    precedes = {
        (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"])
        for a in trajectory["CFAssociations"]
        if a["associationType"] == "precedes"
    }
    source = yaml.safe_load(
        (SAMPLES / "trajectories" / "OT-00214-afwerking-bouw-duaal.yaml").read_text(encoding="utf-8")
    )
    required = {(before, item["competence"]) for item in source["allocations"] for before in item.get("requires", ())}
    assert ("bkc0051288", "bkc0051290") in required
    assert precedes == {(competence[before], competence[after]) for before, after in required}
    education = packages["OK-afwerking-bouw-duaal"]
    matches = [a for a in education["CFAssociations"] if a["associationType"] == "exactMatchOf"]
    assert [a["destinationNodeURI"]["identifier"] for a in matches] == [stukadoor["CFDocument"]["identifier"]]


def _scrambled_copy(folder: Path) -> Path:
    """The samples in another folder, every file under another name, so that they are
    read in another order."""
    folder.mkdir(parents=True)
    for number, path in enumerate(sorted(SAMPLES.rglob("*.yaml"), reverse=True)):
        shutil.copyfile(path, folder / f"{number:02d}-{path.stem[::-1]}.yaml")
    return folder


def test_identifiers_and_bytes_do_not_depend_on_folder_or_file_order(cli, tmp_path: Path) -> None:
    first = export(cli, copy_samples(tmp_path / "one"))
    second = export(cli, _scrambled_copy(tmp_path / "two" / "deeper"))
    assert first == second
    again = cli("export", tmp_path / "one", "--format", "case", "--on", ON)
    assert again.exit_code == 0
    assert json.loads(again.output) == first


def test_the_base_uri_gives_other_identifiers_and_uris_under_it(cli) -> None:
    default = by_kind(export(cli, SAMPLES))["BK-0130-5"]
    mine = by_kind(export(cli, SAMPLES, "--base-uri", "https://data.example.be/curricula"))["BK-0130-5"]
    assert mine["CFDocument"]["identifier"] != default["CFDocument"]["identifier"]
    assert mine["CFItems"][0]["uri"].startswith("https://data.example.be/curricula/CFItems/")
    slashed = by_kind(export(cli, SAMPLES, "--base-uri", "https://data.example.be/curricula/"))["BK-0130-5"]
    assert slashed == mine


def test_one_id_writes_one_bare_package_for_opensalt(cli) -> None:
    result = cli("export", SAMPLES, "--format", "case", "--id", "BK-0168-3", "--on", ON)
    assert result.exit_code == 0, result.output
    package = json.loads(result.output)
    assert package["CFDocument"]["title"] == "Tegelzetter"
    assert errors(case_validator(), package) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "BK-0130-5-DBK-01"], "is a partial qualification of BK-0130-5; export BK-0130-5"),
        (["--id", "BK-0130-6"], "did you mean 'BK-0130-5'?"),
        (["--trajectory", "OT-00214"], "name it with --id OT-00214"),
        (["--base-uri", "not a uri"], "is not an absolute URI"),
    ],
)
def test_what_cannot_be_exported_is_a_usage_error(cli, args: list[str], message: str) -> None:
    result = cli("export", SAMPLES, "--format", "case", "--on", ON, *args, "-o", "case.json")
    assert result.exit_code == 2
    assert message in result.output
    assert not Path("case.json").exists()


def test_without_a_date_the_export_is_dated_today_and_says_so(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    import trajectkit.dates

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(trajectkit.dates, "today", lambda: dt.date(2026, 12, 3))
    result = cli("export", SAMPLES, "--format", "case", "--id", "BK-0130-5")
    assert result.exit_code == 0, result.output
    assert "on 2026-12-03, today (give --on YYYY-MM-DD for another date)" in result.stderr
    assert json.loads(result.stdout)["CFDocument"]["lastChangeDateTime"] == "2026-12-03T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788220800")  # 2026-09-01
    dated = cli("export", SAMPLES, "--format", "case", "--id", "BK-0130-5")
    assert json.loads(dated.output)["CFDocument"]["lastChangeDateTime"] == "2026-09-01T00:00:00Z"


def test_a_broken_qualification_stops_the_export_and_is_named(cli, tmp_path: Path) -> None:
    catalogue = copy_samples(tmp_path / "catalogue")
    path = catalogue / "qualifications" / "BK-0168-3-tegelzetter.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("level: 3", "level: nine"), encoding="utf-8")
    result = cli("export", catalogue, "--format", "case", "--on", ON)
    assert result.exit_code == 1
    assert "BK-0168-3-tegelzetter.yaml" in result.output
    only = cli("export", catalogue, "--format", "case", "--on", ON, "--id", "BK-0130-5")
    assert only.exit_code == 0, only.output


def test_installed_command_writes_the_package(tmp_path: Path) -> None:
    out = tmp_path / "bk.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "trajectkit",
            "export",
            str(SAMPLES),
            "--format",
            "case",
            "--id",
            "BK-0130-5",
            "--on",
            ON,
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout and "BK-0130-5" in done.stdout
    assert errors(case_validator(), json.loads(out.read_text(encoding="utf-8"))) == []
