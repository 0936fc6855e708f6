"""Per-file reuse: after a change only the changed files are read again, and the report
is byte for byte the one a run without any cache prints."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from trajectkit.catalogue import loading
from trajectkit.catalogue.files import DEFAULT_LIMITS, Limits
from trajectkit.catalogue.loading import load_paths
from trajectkit.catalogue.schema import check_document
from trajectkit.resources import profiles_dir
from trajectkit.validation import pipeline
from trajectkit.validation.cache import ValidationCache
from trajectkit.validation.file_cache import FILES, FileCache

TRAJECTORY = Path("catalogue/trajectories/OT-00214-afwerking-bouw-duaal.yaml")
STUKADOOR = Path("catalogue/qualifications/BK-0130-5-stukadoor.yaml")
LEARNER = Path("catalogue/learners/L-2026-0001.yaml")
FORMATS = ("json", "text", "sarif")


@pytest.fixture
def catalogue(tmp_path: Path, samples: Path, cli) -> Path:
    """The samples as ``catalogue/``, with a finding, and a profile file of their own."""
    shutil.copytree(samples, tmp_path / "catalogue")
    edit(tmp_path / TRAJECTORY, "assessed_by: [school, werkplek]", "assessed_by: [werkplek]", 3)
    shutil.copy(profiles_dir() / "flanders.yaml", tmp_path / "mine.yaml")
    (tmp_path / "trajectkit.yaml").write_text("profile: mine.yaml\n", encoding="utf-8")
    return tmp_path / "catalogue"


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many files are parsed and documents schema-checked, counted as the run goes."""
    counts: Counter[str] = Counter()
    parse, check = loading.parse_bytes, pipeline.check_document

    def parse_counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        counts["parsed"] += 1
        return parse(*args, **kwargs)

    def check_counted(document):  # type: ignore[no-untyped-def]
        counts["checked"] += 1
        return check(document)

    monkeypatch.setattr(loading, "parse_bytes", parse_counted)
    monkeypatch.setattr(pipeline, "check_document", check_counted)
    return counts


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def outputs(cli, *options: str) -> dict[str, tuple[int, str]]:
    """Exit code and output of ``validate catalogue`` in every format, with ``options``."""
    result = {}
    for output_format in FORMATS:
        run = cli("validate", "catalogue", "--format", output_format, *options)
        result[output_format] = (run.exit_code, run.output)
    return result


def change(tmp_path: Path, what: str) -> None:
    if what == "edit":
        edit(tmp_path / LEARNER, "\n", "\n# an edit that changes nothing found\n")
    elif what == "edit-finding":
        edit(tmp_path / LEARNER, "kind: Learner", "kind: Learner\nkind: Learner")  # a duplicate key
    elif what == "edit-referenced":
        # Another file's findings change: the trajectory now names an unknown competence.
        edit(tmp_path / STUKADOOR, "  - id: bkc0051302\n", "  - id: bkc0051399\n")
    elif what == "add":
        (tmp_path / "catalogue/learners/L-2026-0099.yaml").write_text(
            "kind: Learner\nid: L-2026-0099\nname: [not a name]\n", encoding="utf-8"
        )
    elif what == "delete":
        (tmp_path / STUKADOOR).unlink()
    elif what == "config":
        (tmp_path / "trajectkit.yaml").write_text("profile: mine.yaml\nlanguage: nl\n", encoding="utf-8")
    elif what == "profile":
        profile = tmp_path / "mine.yaml"
        profile.write_text(profile.read_text(encoding="utf-8") + "\n# another profile file\n", encoding="utf-8")
    else:  # pragma: no cover
        raise AssertionError(what)


#: Files parsed again after each change: the 16 samples share every setting.
PARSED_AGAIN = {
    "edit": 1,
    "edit-finding": 1,
    "edit-referenced": 1,
    "add": 1,
    "delete": 0,
    "config": 16,
    "profile": 16,
}


@pytest.mark.parametrize("what", sorted(PARSED_AGAIN))
def test_after_a_change_the_report_is_a_cold_runs_and_only_changed_files_are_read(
    cli, catalogue: Path, tmp_path: Path, work: Counter[str], what: str
) -> None:
    first = cli("validate", "catalogue", "--format", "json", "--cache-dir", "c")
    assert first.exit_code == 1 and work["parsed"] == 16
    documents = work["checked"]
    assert len(list((tmp_path / "c" / FILES).glob("*.json"))) == 16
    change(tmp_path, what)
    work.clear()
    warm = cli("validate", "catalogue", "--format", "json", "--cache-dir", "c")
    assert work["parsed"] == PARSED_AGAIN[what]
    # The documents of the files read again are schema-checked again, and only those.
    if what in ("config", "profile"):
        assert work["checked"] == documents
    elif what != "edit-referenced":
        assert work["checked"] == PARSED_AGAIN[what]  # a learner file holds one document
    cold = cli("validate", "catalogue", "--format", "json", "--no-cache")
    assert warm.exit_code == cold.exit_code and warm.output == cold.output
    # And in the other formats, from the entries the json run left.
    assert outputs(cli, "--cache-dir", "c") == outputs(cli, "--no-cache")


def test_the_changes_show_in_the_findings(cli, catalogue: Path, tmp_path: Path) -> None:
    """The scenarios above change what is found, so equal reports mean something."""
    cli("validate", "catalogue", "--cache-dir", "c")
    before = json.loads(cli("validate", "catalogue", "--format", "json", "--cache-dir", "c").output)["problems"]
    for what, rule in (("edit-finding", "duplicate-key"), ("edit-referenced", "unresolved-reference")):
        change(tmp_path, what)
        after = json.loads(cli("validate", "catalogue", "--format", "json", "--cache-dir", "c").output)["problems"]
        assert rule in {p["rule"] for p in after} - {p["rule"] for p in before}
        before = after
    change(tmp_path, "config")
    dutch = cli("validate", "catalogue", "--cache-dir", "c").output
    assert dutch == cli("validate", "catalogue", "--no-cache").output
    assert "fouten" in dutch or "fout" in dutch, dutch  # read again in the configured language


def test_an_unchanged_file_is_not_parsed_or_checked_again(
    cli, catalogue: Path, tmp_path: Path, work: Counter[str]
) -> None:
    cli("validate", "catalogue", "--cache-dir", "c")
    documents = work["checked"]
    assert documents >= 16
    change(tmp_path, "edit")
    work.clear()
    cli("validate", "catalogue", "--cache-dir", "c")
    assert work == Counter(parsed=1, checked=1)  # the learner file holds one document


@pytest.mark.parametrize(
    "broken",
    ['{"key": "', "", "[1, 2]", '{"key": "other"}', "not json", "{}", "\udcff"],
)
def test_a_corrupt_entry_is_a_miss_never_an_error(
    cli, catalogue: Path, tmp_path: Path, work: Counter[str], broken: str
) -> None:
    cli("validate", "catalogue", "--cache-dir", "c")
    entries = sorted((tmp_path / "c" / FILES).glob("*.json"))
    for entry in entries:
        entry.write_bytes(broken.encode("utf-8", "surrogateescape"))
    shutil.rmtree(tmp_path / "c" / entries_of_reports())  # past the whole-report entry
    work.clear()
    warm = cli("validate", "catalogue", "--format", "json", "--cache-dir", "c")
    assert work["parsed"] == 16  # every file read again, and written back whole
    assert warm.output == cli("validate", "catalogue", "--format", "json", "--no-cache").output
    kept = sorted((tmp_path / "c" / FILES).glob("*.json"))
    assert all(json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem for entry in kept)
    assert outputs(cli, "--cache-dir", "c") == outputs(cli, "--no-cache")


def entries_of_reports() -> str:
    from trajectkit.validation.cache import ENTRIES

    return ENTRIES


def test_entries_that_lie_about_their_shape_are_misses(cli, catalogue: Path, tmp_path: Path) -> None:
    cli("validate", "catalogue", "--cache-dir", "c")
    entries = sorted((tmp_path / "c" / FILES).glob("*.json"))
    for number, entry in enumerate(entries):
        document = json.loads(entry.read_text(encoding="utf-8"))
        data = document["file"]
        doctored = (
            lambda d: d["documents"][0].__setitem__(2, "3"),  # a mark that is not a number
            lambda d: d.__setitem__("schema", []),  # findings for no document
            lambda d: d["documents"][0].__setitem__(4, [7, 1, 1]),  # neither a map nor a list
            lambda d: d.__setitem__("counted", [1]),
            lambda d: d["documents"][0][4].__setitem__(3, 5),  # a key that is not text
        )[number % 5]
        doctored(data)
        entry.write_text(json.dumps(document), encoding="utf-8")
    change(tmp_path, "edit")
    assert outputs(cli, "--cache-dir", "c") == outputs(cli, "--no-cache")


def test_files_that_cannot_be_kept_are_read_each_time_with_the_same_findings(
    cli, catalogue: Path, tmp_path: Path, work: Counter[str]
) -> None:
    (tmp_path / "catalogue/broken.yaml").write_text("kind: Learner\nid: [unclosed\n", encoding="utf-8")
    (tmp_path / "catalogue/shared.yaml").write_text(
        "kind: Learner\nid: L-2026-0077\nx-a: &same {one: 1}\nx-b: *same\n", encoding="utf-8"
    )
    cli("validate", "catalogue", "--cache-dir", "c")
    assert len(list((tmp_path / "c" / FILES).glob("*.json"))) == 16  # neither of the two
    change(tmp_path, "edit")
    work.clear()
    warm = cli("validate", "catalogue", "--format", "json", "--cache-dir", "c")
    assert work["parsed"] == 3  # the edited file and the two that are never kept
    assert warm.output == cli("validate", "catalogue", "--format", "json", "--no-cache").output
    assert outputs(cli, "--cache-dir", "c") == outputs(cli, "--no-cache")


def test_reuse_respects_the_runs_own_limits(tmp_path: Path) -> None:
    """An entry made when the run had room is not used where the run's limits stop reading."""
    for name, first in (("a.yaml", 0), ("b.yaml", 2), ("c.yaml", 4)):
        (tmp_path / name).write_text(
            "".join(f"---\nkind: Learner\nid: L-{n}\n" for n in range(first, first + 2)), encoding="utf-8"
        )
    cache = ValidationCache(tmp_path / "cache")

    def run(limits: Limits) -> tuple[object, FileCache]:
        files = FileCache(cache, "the same settings")
        loaded = load_paths([tmp_path], limits, reuse=files)
        for document in loaded.documents:
            files.schema_findings(document, check_document)
        files.save()
        return loaded, files

    run(DEFAULT_LIMITS)
    for limits in (Limits(max_documents=3), Limits(max_total_nodes=7), DEFAULT_LIMITS):
        loaded, files = run(limits)
        fresh = load_paths([tmp_path], limits)
        assert loaded == fresh, limits
        assert [finding.location for finding in loaded.findings] == [finding.location for finding in fresh.findings]
        if limits.max_documents == 3:
            assert files.reused == 1  # a.yaml; b.yaml stops at the run's third document, c.yaml is not read
    assert (files.reused, files.parsed) == (3, 0)
