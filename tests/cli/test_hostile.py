"""Hostile input end to end: a clear message and the documented exit code, never a
traceback, a hang, a flood of output or half a file.

The small items of the corpus are committed in tests/data/hostile/; the large ones (a
100 MB file, 200,000 keys, a megabyte line) are made in a temporary folder by
tests/data/hostile/generate.py. What could hang or eat memory runs as a process of its
own with a time limit, and its peak memory is read from the kernel (``os.wait4``).
Protections tested elsewhere: tests/test_loading.py (the loader's limits one by one),
tests/test_cli.py (a file that cannot be read for lack of permission), tests/test_fuzz.py.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from plan_support import REPO, SAMPLES, copy_samples, edit
from processes import PEAK_LIMIT_MIB, trajectkit
from pypdf import PdfReader

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
MB = 1024 * 1024
MARKER = "hostile-tag-was-executed"


def _generator():
    spec = importlib.util.spec_from_file_location("hostile_generate", HOSTILE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _generator()


def assert_clean(output: str) -> None:
    assert "Traceback" not in output and "Error: Traceback" not in output, output[-3000:]


# --------------------------------------------------------------------------- reading


def test_billion_laughs_is_refused_before_expansion_in_little_memory(cli, tmp_path: Path) -> None:
    result = cli("validate", HOSTILE / "billion-laughs.yaml", "--no-cache")  # 9 levels of 9
    assert result.exit_code == 1
    assert "billion-laughs.yaml:8:10: error [yaml-limits] file expands to more than 1,000,000 values" in result.output
    path = tmp_path / "bomb.yaml"  # ten levels of ten: 10**10 strings once expanded
    path.write_text(generate.alias_bomb(), encoding="utf-8")
    run = trajectkit("validate", path, "--no-cache", cwd=tmp_path)
    assert run.code == 1, run.output
    assert (
        "[yaml-limits] file expands to more than 1,000,000 values (all its documents together); refused before expansion"
        in run.output
    )
    assert run.output.strip().endswith("1 error, 0 warnings in 1 file")
    assert run.peak_mib < PEAK_LIMIT_MIB and run.seconds < 30, run
    assert_clean(run.output)


@pytest.mark.parametrize(("mapping", "column"), [(False, 9 + 63), (True, 9 + 63 * len("{a: "))])
def test_nesting_ten_thousand_deep_is_refused_at_the_limit(cli, tmp_path: Path, mapping: bool, column: int) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(generate.deep_nesting(10_000, mapping=mapping), encoding="utf-8")
    started = time.monotonic()
    result = cli("validate", path, "--no-cache")
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    # The root mapping is level 1 and the value starts at column 9 ("x-deep: "): the
    # 64th bracket opens level 65, one past limits.max_depth.
    assert f"deep.yaml:3:{column}: error [yaml-limits] nested more than 64 levels deep" in result.output
    assert_clean(result.output)


def test_two_hundred_thousand_keys_give_a_short_report(cli, tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text(generate.many_keys(200_000), encoding="utf-8")
    started = time.monotonic()
    result = cli("validate", path, "--no-cache")
    assert time.monotonic() - started < 60
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) < 40, len(lines)  # 20 keys one by one, one line for the rest, the missing keys
    assert f"Learner: {200_000 - 20:,} more unknown keys" in result.output
    assert "keys.yaml:3:1: error [schema] unknown key 'key0' in Learner" in result.output
    assert_clean(result.output)


@pytest.mark.parametrize("kind", ["sparse", "real"])
def test_a_100_mb_file_is_refused_unread(tmp_path: Path, kind: str) -> None:
    folder = copy_samples(tmp_path)
    big = folder / "learners" / "huge.yaml"
    if kind == "sparse":
        generate.write_sparse(big)
    else:
        generate.write_real(big)
        assert big.stat().st_blocks * 512 >= 100 * MB  # bytes on disk, not a hole
    size = big.stat().st_size
    assert size >= 100 * MB
    run = trajectkit("validate", folder, cwd=tmp_path)  # with the cache, which hashes every file
    assert run.code == 1, run.output
    assert f"huge.yaml:1:1: error [yaml-limits] file is {size:,} bytes, over the limit of {16 * MB:,}" in run.output
    assert "raise limits.max_file_bytes in trajectkit.yaml" in run.output
    assert run.output.strip().endswith("1 error, 0 warnings in 17 files")  # the others are still checked
    assert run.peak_mib < PEAK_LIMIT_MIB and run.seconds < 30, run
    assert_clean(run.output)


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("nul-bytes.yaml", "3:8", "binary file (NUL byte); a catalogue file must be YAML text"),
        ("invalid-utf8.yaml", "3:7", "not valid UTF-8 text (byte 0xff); save the file as UTF-8"),
        ("latin1.yaml", "3:9", "not valid UTF-8 text (byte 0xeb); save the file as UTF-8"),
        (
            "tabs.yaml",
            "4:1",
            "while scanning for the next token: found character '\\t' that cannot start any token (a tab); "
            "indent with spaces, not tabs",
        ),
        (
            "lone-surrogate.yaml",
            "3:7",
            "a \\u escape here stands for half a character (a lone surrogate); write the character itself",
        ),
    ],
)
def test_text_that_is_not_yaml_is_placed_and_explained(cli, name: str, where: str, message: str) -> None:
    result = cli("validate", HOSTILE / name, "--no-cache")
    assert result.exit_code == 1
    assert f"{name}:{where}: error [yaml-syntax] {message}" in result.output
    assert_clean(result.output)


def test_utf16_with_a_bom_is_read_and_validated(cli, tmp_path: Path) -> None:
    raw = (HOSTILE / "utf16-learner.yaml").read_bytes()
    assert raw.startswith(b"\xff\xfe") and b"\x00" in raw  # really UTF-16, NUL bytes and all
    folder = copy_samples(tmp_path)
    shutil.copy(HOSTILE / "utf16-learner.yaml", folder / "learners")
    result = cli("validate", folder, "--no-cache")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings in 17 files" in result.output
    out = tmp_path / "plans"
    result = cli("plan", folder, "--learner", "L-2026-0916", "--out", out, "--format", "html")
    assert result.exit_code == 0, result.output
    assert "Zoë Ünal-Ağaoğlu" in (out / "L-2026-0916.html").read_text(encoding="utf-8")


def test_an_error_in_a_utf16_file_is_placed_on_its_line(cli) -> None:
    result = cli("validate", HOSTILE / "utf16-broken.yaml", "--no-cache")
    assert result.exit_code == 1
    assert (
        "utf16-broken.yaml:4:1: error [schema] birth_date: '2009-02-30' is not a valid calendar date" in result.output
    )


@pytest.mark.parametrize(
    ("name", "where", "tag"),
    [
        ("python-object.yaml", "3:5", "!!python/object/apply:os.system"),
        ("python-new.yaml", "2:5", "!!python/object/new:subprocess.check_output"),
        ("python-name.yaml", "2:5", "!!python/name:os.system"),
        ("python-mapping.yaml", "2:9", "!!python/object:argparse.Namespace"),
        ("verbatim-tag.yaml", "2:5", "!!python/object/apply:os.system"),
        ("local-tag.yaml", "4:5", "!!python/object/apply:os.system"),
        ("binary-tag.yaml", "2:7", "!!binary"),
    ],
)
def test_unsafe_tags_are_refused_and_never_run(cli, tmp_path: Path, name: str, where: str, tag: str) -> None:
    result = cli("validate", HOSTILE / name, "--no-cache")
    assert result.exit_code == 1
    assert f"{name}:{where}: error [yaml-syntax] unsupported tag {tag}; " in result.output
    assert "remove the tag" in result.output
    assert not (tmp_path / MARKER).exists()  # the working directory of the run
    assert_clean(result.output)


def test_merge_keys_are_explained_not_expanded(cli) -> None:
    result = cli("validate", HOSTILE / "merge-keys.yaml", "--no-cache")
    assert result.exit_code == 1
    assert (
        "merge-keys.yaml:12:3: error [schema] merge keys (<<) are not supported in school; write the keys out"
        in result.output
    )
    # not expanded: the school still lacks the name the merge would have brought
    assert "merge-keys.yaml:11:1: error [schema] school: missing required key 'name'" in result.output


def test_a_one_megabyte_line_is_quoted_in_a_few_words(cli, tmp_path: Path) -> None:
    path = tmp_path / "line.yaml"
    text = generate.long_line(MB)
    path.write_text(text, encoding="utf-8")
    value = text.splitlines()[1].removeprefix("id: ")
    result = cli("validate", path, "--no-cache")
    assert result.exit_code == 1
    assert (
        f"line.yaml:2:1: error [schema] id: '{value[:60]}… ({len(value):,} characters)' may hold only letters"
        in result.output
    )
    assert len(result.output) < 2_000


def test_a_one_megabyte_reference_is_a_length_finding_not_quoted(cli, tmp_path: Path) -> None:
    """A long id that is well formed is past its schema's length (200 characters): the
    finding counts the characters instead of quoting them, and no rule sees the id."""
    folder = copy_samples(tmp_path, learners=("L-2026-0005",))
    edit(folder / "learners" / "L-2026-0005.yaml", "trajectory: OT-00214", "trajectory: " + "a" * MB)
    result = cli("validate", folder, "--no-cache")
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if "[schema]" in line]
    assert line == (
        f"{folder}/learners/L-2026-0005.yaml:8:1: error [schema] "
        f"trajectory: {MB:,} characters, more than the 200 allowed; shorten it"
    )
    assert "[unresolved-reference]" not in result.output
    assert len(result.output) < 2_000


def test_a_kind_that_is_a_list_is_a_finding_not_a_crash(cli, tmp_path: Path) -> None:
    """Found by the fuzz run: `kind: []` is not hashable and raised TypeError."""
    folder = copy_samples(tmp_path)
    for kind, name in (("[]", "list.yaml"), ("{a: 1}", "mapping.yaml"), ("[Learner]", "learner-list.yaml")):
        (folder / name).write_text(f"kind: {kind}\nid: X-{name}\n", encoding="utf-8")
    result = cli("validate", folder, "--no-cache")
    assert result.exit_code == 1
    assert (
        "list.yaml:1:1: error [schema] unknown kind a list of 0 items; one of ProfessionalQualification"
        in result.output
    )
    assert "mapping.yaml:1:1: error [schema] unknown kind a mapping of 1 key; one of" in result.output
    assert "learner-list.yaml:1:1: error [schema] unknown kind a list of 1 item; one of" in result.output
    assert result.output.strip().endswith("3 errors, 0 warnings in 19 files")


def test_long_values_are_not_kept_after_their_file_is_read(tmp_path: Path) -> None:
    """The loader remembers how plain values resolve (catalogues repeat them): only short
    ones, or every megabyte value of every file read would stay in memory."""
    from trajectkit.catalogue import loading

    path = tmp_path / "long.yaml"
    path.write_text("kind: Learner\nid: L-1\nname: " + "n" * MB + "\n", encoding="utf-8")
    loading.load_paths([path])
    assert max(map(len, loading._PLAIN_TAGS), default=0) <= 64


def test_a_long_value_repeated_by_aliases_does_not_flood_the_report(tmp_path: Path) -> None:
    """900 aliases of a 500 kB value: quoted whole, the report was 450 MB."""
    path = tmp_path / "echo.yaml"
    path.write_text(generate.repeated_long_value(), encoding="utf-8")
    run = trajectkit("validate", path, "--no-cache", "--format", "json", cwd=tmp_path)
    assert run.code == 1
    assert len(run.output) < 500_000, len(run.output)
    assert "Learner: more than 500 schema errors; the first 500 are reported" in run.output
    assert "(500,000 characters)" in run.output
    assert run.peak_mib < PEAK_LIMIT_MIB and run.seconds < 30, run
    assert_clean(run.output)


def test_a_spreadsheet_that_unpacks_to_gigabytes_is_refused_unpacked(cli, tmp_path: Path) -> None:
    """A zip bomb as `import` input: 300 MB of zeros in a 300 kB .xlsx."""
    import zipfile

    sheet = tmp_path / "bomb.xlsx"
    zeros = bytes(MB)
    with (
        zipfile.ZipFile(sheet, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as stream,
    ):
        for _ in range(300):
            stream.write(zeros)
    assert sheet.stat().st_size < 2 * MB
    result = cli("import", sheet, SAMPLES, "--out", tmp_path / "trajectory.yaml")
    assert result.exit_code == 2
    assert f"bomb.xlsx: unpacks to {300 * MB:,} bytes, over the limit of {64 * MB:,}" in result.output
    assert not (tmp_path / "trajectory.yaml").exists()


# --------------------------------------------------------------------------- paths


def test_a_symlink_loop_is_not_followed(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "learners" / "up").symlink_to("..", target_is_directory=True)
    (folder / "a").symlink_to("b")
    (folder / "b").symlink_to("a")
    started = time.monotonic()
    result = cli("validate", folder, "--no-cache")
    assert time.monotonic() - started < 10
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings in 16 files" in result.output


def test_a_folder_named_like_a_yaml_file_is_searched(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    (folder / "x.yaml").mkdir()
    shutil.move(folder / "learners" / "L-2026-0001.yaml", folder / "x.yaml")
    result = cli("validate", folder, "--no-cache")
    assert result.exit_code == 0, result.output
    assert "in 16 files" in result.output


def test_a_dangling_symlink_is_a_usage_error(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    (folder / "gone.yaml").symlink_to(folder / "nowhere.yaml")
    result = cli("validate", folder, "--no-cache")
    assert result.exit_code == 2
    assert "gone.yaml: cannot read: No such file or directory" in result.output


@pytest.mark.parametrize("case", ["pipe-in-folder", "pipe-named", "link-to-device", "link-out-of-folder"])
def test_files_that_are_not_catalogue_files_are_refused_without_hanging(tmp_path: Path, case: str) -> None:
    """A named pipe would block the read (and the cache's hash) forever, /dev/zero never
    ends, and a link out of the folder would let a pull request read the CI machine's files."""
    folder = copy_samples(tmp_path)
    path = folder / "learners" / "odd.yaml"
    if case.startswith("pipe"):
        os.mkfifo(path)
    elif case == "link-to-device":
        path.symlink_to("/dev/zero")
    else:
        secret = tmp_path / "secret.yaml"
        secret.write_text("kind: Learner\nid: TOKEN-1234\n", encoding="utf-8")
        path.symlink_to(secret)
    target = path if case == "pipe-named" else folder
    run = trajectkit("validate", target, cwd=tmp_path, timeout=30)  # with the cache: it reads files too
    assert run.code == 2, run.output
    if case.startswith("pipe"):
        assert "odd.yaml: not a regular file (a named pipe); trajectkit reads catalogue files only" in run.output
    else:
        assert "odd.yaml: a symbolic link that leads out of" in run.output
        assert "TOKEN-1234" not in run.output
    assert_clean(run.output)


def test_a_link_inside_the_folder_is_read(cli, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    original = folder / "learners" / "L-2026-0001.yaml"
    shutil.move(original, folder / "L-2026-0001.txt")
    original.symlink_to(Path("..", "L-2026-0001.txt"))
    result = cli("validate", folder, "--no-cache")
    assert result.exit_code == 0, result.output
    assert "in 16 files" in result.output


# --------------------------------------------------------------------------- writing


def test_an_output_folder_that_is_a_file_is_a_usage_error(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "plans"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli("plan", SAMPLES, "--all", "--out", blocker, "--format", "html")
    assert result.exit_code == 2
    assert f"{blocker}: not a folder; --out names the folder to write into" in result.output
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize(
    "args",
    [
        ("plan", SAMPLES, "--learner", "L-2026-0001", "--format", "html", "--out", "/proc/trajectkit-plans"),
        ("validate", SAMPLES, "--no-cache", "--output", "/proc/trajectkit-report.txt"),
        ("validate", SAMPLES, "--no-cache", "--output", "/proc/no-such-folder/report.txt"),
        ("coverage", SAMPLES, "--trajectory", "OT-00214", "--format", "csv", "--out", "/proc/coverage.csv"),
    ],
    ids=["plan-proc", "validate-proc", "validate-proc-folder", "coverage-proc"],
)
def test_a_place_that_cannot_be_written_is_a_usage_error(cli, args: tuple) -> None:
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert "cannot create the output folder" in result.output or "cannot write" in result.output
    assert_clean(result.output)


def _full_device(folder: Path) -> Path:
    """A character device like /dev/full (1, 7) in ``folder``: writes fail with ENOSPC."""
    device = folder / "full"
    written = None
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        with device.open("wb") as stream:
            stream.write(b"x")
            stream.flush()
    except PermissionError:
        pytest.skip("cannot make a device node here (not root, or a restricted container)")
    except OSError as error:
        written = error.strerror
    assert written == "No space left on device"
    return device


def test_writing_to_a_full_device_is_reported_and_leaves_the_device(cli, tmp_path: Path) -> None:
    """``--output /dev/full``: the write fails and says so (exit 2). Renaming a temporary
    file over the target, as for a regular file, replaced the device with the report and
    reported success; a device (or /dev/stdout, or a pipe) is now written in place."""
    device = _full_device(tmp_path)
    result = cli("validate", SAMPLES, "--no-cache", "--output", device)
    assert result.exit_code == 2
    assert f"{device}: cannot write the report: No space left on device" in result.output
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["full"]


@pytest.mark.parametrize("kind", ["link-to-a-file", "link-to-a-device"])
def test_a_link_as_the_target_is_written_through_not_replaced(cli, tmp_path: Path, kind: str) -> None:
    """As /dev/stdout is: renaming over it replaced the link in /dev with the report."""
    if kind == "link-to-a-file":
        real = tmp_path / "shared" / "report.json"
        real.parent.mkdir()
        real.write_text('{"tool": {"name": "trajectkit", "version": "0.0.1"}}\n', encoding="utf-8")  # an old report
        expected_error = None
    else:
        real = _full_device(tmp_path)
        expected_error = "No space left on device"
    link = tmp_path / "out" / "report.json"
    link.parent.mkdir()
    link.symlink_to(real)
    result = cli("validate", SAMPLES, "--no-cache", "--format", "json", "--output", link)
    assert link.is_symlink() and link.resolve() == real
    assert sorted(path.name for path in link.parent.iterdir()) == ["report.json"]
    if expected_error is None:
        assert result.exit_code == 0
        assert '"files": 16' in real.read_text(encoding="utf-8")
    else:
        assert result.exit_code == 2
        assert expected_error in result.output
        assert stat.S_ISCHR(real.lstat().st_mode)


def test_a_disk_that_fills_up_while_writing_leaves_no_partial_file(cli, tmp_path: Path, monkeypatch) -> None:
    """ENOSPC from the file system (simulated where no tmpfs can be mounted)."""
    from trajectkit import atomic as output

    def full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    target = tmp_path / "report.json"
    result = cli("validate", SAMPLES, "--no-cache", "--format", "json", "--output", target)
    assert result.exit_code == 2
    assert "report.json: cannot write the report: No space left on device" in result.output
    out = tmp_path / "plans"
    result = cli(
        "plan",
        SAMPLES,
        "--learner",
        "L-2026-0001",
        "--learner",
        "L-2026-0002",
        "--out",
        out,
        "--format",
        "html",
        "--jobs",
        "1",
    )
    assert result.exit_code == 1
    assert "L-2026-0001: cannot write" in result.output and "No space left on device" in result.output
    assert [path.name for path in tmp_path.iterdir() if path.name != "plans"] == []
    assert list(out.iterdir()) == []


def _in_tiny_tmpfs(tmp_path: Path, size: str, script: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (sh) with $T a fresh tmpfs of ``size``, mounted in a private mount
    namespace that disappears with the process; $KEEP is copied out at the end."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare to mount a small file system")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, text=True, timeout=30, check=False)
    if probe.returncode != 0:  # in a chroot, / is no mount point and cannot be made private
        pytest.skip(f"needs a private mount namespace (unshare -m): {probe.stderr.strip()}")
    keep = tmp_path / "kept"
    keep.mkdir()
    mount = tmp_path / "mnt"
    mount.mkdir()
    wrapper = f'mount -t tmpfs -o size={size} tmpfs "$T" || exit 99\n{script}\ncp -a "$T/." "$KEEP/"\n'
    env = {**os.environ, "T": str(mount), "KEEP": str(keep), "PYTHONPATH": str(REPO), "PY": sys.executable}
    completed = subprocess.run(
        ["unshare", "-m", "sh", "-c", wrapper],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    if completed.returncode == 99:
        pytest.skip(f"cannot mount a tmpfs here: {completed.stderr.strip()}")
    return completed


def test_a_real_full_disk_fails_cleanly(tmp_path: Path) -> None:
    """A 64 kB tmpfs: the long report does not fit (exit 2, nothing left behind); plans
    fill it up one by one, and those that do not fit fail alone (exit 1), no half file."""
    echo = tmp_path / "echo.yaml"
    echo.write_text(generate.repeated_long_value(copies=300), encoding="utf-8")
    script = (
        '"$PY" -m trajectkit validate echo.yaml --no-cache --format json --output "$T/report.json" > validate.log 2>&1\n'
        'echo "validate $?" > codes\n'
        f'"$PY" -m trajectkit plan {SAMPLES} --all --jobs 1 --format html --out "$T/plans" > plan.log 2>&1\n'
        'echo "plan $?" >> codes\n'
    )
    completed = _in_tiny_tmpfs(tmp_path, "64k", script)
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "codes").read_text().split() == ["validate", "2", "plan", "1"]
    validate_log = (tmp_path / "validate.log").read_text()
    assert "report.json: cannot write the report: No space left on device" in validate_log
    plan_log = (tmp_path / "plan.log").read_text()
    assert "cannot write" in plan_log and "No space left on device" in plan_log
    assert_clean(validate_log + plan_log)
    kept = tmp_path / "kept"
    assert sorted(path.name for path in kept.iterdir()) == ["plans"]  # no report, no temporary file
    plans = sorted((kept / "plans").iterdir())
    assert 0 < len(plans) < 5, plan_log  # some fit, not all
    for plan in plans:
        assert plan.suffix == ".html"
        assert plan.read_text(encoding="utf-8").rstrip().endswith("</html>")
        assert f"{plan.stem}: cannot write" not in plan_log


# --------------------------------------------------------------------------- interrupting


def test_ctrl_c_during_a_batch_leaves_only_whole_plans(tmp_path: Path) -> None:
    """SIGINT to the process group (Ctrl-C on a terminal) once the first PDF is written:
    exit 130 with one line, no temporary file, every PDF complete."""
    folder = copy_samples(tmp_path, learners=("L-2026-0005",))
    template = (folder / "learners" / "L-2026-0005.yaml").read_text(encoding="utf-8")
    for number in range(1, 20):
        ident = f"L-2026-09{number:02d}"
        (folder / "learners" / f"{ident}.yaml").write_text(template.replace("L-2026-0005", ident), encoding="utf-8")
    out = tmp_path / "plans"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [
        sys.executable,
        "-m",
        "trajectkit",
        "plan",
        str(folder),
        "--all",
        "--jobs",
        "2",
        "--on",
        "2026-11-20",
        "--out",
        str(out),
    ]
    process = subprocess.Popen(
        command,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while not (out.is_dir() and any(path.suffix == ".pdf" for path in out.iterdir())):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "no plan after 90 s"
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGINT)
        interrupted = time.monotonic()
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    # The plans in flight (one per worker, and one queued) are finished and written, the
    # rest dropped: seconds on an idle machine, more on a busy one.
    assert time.monotonic() - interrupted < 90
    assert process.returncode == 130, stderr
    assert stderr.strip() == "trajectkit: interrupted"
    assert_clean(stderr)
    names = sorted(path.name for path in out.iterdir())
    assert names and all(name.endswith(".pdf") and not name.startswith(".") for name in names), names
    assert len(names) < 20, "the batch finished before the interrupt: make it longer"
    for name in names:
        reader = PdfReader(out / name)
        assert len(reader.pages) >= 1
        assert reader.metadata.title.startswith("Opleidingsplan – ")
