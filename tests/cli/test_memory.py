"""Hostile input within the documented limits costs every command less than 200 MB.

Each case runs trajectkit as a process of its own; its peak memory is read from the
kernel (``tests/processes.py``). The inputs are made in a temporary folder. The
spreadsheet cases of ``import`` (a CSV of 100,000 × 55 cells, a workbook of a quarter
gigabyte unpacked) are measured in ``tests/sheets/test_workbook.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from processes import PEAK_LIMIT_MIB, trajectkit


@pytest.fixture(scope="module")
def eight_big_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One 14.4 MB file of 8 documents of 900,000 values each: 838 MB when the value
    count started again at every ``---``."""
    folder = tmp_path_factory.mktemp("eight") / "catalogue"
    folder.mkdir()
    documents = (f"kind: Learner\nid: L-{index}\nx-items: [{'1,' * 900_000}1]\n" for index in range(8))
    (folder / "big.yaml").write_text("---\n".join(documents), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tiny_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """100,000 documents of two lines, five schema errors each: 409 MB and a 54 MB report before."""
    folder = tmp_path_factory.mktemp("tiny") / "catalogue"
    folder.mkdir()
    (folder / "many.yaml").write_text(
        "".join(f"---\nkind: Learner\nid: L-{index}\n" for index in range(100_000)), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("command", [("validate", "--no-cache"), ("stats", "--on", "2026-10-01")])
def test_values_count_per_file_not_per_document(eight_big_documents: Path, command: tuple[str, ...]) -> None:
    run = trajectkit(command[0], eight_big_documents, *command[1:], cwd=eight_big_documents.parent, timeout=300)
    assert run.code == 1, run.output[-2000:]
    assert "big.yaml:7:199997" in run.output  # in the second document, where the file passes the limit
    assert "[yaml-limits] file expands to more than 1,000,000 values (all its documents together)" in run.output
    assert "Traceback" not in run.output
    assert run.peak_mib < PEAK_LIMIT_MIB, run.peak_mib


def test_files_past_their_value_limit_do_not_add_up(eight_big_documents: Path, tmp_path: Path) -> None:
    """Four files of 8 × 900,000 values: the documents before each file's limit were kept,
    407 MB for four files; a file past its limit is now refused as a whole."""
    import shutil

    folder = tmp_path / "catalogue"
    folder.mkdir()
    for index in range(4):
        shutil.copy(eight_big_documents / "big.yaml", folder / f"big{index}.yaml")
    run = trajectkit("validate", folder, "--no-cache", cwd=tmp_path, timeout=300)
    assert run.code == 1, run.output[-2000:]
    assert run.output.count("[yaml-limits] file expands to more than 1,000,000 values") == 4
    assert "Traceback" not in run.output
    assert run.peak_mib < PEAK_LIMIT_MIB, run.peak_mib


def test_a_hundred_thousand_documents_give_a_bounded_report(tiny_documents: Path) -> None:
    """Read up to the run's 60,000 documents (limits.max_documents), five errors each listed
    up to 10,000 problems, the rest counted."""
    run = trajectkit("validate", tiny_documents, "--no-cache", cwd=tiny_documents.parent, timeout=600)
    assert run.code == 1, run.output[-2000:]
    lines = run.output.splitlines()
    assert lines[-1] == "300001 errors, 0 warnings in 1 file (290,000 not listed)"
    assert len([line for line in lines if "[schema]" in line]) == 10_000
    # Why the rest was not read is listed, although it comes after the first 10,000.
    assert "many.yaml:180001:1: error [yaml-limits] the files read so far hold 60,000 documents" in run.output
    assert len(run.output) < 2_000_000  # 54 MB before
    assert run.peak_mib < PEAK_LIMIT_MIB, run.peak_mib
