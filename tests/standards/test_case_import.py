"""``trajectkit import-competences --from case``: a CASE framework back into a
ProfessionalQualification, losslessly for trajectkit's own packages, and a clear
refusal (exit 2, nothing written) for everything else."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from standards_support import SAMPLES, copy_samples

from trajectkit.catalogue.loading import parse_bytes
from trajectkit.catalogue.model import ProfessionalQualification

ON = "2026-09-01"


def qualification(path: Path) -> ProfessionalQualification:
    documents, findings = parse_bytes(path.read_bytes(), path.as_posix())
    assert findings == []
    return ProfessionalQualification.from_document(documents[0])


@pytest.fixture
def package(cli) -> dict[str, Any]:
    result = cli("export", SAMPLES, "--format", "case", "--id", "BK-0130-5", "--on", ON)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def write(data: Any, name: str = "framework.json") -> Path:
    path = Path(name)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("ident", ["BK-0130-5", "BK-0168-3"])
def test_round_trip_keeps_every_competence_title_and_partial_qualification(cli, ident: str) -> None:
    assert cli("export", SAMPLES, "--format", "case", "--on", ON, "-o", "all.json").exit_code == 0
    result = cli("import-competences", "--from", "case", "all.json", "--qualification", ident, "-o", "back.yaml")
    assert result.exit_code == 0, result.output
    original = next(
        qualification(path)
        for path in (SAMPLES / "qualifications").glob("BK-*.yaml")
        if qualification(path).id == ident
    )
    back = qualification(Path("back.yaml"))
    assert (back.id, back.title, back.level) == (original.id, original.title, original.level)
    assert back.competences == original.competences  # ids, titles, knowledge and skills, in order
    assert back.partial_qualifications == original.partial_qualifications


def test_the_imported_file_validates_in_place_of_the_original(cli, tmp_path: Path, package: dict[str, Any]) -> None:
    write(package, "bk.json")
    assert cli("import-competences", "bk.json", "-o", "BK-0130-5.yaml").exit_code == 0  # .json: case by default
    catalogue = copy_samples(tmp_path / "catalogue")
    Path("BK-0130-5.yaml").replace(catalogue / "qualifications" / "BK-0130-5-stukadoor.yaml")
    result = cli("validate", catalogue, "--no-cache")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_a_foreign_framework_without_trajectkit_extension_takes_id_and_level_from_the_command_line(
    cli, package: dict[str, Any]
) -> None:
    foreign = copy.deepcopy(package)
    del foreign["CFDocument"]["extensions"]
    write(foreign)
    refused = cli("import-competences", "--from", "case", "framework.json", "-o", "bk.yaml")
    assert refused.exit_code == 2
    assert "give --qualification ID" in refused.output and "give --level 1-8" in refused.output
    result = cli(
        "import-competences",
        "--from",
        "case",
        "framework.json",
        "--qualification",
        "BK-7777-1",
        "--level",
        "4",
        "--title",
        "Stukadoor (nieuw)",
        "-o",
        "bk.yaml",
    )
    assert result.exit_code == 0, result.output
    back = qualification(Path("bk.yaml"))
    assert (back.id, back.title, back.level, len(back.competences)) == ("BK-7777-1", "Stukadoor (nieuw)", 4, 24)


def _items_of_type(package: dict[str, Any], item_type: str) -> list[dict[str, Any]]:
    return [item for item in package["CFItems"] if item.get("CFItemType") == item_type]


def _association(package: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(a for a in package["CFAssociations"] if a["associationType"] == kind)


def _extra_item(package: dict[str, Any], parent: str, item_type: str = "Competence") -> None:
    identifier = "0b5b3c8e-4b9f-4d7e-9a43-5f3b8f9a1c20"
    package["CFItems"].append(
        {
            "identifier": identifier,
            "uri": "urn:x",
            "fullStatement": "Extra",
            "humanCodingScheme": "x1",
            "CFItemType": item_type,
            "lastChangeDateTime": "2026-09-01T00:00:00Z",
        }
    )
    if parent:
        link = next(a for a in package["CFAssociations"] if a["originNodeURI"]["identifier"] == parent)
        package["CFAssociations"].append(
            {
                **copy.deepcopy(link),
                "identifier": "1c6c4d9f-5ca0-4e8f-8b54-6a4c9a0b2d31",
                "originNodeURI": {"title": "Extra", "identifier": identifier, "uri": "urn:x"},
                "destinationNodeURI": {**link["originNodeURI"]},
            }
        )


def _first_competence(package: dict[str, Any]) -> dict[str, Any]:
    return _items_of_type(package, "Competence")[0]


MUTATIONS: list[tuple[str, Callable[[dict[str, Any]], Any], str]] = [
    ("not a package", lambda p: {"CFItems": []}, "not a CASE package: the top level must be a CFPackage"),
    ("a list of numbers", lambda p: [1, 2], "not a CASE package"),
    ("an empty list", lambda p: [], "the list holds no CASE package"),
    (
        "another kind",
        lambda p: {
            **p,
            "CFDocument": {
                **p["CFDocument"],
                "extensions": {"trajectkit": {"kind": "StandardTrajectory", "id": "OT-1"}},
            },
        },
        "this package is a StandardTrajectory (OT-1); import-competences reads a professional qualification",
    ),
    (
        "missing title",
        lambda p: _first_competence(p).pop("fullStatement"),
        "CFItems[0].fullStatement: missing; give every item its statement",
    ),
    (
        "empty title",
        lambda p: _first_competence(p).update(fullStatement="  "),
        "CFItems[0].fullStatement: empty; give every competence",
    ),
    (
        "missing code",
        lambda p: _first_competence(p).pop("humanCodingScheme"),
        "humanCodingScheme: missing; every competence needs its id",
    ),
    ("code with spaces", lambda p: _first_competence(p).update(humanCodingScheme="bkc 1"), "'bkc 1' is not an id"),
    (
        "duplicate code",
        lambda p: _items_of_type(p, "Competence")[1].update(humanCodingScheme="bkc0051279"),
        "competence id 'bkc0051279' is also the id of CFItems[0]",
    ),
    (
        "duplicate identifier",
        lambda p: p["CFItems"].append(copy.deepcopy(p["CFItems"][0])),
        "is also the identifier of CFItems[0]",
    ),
    (
        "other association type",
        lambda p: _association(p, "isPartOf").update(associationType="exactMatchOf"),
        "association(s) of type exactMatchOf",
    ),
    (
        "association to nowhere",
        lambda p: _association(p, "isChildOf")["destinationNodeURI"].update(
            identifier="2d7d5e0a-6db1-4f90-9c65-7b5d0b1c3e42"
        ),
        "which is not an item of this package",
    ),
    ("item outside the tree", lambda p: _extra_item(p, ""), "is not in the framework's tree"),
    (
        "deeper tree",
        lambda p: _extra_item(p, _first_competence(p)["identifier"]),
        "trajectkit's competences have only knowledge and skills below them",
    ),
    (
        "knowledge at the top",
        lambda p: _first_competence(p).update(CFItemType="Knowledge"),
        "knowledge and skills belong below a competence",
    ),
    (
        "part of a competence",
        lambda p: _association(p, "isPartOf")["destinationNodeURI"].update(
            identifier=_first_competence(p)["identifier"]
        ),
        "which is not a partial qualification",
    ),
    ("rubrics", lambda p: p.update(CFRubrics=[{"identifier": "x"}]), "trajectkit keeps no rubrics"),
    ("items not a list", lambda p: p.update(CFItems={"a": 1}), "CFItems: must be a list"),
    ("bad level", lambda p: p["CFDocument"]["extensions"]["trajectkit"].update(level=11), "a level from 1 to 8"),
    ("no competences", lambda p: p.update(CFItems=[], CFAssociations=[]), "the framework has no competences"),
]


#: The mutations that return a document of their own instead of changing the package.
REPLACING = frozenset({"not a package", "a list of numbers", "an empty list", "another kind"})


@pytest.mark.parametrize(("case", "mutate", "message"), MUTATIONS, ids=[case for case, _, _ in MUTATIONS])
def test_a_package_it_cannot_map_is_refused_with_what_to_do(
    cli, package: dict[str, Any], case: str, mutate: Callable, message: str
) -> None:
    changed = copy.deepcopy(package)
    replaced = mutate(changed)  # a new document, or None / a popped value after a change in place
    write(replaced if case in REPLACING else changed)
    result = cli("import-competences", "--from", "case", "framework.json", "-o", "bk.yaml")
    assert result.exit_code == 2, result.output
    assert "framework.json" in result.output
    assert message in result.output
    assert not Path("bk.yaml").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"CFDocument": {', "framework.json:1:17: not JSON"),
        (b'{"CFDocument": {}, "CFDocument": {}}', "the key 'CFDocument' appears twice in one object"),
        (b'{"CFDocument": {"title": NaN}}', "'NaN' is not a JSON number"),
        (b'{"n": ' + b"9" * 5000 + b"}", "too long to read"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b"[" * 100 + b"]" * 100, "nested deeper than 64 levels"),
        (b"[" * 50_000 + b"]" * 50_000, "nested deeper than 64 levels"),
        (b"[" + b"[]," * 1_000_001 + b"[]]", "more than 1,000,000 objects and arrays"),
    ],
    ids=["truncated", "key twice", "NaN", "huge number", "not UTF-8", "too deep", "far too deep", "too many"],
)
def test_hostile_or_broken_json_is_refused_before_it_is_mapped(cli, content: bytes, message: str) -> None:
    Path("framework.json").write_bytes(content)
    result = cli("import-competences", "--from", "case", "framework.json", "-o", "bk.yaml")
    assert result.exit_code == 2
    assert message in result.output
    assert not Path("bk.yaml").exists()


def test_a_file_over_16_mib_is_refused_unread(cli) -> None:
    with open("framework.json", "wb") as stream:
        stream.truncate(16 * 1024 * 1024 + 1)
    result = cli("import-competences", "--from", "case", "framework.json", "-o", "bk.yaml")
    assert result.exit_code == 2
    assert "16,777,217 bytes, over the limit of 16,777,216" in result.output


def test_a_list_of_packages_needs_to_be_told_which_one(cli) -> None:
    assert cli("export", SAMPLES, "--format", "case", "--on", ON, "-o", "all.json").exit_code == 0
    result = cli("import-competences", "all.json", "-o", "bk.yaml")
    assert result.exit_code == 2
    assert (
        "holds 2 professional qualifications (BK-0130-5, BK-0168-3); say which with --qualification ID" in result.output
    )
    unknown = cli("import-competences", "all.json", "--qualification", "BK-1", "-o", "bk.yaml")
    assert unknown.exit_code == 2 and "no professional qualification 'BK-1' in the file" in unknown.output
    assert not Path("bk.yaml").exists()


def test_an_existing_file_is_kept_without_force_and_the_source_never_overwritten(cli, package: dict[str, Any]) -> None:
    write(package)
    Path("bk.yaml").write_text("mine\n", encoding="utf-8")
    kept = cli("import-competences", "framework.json", "-o", "bk.yaml")
    assert kept.exit_code == 2 and "add --force" in kept.output
    assert Path("bk.yaml").read_text(encoding="utf-8") == "mine\n"
    itself = cli("import-competences", "framework.json", "-o", "framework.json", "--force")
    assert itself.exit_code == 2 and "that is the file being read" in itself.output
    assert cli("import-competences", "framework.json", "-o", "bk.yaml", "--force").exit_code == 0
    assert qualification(Path("bk.yaml")).id == "BK-0130-5"


def test_a_csv_list_still_needs_its_id_title_and_level(cli) -> None:
    Path("c.csv").write_text("id,title\nbkc1,Werkt\n", encoding="utf-8")
    result = cli("import-competences", "c.csv", "-o", "bk.yaml")
    assert (
        result.exit_code == 2 and "a CSV list needs --qualification ID, --title TEXT and --level 1-8" in result.output
    )
