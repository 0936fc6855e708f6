"""The README's "Open standards" section: its commands run as written, and do what it says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from readme_snippets import commands, section, snippets
from standards_support import SAMPLES, case_validator, edc_validator, errors, qualification_validator

from trajectkit.catalogue.loading import parse_bytes
from trajectkit.catalogue.model import ProfessionalQualification


def test_open_standards_commands_run_as_written(cli, tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "samples")
    runs = [
        args for block in snippets(section("Open standards")) if block.language == "sh" for args in commands(block.text)
    ]
    assert [args[:2] for args in runs] == [
        ["export", "samples/"],
        ["import-competences", "--from"],
        ["attest", "samples/"],
        ["export", "samples/"],
    ]
    for args in runs:
        result = cli(*args)
        assert result.exit_code == 0, result.output
    assert errors(case_validator(), json.loads(Path("BK-0130-5.case.json").read_text(encoding="utf-8"))) == []
    documents, findings = parse_bytes(Path("BK-0130-5.yaml").read_bytes(), "BK-0130-5.yaml")
    original, _ = parse_bytes((SAMPLES / "qualifications" / "BK-0130-5-stukadoor.yaml").read_bytes(), "original.yaml")
    assert findings == []
    back, before = (
        ProfessionalQualification.from_document(documents[0]),
        ProfessionalQualification.from_document(original[0]),
    )
    assert (back.competences, back.partial_qualifications) == (before.competences, before.partial_qualifications)
    credential = json.loads(Path("L-2026-0003.credential.jsonld").read_text(encoding="utf-8"))
    assert errors(edc_validator(), credential) == []
    graph = json.loads(Path("qualifications.jsonld").read_text(encoding="utf-8"))["@graph"]
    assert graph and all(errors(qualification_validator(), node) == [] for node in graph)
