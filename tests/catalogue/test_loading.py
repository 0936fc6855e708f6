"""Reading untrusted YAML: marks, duplicate keys, limits, encodings, never a traceback."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from trajectkit.catalogue.documents import locate
from trajectkit.catalogue.files import DEFAULT_LIMITS, Limits
from trajectkit.catalogue.loading import load_paths, parse_bytes


def findings_of(text: str | bytes, limits: Limits = DEFAULT_LIMITS) -> list[tuple[str, int, int]]:
    raw = text.encode() if isinstance(text, str) else text
    _, findings = parse_bytes(raw, "f.yaml", limits)
    return [(finding.rule, finding.location.line, finding.location.column) for finding in findings]


def test_keys_and_items_keep_their_line_and_column() -> None:
    text = "kind: X\nlist:\n  - a\n  - id: b\n    title: T\n"
    (document,), findings = parse_bytes(text.encode(), "f.yaml")
    assert findings == []
    assert locate(document.data, ["list"]) == (2, 1)
    assert locate(document.data, ["list", 1]) == (4, 5)
    assert locate(document.data, ["list", 1, "title"]) == (5, 5)
    # a missing key falls back to its nearest ancestor
    assert locate(document.data, ["list", 1, "nope"]) == (4, 5)


def test_multi_document_files_skip_empty_documents() -> None:
    documents, findings = parse_bytes(b"id: a\n---\n---\nid: b\n", "f.yaml")
    assert findings == []
    assert [document.data["id"] for document in documents] == ["a", "b"]
    assert documents[1].mark == (4, 1)


def test_null_means_the_key_is_absent_but_its_place_is_known() -> None:
    (document,), _ = parse_bytes(b"a: 1\nb: null\nc: ~\n", "f.yaml")
    assert dict(document.data) == {"a": 1}
    assert locate(document.data, ["c"]) == (3, 1)


def test_dates_stay_text_and_keys_are_never_booleans() -> None:
    (document,), _ = parse_bytes(b"on: 2025-09-01\nno: yes\n", "f.yaml")
    assert document.data == {"on": "2025-09-01", "no": True}


def test_duplicate_key_names_both_lines_and_keeps_reading() -> None:
    text = "a: 1\nb: 2\na: 3\nc: {x: 1, x: 2}\n"
    documents, findings = parse_bytes(text.encode(), "f.yaml")
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [
        ("duplicate-key", 3, 1),
        ("duplicate-key", 4, 11),
    ]
    assert "first at line 1" in findings[0].message
    assert documents[0].data["a"] == 1


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert findings_of("\n".join(lines))[0][0] == "yaml-limits"
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 100_000


def test_too_many_aliases_is_refused() -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 20) + "]\n"
    assert findings_of(text, Limits(max_aliases=10)) == [("yaml-limits", 2, 45)]
    assert findings_of(text) == []


@pytest.mark.parametrize("depth", [100, 10_000, 200_000])
def test_deep_nesting_is_refused_without_recursion(depth: int) -> None:
    rule, line, _ = findings_of("[" * depth + "]" * depth)[0]
    assert (rule, line) == ("yaml-limits", 1)


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # 50 MB, sparse: never read
    result = load_paths([big])
    assert [(f.rule, f.location.line) for f in result.findings] == [("yaml-limits", 1)]
    assert "over the limit" in result.findings[0].message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: \xff\xfe\n", ("yaml-syntax", 1, 4)),
        (b"a: b\nc: \x00\x01\x02\n", ("yaml-syntax", 2, 4)),
        (b"a:\n\t- b\n", ("yaml-syntax", 2, 1)),
        (b"a: [1,\n", ("yaml-syntax", 2, 1)),
        (b"a: !!python/object/apply:os.system [ls]\n", ("yaml-syntax", 1, 4)),
        (b"a: !custom x\n", ("yaml-syntax", 1, 4)),
        (b"a: *nowhere\n", ("yaml-syntax", 1, 4)),
        (b"? [a, b]\n: c\n", ("yaml-syntax", 1, 3)),
    ],
    ids=[
        "invalid-utf8",
        "nul-bytes",
        "tab-indent",
        "unclosed-flow",
        "python-tag",
        "custom-tag",
        "unknown-alias",
        "complex-key",
    ],
)
def test_unreadable_text_is_a_syntax_finding(raw: bytes, expected: tuple[str, int, int]) -> None:
    assert findings_of(raw) == [expected]


def test_tabs_are_explained() -> None:
    _, findings = parse_bytes(b"a:\n\t- b\n", "f.yaml")
    assert "tabs" in findings[0].message


def test_utf16_with_bom_is_read() -> None:
    (document,), findings = parse_bytes("\ufeffnaam: Zoë\n".encode("utf-16"), "f.yaml")
    assert findings == [] and document.data == {"naam": "Zoë"}


def test_empty_file_is_reported() -> None:
    assert findings_of(b"") == [("schema", 1, 1)]
    assert findings_of(b"# only a comment\n") == [("schema", 1, 1)]


def test_directories_are_searched_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/two.yml", "a.yaml", "notes.txt", ".hidden/x.yaml", "trajectkit.yaml", ".pre-commit-config.yaml"):
        (tmp_path / name).write_text("id: x\n")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = load_paths([tmp_path])
    assert [Path(name).relative_to(tmp_path).as_posix() for name in result.files] == ["a.yaml", "b/two.yml"]


def test_documents_before_a_syntax_error_are_kept() -> None:
    documents, findings = parse_bytes(b"id: a\n---\nid: b\n---\nid: [c\n", "f.yaml")
    assert [document.data["id"] for document in documents] == ["a", "b"]
    # The flow sequence is never closed: the error points at where it starts, not past
    # the end of the file, and keeps the parser's "started at".
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [("yaml-syntax", 5, 5)]
    assert "flow sequence started at line 5, column 5" in findings[0].message
