"""`trajectkit schema` for editors and `trajectkit init` for a new catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from trajectkit.catalogue.kinds import KIND_SCHEMAS
from trajectkit.catalogue.loading import parse_bytes
from trajectkit.resources import schemas_dir

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
KINDS = {
    "ProfessionalQualification",
    "EducationalQualification",
    "StandardTrajectory",
    "Workplace",
    "Learner",
    "Provider",
}


def test_schema_lists_prints_and_exports(cli, tmp_path: Path) -> None:
    listing = cli("schema")
    assert listing.exit_code == 0
    shipped = sorted(path.name for path in schemas_dir().glob("*.schema.json"))
    assert sorted(line.split()[-1] for line in listing.output.splitlines() if line.endswith(".schema.json")) == shipped
    for name in ("StandardTrajectory", "standard-trajectory", "standardtrajectory", "standard-trajectory.schema.json"):
        printed = cli("schema", name)
        assert printed.exit_code == 0
        assert printed.output == (schemas_dir() / "standard-trajectory.schema.json").read_text(encoding="utf-8")
    assert cli("schema", "config").output == (schemas_dir() / "config.schema.json").read_text(encoding="utf-8")
    everything = cli("schema", "--out", "schemas")
    assert everything.exit_code == 0
    assert sorted(path.name for path in (tmp_path / "schemas").iterdir()) == shipped
    for path in (tmp_path / "schemas").iterdir():
        assert path.read_bytes() == (schemas_dir() / path.name).read_bytes()
    one = cli("schema", "Learner", "--out", "one")
    assert one.exit_code == 0 and [path.name for path in (tmp_path / "one").iterdir()] == ["learner.schema.json"]
    unknown = cli("schema", "Leerling")
    assert unknown.exit_code == 2 and "unknown kind 'Leerling'" in unknown.output


def test_init_writes_a_catalogue_that_validates_clean(cli, tmp_path: Path) -> None:
    result = cli("init", "new")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "new"
    written = [line.removeprefix("wrote ") for line in result.output.splitlines() if line.startswith("wrote ")]
    assert sorted(written) == sorted(
        path.relative_to(tmp_path).as_posix() for path in folder.rglob("*") if path.is_file()
    )
    # From inside the folder (its trajectkit.yaml applies) and from outside.
    strict = cli("validate", "new", "--strict", "--config", "new/trajectkit.yaml", "--format", "json")
    assert strict.exit_code == 0, strict.output
    summary = json.loads(strict.output)["summary"]
    assert summary == {"errors": 0, "warnings": 0, "files": 6, "files_with_problems": 0}
    kinds = []
    for path in sorted(folder.rglob("*.yaml")):
        if path.name == "trajectkit.yaml":
            continue
        documents, findings = parse_bytes(path.read_bytes(), path.name)
        assert findings == []
        kinds += [document.data["kind"] for document in documents]
    assert sorted(kinds) == sorted(KINDS)


def test_init_files_point_the_editor_at_the_right_schema(cli, tmp_path: Path) -> None:
    assert cli("init", "new").exit_code == 0
    for path in sorted((tmp_path / "new").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = MODELINE.match(first)
        assert match, f"{path.name}: no yaml-language-server line"
        schema_file = (path.parent / match.group(1)).resolve()
        assert schema_file.is_file(), schema_file
        (document,), _ = parse_bytes(path.read_bytes(), path.name)
        expected = "config" if path.name == "trajectkit.yaml" else KIND_SCHEMAS[document.data["kind"]]
        assert schema_file.name == f"{expected}.schema.json"
        # What the editor does: the file's data against the schema the modeline names.
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(json.dumps(document.data))))
        assert errors == [], [error.message for error in errors]


def test_init_comments_every_field(cli, tmp_path: Path) -> None:
    assert cli("init", "new").exit_code == 0
    for path in sorted((tmp_path / "new").rglob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if re.match(r"^[a-z_]+:", line):  # a top-level field
                above = lines[number - 1] if number else ""
                assert "#" in line or above.startswith("#"), f"{path.name}:{number + 1}: {line}"


def test_init_never_overwrites(cli, tmp_path: Path) -> None:
    folder = tmp_path / "new" / "trajectories"
    folder.mkdir(parents=True)
    mine = folder / "OT-00000-kapper-duaal.yaml"
    mine.write_text("mine\n", encoding="utf-8")
    result = cli("init", "new")
    assert result.exit_code == 2
    assert "nothing was written" in result.output and "new/trajectories/OT-00000-kapper-duaal.yaml" in result.output
    assert [path for path in (tmp_path / "new").rglob("*") if path.is_file()] == [mine]
    assert mine.read_text(encoding="utf-8") == "mine\n"
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert cli("init", "afile").exit_code == 2


def test_a_modeline_does_not_change_validation(cli, samples: Path, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(samples, tmp_path / "catalogue")
    path = tmp_path / "catalogue" / "trajectories" / "OT-00214-afwerking-bouw-duaal.yaml"
    path.write_text(
        "# yaml-language-server: $schema=../../schemas/standard-trajectory.schema.json\n"
        + path.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = cli("validate", "catalogue")
    assert result.exit_code == 0 and result.output.strip() == "0 errors, 0 warnings in 16 files"


def _scaffold(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_init_interrupted_leaves_nothing_and_a_rerun_completes(cli, tmp_path: Path, monkeypatch) -> None:
    """Ctrl-C at the seventh file left 6 of the 13 and a rerun refused; now all or nothing."""
    from trajectkit.commands.init import init_templates

    sources = (init_templates().resolve(), schemas_dir().resolve())
    original = Path.read_bytes
    read = []

    def interrupted_at_the_seventh(path: Path) -> bytes:
        if path.resolve().is_relative_to(sources[0]) or path.resolve().is_relative_to(sources[1]):
            read.append(path)
            if len(read) == 7:
                raise KeyboardInterrupt
        return original(path)

    for existing in (False, True):
        folder = tmp_path / f"new-{existing}"
        if existing:
            folder.mkdir()
            (folder / "README.md").write_text("ours\n", encoding="utf-8")
        read.clear()
        with monkeypatch.context() as patched:
            patched.setattr(Path, "read_bytes", interrupted_at_the_seventh)
            result = cli("init", folder)
        assert result.exit_code == 130 and "trajectkit: interrupted" in result.output
        if existing:
            assert _scaffold(folder) == {"README.md": b"ours\n"}
            assert sorted(path.name for path in folder.iterdir()) == ["README.md"]  # no temporary folder
        else:
            assert not folder.exists()
        assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []
        done = cli("init", folder)
        assert done.exit_code == 0, done.output
        assert len(_scaffold(folder)) == 15 + existing


def test_init_completes_a_catalogue_an_older_run_left_half_done(cli, tmp_path: Path) -> None:
    assert cli("init", "whole").exit_code == 0
    whole = _scaffold(tmp_path / "whole")
    half = tmp_path / "half"
    for index, (name, data) in enumerate(whole.items()):
        if index % 3:
            (half / name).parent.mkdir(parents=True, exist_ok=True)
            (half / name).write_bytes(data)
    result = cli("init", "half")
    assert result.exit_code == 0, result.output
    assert _scaffold(half) == whole
    written = [line for line in result.output.splitlines() if line.startswith("wrote ")]
    assert len(written) == len([index for index in range(len(whole)) if not index % 3])


def test_init_writes_into_a_link_among_its_folders_never(cli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "schemas").symlink_to(elsewhere, target_is_directory=True)
    result = cli("init", "new")
    assert result.exit_code == 2 and "nothing was written" in result.output
    assert list(elsewhere.iterdir()) == []
