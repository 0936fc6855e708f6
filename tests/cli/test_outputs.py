"""Every command that writes a file follows one policy (trajectkit.atomic): never over one
of its inputs, never over a file that is not its own output without --force, a clear
usage error for a place that cannot be written, parents made when missing.

Each check runs through every writing option of every command (``WRITERS``); the
input's bytes are compared afterwards.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

LEARNER = Path("catalogue/learners/L-2026-0001.yaml")
ON = ("--on", "2026-10-01")

#: name: what to run with the target file (an option that writes one file).
WRITERS: dict[str, Callable[[str], tuple[str, ...]]] = {
    "validate": lambda out: ("validate", "catalogue", "--no-cache", "--format", "sarif", "-o", out),
    "coverage": lambda out: ("coverage", "catalogue", "--trajectory", "OT-00214", "--format", "json", "--out", out),
    "attest": lambda out: ("attest", "catalogue", "--learner", "L-2026-0003", "--format", "json", "--out", out),
    "stats": lambda out: ("stats", "catalogue", *ON, "--format", "json", "--out", out),
    "scenario": lambda out: ("scenario", "catalogue", *ON, "--without", "WP-0001", "--format", "json", "--out", out),
    "diff": lambda out: ("diff", "catalogue", "catalogue", "--format", "json", "--out", out),
    "match": lambda out: ("match", "catalogue", *ON, "--format", "json", "--out", out),
    "match-patch": lambda out: ("match", "catalogue", *ON, "--patch", out),
    "export-xlsx": lambda out: ("export", "catalogue", "--format", "xlsx", "--out", out),
    "export-case": lambda out: ("export", "catalogue", "--format", "case", *ON, "--out", out),
    "import": lambda out: ("import", "matrix.csv", "catalogue", "--out", out),
}
#: Commands whose output is a file people go on to edit: replacing one always needs --force.
EDITED = {"import", "import-competences"}


@pytest.fixture
def workspace(cli, tmp_path: Path, samples: Path) -> Path:
    """The samples as ``catalogue/``, an exported matrix, and a competence list, in the
    working directory of ``cli``."""
    shutil.copytree(samples, tmp_path / "catalogue")
    assert cli("export", "catalogue", "--out", "matrix.csv").exit_code == 0
    (tmp_path / "competences.csv").write_text("id,title\nC-1,Werkt veilig\n", encoding="utf-8")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.mark.parametrize("name", sorted(WRITERS))
@pytest.mark.parametrize("through", ["itself", "symbolic-link", "hard-link"])
def test_an_output_never_replaces_an_input(cli, workspace: Path, name: str, through: str) -> None:
    """`match --patch samples/learners/L-2026-0001.yaml` replaced the learner file, as did
    `validate -o` and every `--out`; now refused, also through a link and with --force."""
    before = snapshot(workspace / "catalogue")
    target = {"itself": LEARNER, "symbolic-link": Path("soft.yaml"), "hard-link": Path("hard.yaml")}[through]
    if through == "symbolic-link":
        (workspace / target).symlink_to(workspace / LEARNER)
    elif through == "hard-link":
        os.link(workspace / LEARNER, workspace / target)
    for force in ((), ("--force",)):
        result = cli(*WRITERS[name](str(target)), *force)
        assert result.exit_code == 2, result.output
        assert "one of the files this command reads" in result.output
    assert snapshot(workspace / "catalogue") == before


def test_import_competences_never_replaces_its_list(cli, workspace: Path) -> None:
    before = (workspace / "competences.csv").read_bytes()
    args = ("import-competences", "competences.csv", "--qualification", "BK-1", "--title", "T", "--level", "3")
    for force in ((), ("--force",)):
        result = cli(*args, "--out", "competences.csv", *force)
        assert result.exit_code == 2 and "the file being read" in result.output
    assert (workspace / "competences.csv").read_bytes() == before


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_file_that_is_not_a_trajectkit_output_needs_force(cli, workspace: Path, name: str) -> None:
    notes = workspace / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    refused = cli(*WRITERS[name]("notes.txt"))
    assert refused.exit_code == 2, refused.output
    assert "add --force" in refused.output
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    forced = cli(*WRITERS[name]("notes.txt"), "--force")
    assert forced.exit_code in (0, 1), forced.output
    assert notes.read_bytes() != b"my notes\n"


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_previous_output_is_replaced_without_force(cli, workspace: Path, name: str) -> None:
    first = cli(*WRITERS[name]("out.file"))
    assert first.exit_code in (0, 1), first.output
    again = cli(*WRITERS[name]("out.file"))
    if name in EDITED:
        assert again.exit_code == 2 and "add --force" in again.output
    else:
        assert again.exit_code == first.exit_code, again.output


MARKED = {
    "validate-json": ("validate", "catalogue", "--no-cache", "--format", "json"),
    "validate-junit": ("validate", "catalogue", "--no-cache", "--format", "junit"),
    "validate-markdown": ("validate", "catalogue", "--no-cache", "--format", "markdown"),
    "coverage-html": ("coverage", "catalogue", "--trajectory", "OT-00214", "--format", "html"),
    "coverage-pdf": ("coverage", "catalogue", "--trajectory", "OT-00214", "--format", "pdf"),
    "coverage-dot": ("coverage", "catalogue", "--trajectory", "OT-00214", "--format", "dot"),
    "coverage-graphml": ("coverage", "catalogue", "--trajectory", "OT-00214", "--format", "graphml"),
    "attest-pdf": ("attest", "catalogue", "--learner", "L-2026-0003", "--format", "pdf"),
    "stats-html": ("stats", "catalogue", *ON, "--format", "html"),
    "export-case-one": ("export", "catalogue", "--format", "case", *ON, "--id", "BK-0130-5"),
}


@pytest.mark.parametrize("name", sorted(MARKED))
def test_every_marked_format_is_known_again(cli, workspace: Path, name: str) -> None:
    for _ in range(2):
        result = cli(*MARKED[name], "-o", "out.file")
        assert result.exit_code == 0, result.output


def test_plans_and_schemas_follow_the_policy_per_file(cli, workspace: Path) -> None:
    plans = workspace / "plans"
    plans.mkdir()
    (plans / "L-2026-0001.html").write_text("my own notes on L-2026-0001\n", encoding="utf-8")
    args = ("plan", "catalogue", "--learner", "L-2026-0001", "--learner", "L-2026-0002", "--format", "html")
    refused = cli(*args, "-o", "plans")
    assert refused.exit_code == 1 and "L-2026-0001" in refused.output and "add --force" in refused.output
    assert (plans / "L-2026-0001.html").read_text(encoding="utf-8") == "my own notes on L-2026-0001\n"
    assert (plans / "L-2026-0002.html").is_file()  # the others are still written
    assert cli(*args, "-o", "plans").exit_code == 1  # the plan written before is replaced, the notes are not
    assert cli(*args, "-o", "plans", "--force").exit_code == 0
    schemas = workspace / "schemas"
    schemas.mkdir()
    (schemas / "learner.schema.json").write_text('{"mine": true}', encoding="utf-8")
    assert cli("schema", "-o", "schemas").exit_code == 2
    assert (schemas / "learner.schema.json").read_text(encoding="utf-8") == '{"mine": true}'
    assert sorted(path.name for path in schemas.iterdir()) == ["learner.schema.json"]  # all or nothing
    assert cli("schema", "-o", "schemas", "--force").exit_code == 0
    assert cli("schema", "-o", "schemas").exit_code == 0  # its own schemas now


# --------------------------------------------------------------------------- places that cannot be written

#: Commands with a folder as output.
FOLDERS: dict[str, Callable[[str], tuple[str, ...]]] = {
    "plan": lambda out: ("plan", "catalogue", "--learner", "L-2026-0001", "--format", "html", "--out", out),
    "schema": lambda out: ("schema", "--out", out),
    "init": lambda out: ("init", out),
}


def _places(workspace: Path) -> dict[str, str]:
    (workspace / "a-file").write_text("x", encoding="utf-8")
    (workspace / "loop").symlink_to(workspace / "loop")
    return {
        "symlink-loop": "loop",
        "empty": "",
        "under-a-file": "a-file/out",
        "in-proc": "/proc/trajectkit/out",
    }


@pytest.mark.parametrize("name", [*sorted(WRITERS), "import-competences"])
def test_a_file_that_cannot_be_written_is_a_usage_error(cli, workspace: Path, name: str) -> None:
    writer = WRITERS.get(name) or (
        lambda out: (
            "import-competences",
            "competences.csv",
            "--qualification",
            "Q-1",
            "--title",
            "T",
            "--level",
            "3",
            "--out",
            out,
        )
    )
    places = {**_places(workspace), "folder": "catalogue"}
    before = snapshot(workspace)
    for place, target in places.items():
        result = cli(*writer(target))
        assert result.exit_code == 2, (place, result.output)
        assert result.output.startswith("Error: ") or "Error: " in result.output, (place, result.output)
        assert "Traceback" not in result.output
    assert snapshot(workspace) == before


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_a_folder_that_cannot_be_written_is_a_usage_error(cli, workspace: Path, name: str) -> None:
    places = {**_places(workspace), "a-file": "a-file"}
    before = snapshot(workspace)
    for place, target in places.items():
        result = cli(*FOLDERS[name](target))
        assert result.exit_code == 2, (place, result.output)
        assert "Traceback" not in result.output
    assert snapshot(workspace) == before


# --------------------------------------------------------------------------- one option, parents made


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writer_takes_dash_o_and_makes_missing_folders(cli, workspace: Path, name: str) -> None:
    args = [("-o" if arg == "--out" else arg) for arg in WRITERS[name]("deep/new/dir/out.file")]
    result = cli(*args)
    assert result.exit_code in (0, 1), result.output
    assert (workspace / "deep" / "new" / "dir" / "out.file").is_file()


def test_validate_o_writes_a_report_into_new_folders(cli, workspace: Path) -> None:
    result = cli("validate", "catalogue", "--format", "sarif", "-o", "deep/new/dir/report.sarif")
    assert result.exit_code == 0, result.output
    assert '"name": "trajectkit"' in (workspace / "deep/new/dir/report.sarif").read_text(encoding="utf-8")


def test_validate_still_takes_output_for_existing_ci_snippets(cli, workspace: Path) -> None:
    assert cli("validate", "catalogue", "--format", "junit", "--output", "junit.xml").exit_code == 0
    assert (workspace / "junit.xml").read_text(encoding="utf-8").startswith("<?xml")
    both = cli("validate", "catalogue", "-o", "a.xml", "--output", "b.xml")
    assert both.exit_code == 2 and "not both" in both.output
    assert "--output" not in cli("validate", "--help").output


# --------------------------------------------------------------------------- modes


def test_outputs_follow_the_umask_and_keep_the_mode_they_had(cli, workspace: Path) -> None:
    previous = os.umask(0o077)
    try:
        assert cli("plan", "catalogue", "--learner", "L-2026-0001", "-o", "plans").exit_code == 0
        assert cli("export", "catalogue", "-o", "m.xlsx").exit_code == 0
    finally:
        os.umask(previous)
    for path in (workspace / "plans" / "L-2026-0001.pdf", workspace / "m.xlsx"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    os.chmod(workspace / "m.xlsx", 0o640)
    assert cli("export", "catalogue", "-o", "m.xlsx").exit_code == 0
    assert stat.S_IMODE((workspace / "m.xlsx").stat().st_mode) == 0o640
