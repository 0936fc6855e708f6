"""The YAML limits hold whatever PyYAML release reads the files.

PyYAML 6.0.4 bundles a libyaml that stops deep flow nesting itself, at 1,000 levels and
with a message and position of its own; 6.0.3 does not. Each release is installed into
a folder of its own (from the package index, as the README's install does) and the same
files are read in a subprocess with it: the findings must be trajectkit's, at the level
that crosses ``limits.max_depth``, for both.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RELEASES = ("6.0.3", "6.0.4")

#: Read every case with the PyYAML on sys.path; print its documents and findings per case.
_PROBE = r"""
import json, sys
import yaml
from trajectkit.catalogue.loading import parse_bytes
cases = json.loads(sys.stdin.read())
found = {}
for name, text in cases.items():
    documents, findings = parse_bytes(text.encode(), name)
    found[name] = {
        "documents": len(documents),
        "findings": [(f.rule, f.location.line, f.location.column, f.message) for f in findings],
    }
print(json.dumps({"version": yaml.__version__, "found": found}))
"""

_PREFIX = "kind: Learner\nid: L-DEEP\nx-deep: "  # the value starts at column 9 of line 3


def _block(depth: int) -> str:
    return (
        "kind: Learner\nid: L-DEEP\nx-deep:\n"
        + "".join(f"{'  ' * (level + 1)}a:\n" for level in range(depth))
        + "  " * (depth + 1)
        + "1\n"
    )


CASES = {
    # (text, line, column of the mapping or sequence that opens level 65)
    "flow-sequence": (_PREFIX + "[" * 10_000 + "]" * 10_000 + "\n", 3, 9 + 63),
    "flow-mapping": (_PREFIX + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", 3, 9 + 63 * 4),
    "flow-after-a-document": ("kind: Learner\nid: L-1\n---\n" + _PREFIX + "[" * 2_000 + "]" * 2_000 + "\n", 6, 9 + 63),
    "block-mapping": (_block(200), 67, 1 + 64 * 2),
    # 31 levels of block mappings, then flow sequences from column 63: the 34th bracket opens level 65
    "block-in-flow": (_block(30).replace("  " * 31 + "1", "  " * 31 + "[" * 5_000 + "]" * 5_000), 34, 63 + 33),
}


@pytest.fixture(scope="module", params=RELEASES)
def pyyaml(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    target = tmp_path_factory.mktemp(f"pyyaml-{request.param}")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--only-binary",
            ":all:",
            "--target",
            str(target),
            f"pyyaml=={request.param}",
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return request.param, target


def _read_with(target: Path, cases: dict[str, str]) -> dict:
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE],
        input=json.dumps(cases),
        env={"PYTHONPATH": f"{target}:{REPO}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(completed.stdout)


def test_nesting_is_refused_at_the_limit_with_either_release(pyyaml: tuple[str, Path]) -> None:
    release, target = pyyaml
    result = _read_with(target, {name: text for name, (text, _, _) in CASES.items()})
    assert result["version"] == release
    for name, (_, line, column) in CASES.items():
        findings = result["found"][name]["findings"]
        assert [finding[:3] for finding in findings] == [["yaml-limits", line, column]], (name, findings)
        assert findings[0][3].startswith("nested more than 64 levels deep"), (name, findings)


def test_a_document_before_the_deep_one_is_kept(pyyaml: tuple[str, Path]) -> None:
    _, target = pyyaml
    result = _read_with(target, {"two": CASES["flow-after-a-document"][0]})
    assert result["found"]["two"]["documents"] == 1
