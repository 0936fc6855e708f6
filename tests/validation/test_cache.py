"""The validate cache: hits give the same bytes, any changed input misses, parallel runs are safe."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trajectkit.problems import Level, Problem
from trajectkit.resources import profiles_dir
from trajectkit.validation import cache as cache_module
from trajectkit.validation.cache import ValidationCache, report_from_data, report_to_data, validation_key
from trajectkit.validation.report import Report, RuleInfo

TRAJECTORY = Path("catalogue/trajectories/OT-00214-afwerking-bouw-duaal.yaml")
STUKADOOR = Path("catalogue/qualifications/BK-0130-5-stukadoor.yaml")


@pytest.fixture
def catalogue(tmp_path: Path, samples: Path, cli) -> Path:
    """A copy of the samples as ``catalogue/`` in the working directory of ``cli``."""
    shutil.copytree(samples, tmp_path / "catalogue")
    return tmp_path / "catalogue"


def entries(folder: Path) -> list[Path]:
    return sorted((folder / f"validate-v{cache_module.CACHE_FORMAT}").glob("*.json"))


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_a_hit_prints_exactly_what_the_miss_printed(cli, catalogue: Path, tmp_path: Path) -> None:
    edit(catalogue.parent / TRAJECTORY, "assessed_by: [school, werkplek]", "assessed_by: [werkplek]", 3)
    for output_format in ("text", "json", "github", "junit", "sarif", "markdown", "codequality"):
        miss = cli("validate", "catalogue", "--format", output_format, "--cache-dir", f"c-{output_format}")
        assert entries(tmp_path / f"c-{output_format}"), "the miss stored nothing"
        hit = cli("validate", "catalogue", "--format", output_format, "--cache-dir", f"c-{output_format}")
        uncached = cli("validate", "catalogue", "--format", output_format, "--no-cache")
        assert miss.exit_code == hit.exit_code == uncached.exit_code == 1
        assert hit.output == miss.output == uncached.output, output_format


def test_the_hit_really_comes_from_the_cache(cli, catalogue: Path, tmp_path: Path) -> None:
    first = cli("validate", "catalogue", "--format", "json")
    assert json.loads(first.output)["summary"]["errors"] == 0
    (entry,) = entries(tmp_path / ".trajectkit-cache")
    # Doctor the stored report: a run that prints the doctored problem read the cache.
    document = json.loads(entry.read_text(encoding="utf-8"))
    document["report"]["problems"] = [["catalogue/x.yaml", 3, 4, "schema", "ERROR", "planted"]]
    entry.write_text(json.dumps(document), encoding="utf-8")
    second = cli("validate", "catalogue", "--format", "json")
    assert second.exit_code == 1
    assert json.loads(second.output)["problems"][0]["message"] == "planted"
    assert json.loads(cli("validate", "catalogue", "--format", "json", "--no-cache").output)["problems"] == []


def test_editing_a_referenced_file_changes_the_result(cli, catalogue: Path, tmp_path: Path) -> None:
    assert cli("validate", "catalogue").exit_code == 0
    # The trajectory is untouched; the qualification it refers to loses a competence
    # it allocates, so the allocation now names an unknown competence.
    edit(catalogue.parent / STUKADOOR, "  - id: bkc0051302\n", "  - id: bkc0051399\n")
    after = cli("validate", "catalogue", "--format", "json")
    assert after.exit_code == 1
    found = [(problem["path"], problem["rule"]) for problem in json.loads(after.output)["problems"]]
    # Both places in the trajectory that name bkc0051302 are reported, in a file that did not change.
    assert found.count((TRAJECTORY.as_posix(), "unresolved-reference")) == 2
    assert len(entries(tmp_path / ".trajectkit-cache")) == 2
    # Editing it back is a hit on the first entry, with the first result.
    edit(catalogue.parent / STUKADOOR, "  - id: bkc0051399\n", "  - id: bkc0051302\n")
    assert cli("validate", "catalogue").output.strip() == "0 errors, 0 warnings in 16 files"


@pytest.mark.parametrize(
    "change",
    ["config", "config-profile-file", "profile-option", "added-file", "renamed-file", "code"],
)
def test_every_input_is_part_of_the_key(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(samples, "catalogue")
    profile = tmp_path / "mine.yaml"
    shutil.copy(profiles_dir() / "flanders.yaml", profile)
    Path("trajectkit.yaml").write_text("profile: mine.yaml\n", encoding="utf-8")
    before = validation_key(["catalogue"], None, None)
    assert before is not None and before == validation_key(["catalogue"], None, None)
    profile_option = None
    if change == "config":
        Path("trajectkit.yaml").write_text("profile: mine.yaml\ntoday: 2027-01-01\n", encoding="utf-8")
    elif change == "config-profile-file":
        profile.write_text(profile.read_text(encoding="utf-8") + "\n# a comment changes the bytes\n", encoding="utf-8")
    elif change == "profile-option":
        profile_option = "flanders"
    elif change == "added-file":
        Path("catalogue/notes.yaml").write_text("kind: Learner\n", encoding="utf-8")
    elif change == "renamed-file":
        Path("catalogue/learners/L-2026-0001.yaml").rename("catalogue/learners/L-2026-0001b.yaml")
    elif change == "code":
        monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another trajectkit")
    assert validation_key(["catalogue"], None, profile_option) != before


def test_inputs_that_cannot_be_keyed_run_uncached_with_the_usual_error(cli, catalogue: Path, tmp_path: Path) -> None:
    assert validation_key(["nope"], None, None) is None
    assert validation_key(["catalogue"], "missing.yaml", None) is None
    assert validation_key(["catalogue"], None, "no-such-profile.yaml") is None
    missing = cli("validate", "nope")
    assert missing.exit_code == 2 and "nope: no such file or directory" in missing.output
    config = cli("validate", "catalogue", "--config", "missing.yaml")
    assert config.exit_code == 2 and "configuration file not found" in config.output
    (tmp_path / "trajectkit.yaml").write_text("rules: {no-such-rule: {level: off}}\n", encoding="utf-8")
    broken = cli("validate", "catalogue")
    assert broken.exit_code == 2 and "unknown rule 'no-such-rule'" in broken.output
    assert not entries(tmp_path / ".trajectkit-cache")


def test_a_corrupt_or_partial_entry_is_a_miss(cli, catalogue: Path, tmp_path: Path) -> None:
    good = cli("validate", "catalogue", "--format", "json").output
    (entry,) = entries(tmp_path / ".trajectkit-cache")
    for broken in (
        '{"key": "',
        "",
        "[1, 2]",
        '{"key": "other", "report": {}}',
        json.dumps({"key": entry.stem, "report": {"problems": [[1]]}}),
    ):
        entry.write_text(broken, encoding="utf-8")
        result = cli("validate", "catalogue", "--format", "json")
        assert result.exit_code == 0 and result.output == good
        # The miss wrote a whole entry back.
        assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem


def test_cache_folder_option_environment_and_default(
    cli, catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("validate", "catalogue", "--no-cache")
    assert not (tmp_path / ".trajectkit-cache").exists()
    cli("validate", "catalogue")
    assert len(entries(tmp_path / ".trajectkit-cache")) == 1
    assert (tmp_path / ".trajectkit-cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    monkeypatch.setenv("TRAJECTKIT_CACHE_DIR", str(tmp_path / "from-env"))
    cli("validate", "catalogue")
    assert len(entries(tmp_path / "from-env")) == 1
    cli("validate", "catalogue", "--cache-dir", "explicit")
    assert len(entries(tmp_path / "explicit")) == 1


def test_an_unwritable_cache_does_not_fail_validation(cli, catalogue: Path, tmp_path: Path) -> None:
    (tmp_path / "blocked").mkdir()
    (tmp_path / "blocked" / f"validate-v{cache_module.CACHE_FORMAT}").write_text(
        "a file, not a folder", encoding="utf-8"
    )
    for _ in range(2):
        result = cli("validate", "catalogue", "--cache-dir", "blocked")
        assert result.exit_code == 0 and result.output.strip() == "0 errors, 0 warnings in 16 files"
    # A file named as the cache folder is a usage error, as for any folder option.
    assert cli("validate", "catalogue", "--cache-dir", f"blocked/validate-v{cache_module.CACHE_FORMAT}").exit_code == 2


def test_strict_is_applied_after_the_cache(cli, catalogue: Path) -> None:
    edit(
        catalogue.parent / TRAJECTORY,
        "    competences: [bkc0060005, bkc0060006, bkc0060008, bkc0060010]\n",
        "    competences: [bkc0060005, bkc0060006, bkc0060008]\n",
    )
    plain = cli("validate", "catalogue")
    assert plain.exit_code == 0 and "1 warning" in plain.output  # unclustered-competence
    assert cli("validate", "catalogue", "--strict").exit_code == 1
    assert cli("validate", "catalogue").exit_code == 0


def test_pruning_keeps_the_most_recently_used(tmp_path: Path) -> None:
    cache = ValidationCache(tmp_path / "c")
    report = Report(problems=(), files=("a.yaml",))
    for number in range(6):
        assert cache.store(f"{number:064x}", report)
        os.utime(cache.entry(f"{number:064x}"), (1_000_000 + number, 1_000_000 + number))
    stale = cache.entries / f".{0:064x}.json.abc_123.part"
    stale.write_text("left by a killed run", encoding="utf-8")
    os.utime(stale, (1, 1))
    cache.prune(keep=3)
    assert [path.stem for path in entries(tmp_path / "c")] == [f"{number:064x}" for number in (3, 4, 5)]
    assert not stale.exists()


def test_report_round_trips_through_json() -> None:
    report = Report(
        problems=(Problem("a.yaml", 2, 3, "schema", Level.ERROR, "bad | value\nsecond line"),),
        files=("a.yaml", "b.yaml"),
        rules=(RuleInfo("schema", Level.ERROR, "Schema.", "Doc."), RuleInfo("x", Level.WARNING, "", "")),
        tool_version="0.1.0",
        profile="flanders",
        extra={"n": 1},
    )
    data = json.loads(json.dumps(report_to_data(report)))
    assert report_from_data(data) == report
    # Something JSON would not give back as it was is not cached at all.
    assert report_to_data(Report(problems=(), files=(), extra={"t": (1, 2)})) is None


def _validate_process(cwd: Path, *args: str) -> subprocess.Popen[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "TRAJECTKIT_CACHE_DIR")
    }
    return subprocess.Popen(
        [sys.executable, "-m", "trajectkit", "validate", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_parallel_runs_share_one_cache(tmp_path: Path, samples: Path) -> None:
    shutil.copytree(samples, tmp_path / "catalogue")
    edit(tmp_path / TRAJECTORY, "assessed_by: [school, werkplek]", "assessed_by: [werkplek]", 2)
    args = ("catalogue", "--format", "json", "--cache-dir", "shared")
    expected = subprocess.run(
        [sys.executable, "-m", "trajectkit", "validate", "catalogue", "--format", "json", "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    assert json.loads(expected)["summary"]["errors"] == 2
    for round_ in ("cold", "warm"):
        processes = [_validate_process(tmp_path, *args) for _ in range(4)]
        results = [(process.communicate(timeout=120), process.returncode) for process in processes]
        for (stdout, stderr), code in results:
            assert code == 1, stderr
            assert stdout == expected, round_
    leftovers = [path.name for path in (tmp_path / "shared").rglob("*") if path.is_file() and path.suffix != ".json"]
    assert sorted(leftovers) == [".gitignore", "CACHEDIR.TAG"]
    assert len(entries(tmp_path / "shared")) == 1


def test_a_warm_run_imports_neither_jsonschema_nor_networkx(tmp_path: Path, samples: Path) -> None:
    shutil.copytree(samples, tmp_path / "catalogue")
    probe = (
        "import sys\n"
        "from trajectkit.cli import main\n"
        "try:\n"
        "    main(['validate', 'catalogue', '--cache-dir', 'c'])\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "heavy = sorted(m for m in ('networkx', 'jsonschema') if m in sys.modules)\n"
        "print('HEAVY', heavy, code)\n"
    )

    def run() -> str:
        return subprocess.run(
            [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
        ).stdout

    assert "HEAVY ['networkx'] 0" in run()  # the miss builds the graph (jsonschema only explains failures)
    assert "HEAVY [] 0" in run()  # the hit loads one JSON file


# --------------------------------------------------------------------------- links and ownership


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder`` (links not followed): file bytes, or where a link points."""
    found: dict[str, bytes | str] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root, name)
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = f"-> {os.readlink(path)}"
            elif path.is_file():
                found[key] = path.read_bytes()
    return found


def elsewhere_with_entries(tmp_path: Path, count: int = 300) -> Path:
    """A folder outside the cache full of files that look exactly like entries."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    for number in range(count):
        key = f"{number:064x}"
        (folder / f"{key}.json").write_text(json.dumps({"key": key, "report": {}}, separators=(",", ":")))
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    return folder


def test_a_link_committed_as_the_entries_folder_is_not_followed(cli, catalogue: Path, tmp_path: Path) -> None:
    """A pull request commits `.trajectkit-cache/validate-v1` as a link to another folder:
    validate neither writes there nor prunes it (it deleted 46 files of 300)."""
    elsewhere = elsewhere_with_entries(tmp_path)
    before = snapshot(elsewhere)
    (tmp_path / ".trajectkit-cache").mkdir()
    (tmp_path / ".trajectkit-cache" / f"validate-v{cache_module.CACHE_FORMAT}").symlink_to(
        elsewhere, target_is_directory=True
    )
    for _ in range(2):
        result = cli("validate", "catalogue")
        assert result.exit_code == 0 and result.output.strip() == "0 errors, 0 warnings in 16 files"
        edit(catalogue / "learners" / "L-2026-0001.yaml", "kind:", "# edited\nkind:")  # a miss: a store
    assert snapshot(elsewhere) == before
    assert (tmp_path / ".trajectkit-cache" / f"validate-v{cache_module.CACHE_FORMAT}").is_symlink()


def test_a_cache_folder_that_is_a_link_is_not_used(cli, catalogue: Path, tmp_path: Path) -> None:
    """`.trajectkit-cache` itself a link: no .gitignore, CACHEDIR.TAG or entry lands in its target."""
    elsewhere = elsewhere_with_entries(tmp_path, count=3)
    before = snapshot(elsewhere)
    (tmp_path / ".trajectkit-cache").symlink_to(elsewhere, target_is_directory=True)
    for _ in range(2):
        assert cli("validate", "catalogue").exit_code == 0
    assert snapshot(elsewhere) == before
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere" / "cache")
    assert cli("validate", "catalogue", "--cache-dir", dangling).exit_code == 0
    assert not (tmp_path / "nowhere").exists()


def test_an_entry_that_is_a_link_is_never_read(cli, catalogue: Path, tmp_path: Path) -> None:
    """A link at the entry's name to a doctored report elsewhere: a miss, and the file it
    points at stays as it was."""
    good = cli("validate", "catalogue", "--format", "json", "--no-cache")
    key = validation_key(["catalogue"], None, None)
    assert key is not None
    planted = tmp_path / "planted.json"
    doctored = {"key": key, "report": report_to_data(Report(problems=(), files=()))}
    planted.write_text(json.dumps(doctored, separators=(",", ":")), encoding="utf-8")
    before = planted.read_bytes()
    entries_folder = tmp_path / ".trajectkit-cache" / f"validate-v{cache_module.CACHE_FORMAT}"
    entries_folder.mkdir(parents=True)
    (entries_folder / f"{key}.json").symlink_to(planted)
    result = cli("validate", "catalogue", "--format", "json")
    assert result.output == good.output  # 12 files, not the planted 0
    assert planted.read_bytes() == before


def test_pruning_removes_only_what_the_cache_wrote(tmp_path: Path) -> None:
    cache = ValidationCache(tmp_path / "c")
    report = Report(problems=(), files=("a.yaml",))
    ours = [f"{number:064x}" for number in range(3)]
    for key in ours:
        assert cache.store(key, report)
    outside = tmp_path / "outside.json"
    outside.write_text("keep me", encoding="utf-8")
    foreign = {
        "notes.json": "my notes",
        f"{9:064x}.json": '{"something": "else"}',  # an entry's name, not an entry's content
        f".{9:064x}.json.x.part.bak": "not a temporary file of the cache",
    }
    for name, text in foreign.items():
        (cache.entries / name).write_text(text, encoding="utf-8")
        os.utime(cache.entries / name, (1, 1))
    (cache.entries / f"{8:064x}.json").symlink_to(outside)
    cache.prune(keep=0)
    assert entries(tmp_path / "c") == sorted(
        cache.entries / name for name in (*foreign, f"{8:064x}.json") if name.endswith(".json")
    )
    for name, text in foreign.items():
        assert (cache.entries / name).read_text(encoding="utf-8") == text
    assert (cache.entries / f"{8:064x}.json").is_symlink() and outside.read_text(encoding="utf-8") == "keep me"
    assert sorted((tmp_path / "c").iterdir()) == [
        tmp_path / "c" / name for name in (".gitignore", "CACHEDIR.TAG", f"validate-v{cache_module.CACHE_FORMAT}")
    ]
