"""Whatever it is given, validate ends in a report: never a traceback, always the same one.

The number of examples is bounded for CI; set TRAJECTKIT_FUZZ_EXAMPLES for a long run.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from yaml_mutations import mutate, mutation

from trajectkit.catalogue.kinds import KIND_SCHEMAS
from trajectkit.catalogue.schema import load_schema
from trajectkit.cli import main
from trajectkit.config import Config
from trajectkit.profile import load_profile
from trajectkit.validation.pipeline import validate

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE_FILES = sorted(path.relative_to(SAMPLES) for path in SAMPLES.rglob("*.yaml"))
EXAMPLES = int(os.environ.get("TRAJECTKIT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
    derandomize=os.environ.get("TRAJECTKIT_FUZZ_EXAMPLES") is None,  # CI runs the same examples every time
)
CONFIG = Config(profile=load_profile("flanders"))

_documents = st.one_of(
    # from_schema rewrites the schema it is given: hand it a copy, not the cached one
    *(from_schema(copy.deepcopy(load_schema(name))) for kind, name in KIND_SCHEMAS.items() if kind != "Profile")
)


def _report_of(folder: Path) -> str:
    report = validate([folder], CONFIG)
    return json.dumps([problem.as_dict() for problem in report.problems])


@FUZZ
@given(documents=st.lists(_documents, min_size=1, max_size=4))
def test_documents_generated_from_the_schemas_never_make_validate_raise(documents: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        shutil.copytree(SAMPLES, folder / "samples")
        (folder / "generated.yaml").write_text(yaml.safe_dump_all(documents, allow_unicode=True), encoding="utf-8")
        first = _report_of(folder)
        assert first == _report_of(folder)


@FUZZ
@given(file=st.sampled_from(SAMPLE_FILES), mutations=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_samples_end_in_a_documented_exit_code(file: Path, mutations: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "samples"
        shutil.copytree(SAMPLES, folder)
        raw = (folder / file).read_bytes()
        for edit in mutations:
            raw = mutate(raw, edit)
        (folder / file).write_bytes(raw)
        runner = CliRunner()
        results = [runner.invoke(main, ["validate", str(folder), "--format", "json"]) for _ in range(2)]
        for result in results:
            assert result.exit_code in (0, 1, 2), result.output
            assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
            assert "Traceback" not in result.output
        assert results[0].output == results[1].output
