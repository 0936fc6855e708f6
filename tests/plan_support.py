"""Helpers for the learning-plan tests: sample catalogues copied and edited on disk."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.config import Config
from trajectkit.profile import DEFAULT_PROFILE, load_profile
from trajectkit.validation.pipeline import check_catalogue
from trajectkit.validation.report import Report

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
TEMPLATES = REPO / "templates"
TRAJECTORY = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"


def templates_with(tmp_path: Path, snippet: str, where: str = "<body>\n") -> Path:
    """A copy of the templates folder with ``snippet`` after ``where`` in plan.html.j2."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    main = folder / "plan.html.j2"
    text = main.read_text(encoding="utf-8")
    assert where in text
    main.write_text(text.replace(where, where + snippet + "\n", 1), encoding="utf-8")
    return folder


def copy_samples(target: Path, *, learners: tuple[str, ...] | None = None) -> Path:
    """A copy of the sample catalogue under ``target``; only ``learners`` if given."""
    folder = target / "catalogue"
    shutil.copytree(SAMPLES, folder)
    (folder / "README.md").unlink()
    if learners is not None:
        for path in (folder / "learners").glob("*.yaml"):
            if path.stem not in learners:
                path.unlink()
    return folder


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a file; the text must be there exactly ``count`` times."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def workplace_only(catalogue: Path, competence: str = "bkc0051300") -> None:
    """Make the trajectory teach ``competence`` only at the workplace."""
    path = catalogue / TRAJECTORY
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(  - competence: {competence}[^\n]*\n    at: )\[[^\]]*\]")
    assert pattern.search(text), competence
    path.write_text(pattern.sub(r"\1[werkplek]", text), encoding="utf-8")


def load(folder: Path) -> tuple[Catalogue, Report]:
    return check_catalogue([folder], Config(profile=load_profile(DEFAULT_PROFILE)))


def pdf_text(path: Path) -> str:
    """The PDF's text with all whitespace runs made single spaces."""
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


def pdf_row(path: Path, starts: str) -> str:
    """The table row whose first cell starts with ``starts``, all columns squashed into
    one line (``pdftotext -layout`` keeps a row's lines together, rows apart)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    lines = text.splitlines()
    first = next(index for index, line in enumerate(lines) if line.strip().startswith(starts))
    row = []
    for line in lines[first:]:
        if not line.strip():
            break
        row.append(line)
    return squash(" ".join(row))


def squash(text: str) -> str:
    return " ".join(text.split())
