"""The output policy and the atomic write (trajectkit.atomic), piece by piece; the same
policy through every command is in tests/cli/test_outputs.py."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from trajectkit.atomic import Inputs, atomic_tree, check_folder, check_output, is_trajectkit_output, write_atomic
from trajectkit.errors import UsageError


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set the umask for one test, and put the old one back."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield os.umask
    os.umask(previous)


# --------------------------------------------------------------------------- modes


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, umask) -> None:
    """A plan is a minor's personal data: with umask 077 nobody else may read it (it was 0644)."""
    for mask, expected in ((0o077, 0o600), (0o027, 0o640), (0o022, 0o644), (0o002, 0o664)):
        umask(mask)
        target = tmp_path / f"new-{mask:o}.pdf"
        write_atomic(target, b"%PDF-1.7\n")
        assert mode_of(target) == expected, oct(mask)


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask) -> None:
    umask(0o022)
    target = tmp_path / "report.json"
    target.write_text("{}", encoding="utf-8")
    os.chmod(target, 0o600)
    write_atomic(target, "{}\n")
    assert mode_of(target) == 0o600 and target.read_text(encoding="utf-8") == "{}\n"
    os.chmod(target, 0o664)
    write_atomic(target, "[]\n")
    assert mode_of(target) == 0o664


def test_missing_parent_folders_are_created(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "new" / "dir" / "report.sarif"
    assert check_output(target) == target
    assert not (tmp_path / "deep").exists()  # checking creates nothing
    write_atomic(target, "{}")
    assert target.read_text(encoding="utf-8") == "{}"


# --------------------------------------------------------------------------- what may be written


def test_an_input_is_never_an_output_not_through_links_not_with_force(tmp_path: Path) -> None:
    source = tmp_path / "catalogue" / "learner.yaml"
    source.parent.mkdir()
    source.write_text("kind: Learner\n", encoding="utf-8")
    soft, hard = tmp_path / "soft.yaml", tmp_path / "hard.yaml"
    soft.symlink_to(source)
    os.link(source, hard)
    inputs = Inputs(lambda: [source])
    for target in (source, soft, hard, tmp_path / "catalogue" / ".." / "catalogue" / "learner.yaml"):
        for force in (False, True):
            with pytest.raises(UsageError, match="one of the files this command reads"):
                check_output(target, inputs, force)
    assert source.read_text(encoding="utf-8") == "kind: Learner\n"


def test_inputs_are_listed_only_when_an_output_exists(tmp_path: Path) -> None:
    listed = []

    def find() -> list[Path]:
        listed.append(True)
        return []

    check_output(tmp_path / "new.json", Inputs(find))
    assert listed == []


def test_a_file_that_is_not_a_trajectkit_output_needs_force(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n", encoding="utf-8")
    with pytest.raises(UsageError, match="add --force"):
        check_output(notes)
    assert check_output(notes, force=True) == notes
    empty = tmp_path / "empty.json"
    empty.touch()
    assert check_output(empty) == empty  # nothing to lose
    marked = tmp_path / "old.json"
    marked.write_text('{"x": 1, "tool": {"name": "trajectkit", "version": "0.0.1"}}\n', encoding="utf-8")
    assert check_output(marked) == marked
    with pytest.raises(UsageError, match="add --force"):
        check_output(marked, recognise=False)  # a file people go on to edit


@pytest.mark.parametrize(
    ("content", "marked"),
    [
        (b'<!DOCTYPE html>\n<meta name="generator" content="trajectkit">', True),
        (b'{\n  "runs": [{"tool": {"driver": {"name": "trajectkit"}}}]}', True),
        (b'{"problems": [], "tool": {\n    "name": "trajectkit",\n    "version": "1"}}', True),
        (b'{"CFDocument": {"creator": "trajectkit"}}', True),
        (b'<?xml version="1.0"?>\n<testsuites name="trajectkit" tests="1">', True),
        ("### ✅ trajectkit validate: 0 errors".encode(), True),
        (b"# Placements proposed by `trajectkit match` for 2026-10-01.\ndate: 2026-10-01\n", True),
        (b'{"$id": "https://trajectkit.org/schemas/v1/learner.schema.json"}', True),
        (b"// Written by trajectkit\ndigraph {}", True),
        (b"<!-- Written by trajectkit -->\n<graphml/>", True),
        (b"kind: Learner\nid: L-1\n", False),
        (b"# trajectkit is great\nnotes\n", False),
        (b'{"tool": {"name": "other"}}', False),
        (b"0 errors, 0 warnings in 12 files\n", False),  # text has no room for a mark
        (b"%PDF-1.7\n%%EOF\n", False),
        (b"PK\x03\x04 not a zip", False),
    ],
)
def test_the_marks_of_a_previous_output(tmp_path: Path, content: bytes, marked: bool) -> None:
    path = tmp_path / "file"
    path.write_bytes(content)
    assert is_trajectkit_output(path) is marked


def test_a_mark_at_the_end_of_a_long_file_is_found(tmp_path: Path) -> None:
    """validate's JSON puts its tool at the end, after every problem."""
    path = tmp_path / "report.json"
    path.write_bytes(b'{"problems": [' + b'{"x": 1},' * 200_000 + b'{}],\n  "tool": {\n    "name": "trajectkit"}}\n')
    assert is_trajectkit_output(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: "", "an empty name"),
        (lambda tmp: tmp, "a folder"),
        (lambda tmp: _loop(tmp), "a symbolic link loop"),
        (lambda tmp: _file(tmp) / "report.json", "is not a folder"),
        (lambda tmp: _file(tmp) / "deeper" / "report.json", "is not a folder"),
        (lambda tmp: _dangling(tmp), "a symbolic link to"),
    ],
    ids=["empty", "folder", "loop", "under-a-file", "deep-under-a-file", "dangling-link"],
)
def test_a_place_that_cannot_be_a_file_is_a_usage_error(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        check_output(make(tmp_path))


def test_a_folder_for_outputs(tmp_path: Path) -> None:
    assert check_folder(tmp_path / "new" / "plans") == tmp_path / "new" / "plans"
    for bad, message in (("", "an empty name"), (_file(tmp_path), "not a folder"), (_loop(tmp_path), "loop")):
        with pytest.raises(UsageError, match=message):
            check_folder(bad)


def _loop(folder: Path) -> Path:
    loop = folder / "loop"
    loop.symlink_to(loop)
    return loop


def _file(folder: Path) -> Path:
    path = folder / "a-file"
    path.write_text("x", encoding="utf-8")
    return path


def _dangling(folder: Path) -> Path:
    link = folder / "report.json"
    link.symlink_to(folder / "elsewhere" / "report.json")
    return link


# --------------------------------------------------------------------------- a tree at once


def test_a_tree_appears_whole_or_not_at_all(tmp_path: Path, umask) -> None:
    umask(0o027)
    target = tmp_path / "new"

    def interrupted_halfway() -> None:
        with atomic_tree(target) as staging:
            (staging / "a.yaml").write_text("a", encoding="utf-8")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted_halfway()
    assert list(tmp_path.iterdir()) == []
    with atomic_tree(target) as staging:
        (staging / "sub").mkdir()
        (staging / "sub" / "b.yaml").write_text("b", encoding="utf-8")
    assert (target / "sub" / "b.yaml").read_text(encoding="utf-8") == "b"
    assert mode_of(target) == 0o750  # not mkdtemp's 0700
    with atomic_tree(target) as staging:  # into an existing folder: moved in
        (staging / "c.yaml").write_text("c", encoding="utf-8")
    assert sorted(path.name for path in target.rglob("*")) == ["b.yaml", "c.yaml", "sub"]
