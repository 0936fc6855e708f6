"""How fast ``trajectkit plan`` renders: 50 plans, --jobs 1 against --jobs 2, and a floor.

The catalogue is the sample one with its five learners replicated under new ids
(capacities raised so that no plan is refused). The floor is WeasyPrint laying out the
same text as plain paragraphs with no stylesheet, in the same run: the ratio
plan/floor says what the layout (tables, running footers, page counters) costs on top
of WeasyPrint's fixed cost per document.

Usage: python benchmarks/plan_bench.py [--plans 50]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shutil
import sys
import tempfile
import time
from html import escape
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from trajectkit.analysis.plan import build_plan
from trajectkit.commands.plan import PlanOptions
from trajectkit.commands.plan import run as run_plan
from trajectkit.config import Config
from trajectkit.profile import DEFAULT_PROFILE, load_profile
from trajectkit.rendering import render_html
from trajectkit.resources import templates_dir
from trajectkit.validation.pipeline import check_catalogue


def make_catalogue(folder: Path, plans: int) -> list[str]:
    """The sample catalogue with ``plans`` learners, copied from the five samples."""
    shutil.copytree(REPO / "samples", folder)
    (folder / "README.md").unlink()
    for workplace in (folder / "workplaces").glob("*.yaml"):
        text = re.sub(r"capacity: \d+", "capacity: 1000", workplace.read_text(encoding="utf-8"))
        workplace.write_text(text, encoding="utf-8")
    sources = sorted((folder / "learners").glob("*.yaml"))
    texts = [path.read_text(encoding="utf-8") for path in sources]
    for path in sources:
        path.unlink()
    ids = []
    for number in range(1, plans + 1):
        ident = f"L-2026-{number + 1000:04d}"
        text = texts[(number - 1) % len(texts)]
        text = re.sub(r"^id: .*$", f"id: {ident}", text, count=1, flags=re.MULTILINE)
        (folder / "learners" / f"{ident}.yaml").write_text(text, encoding="utf-8")
        ids.append(ident)
    return ids


def timed_run(catalogue: Path, out: Path, jobs: int) -> float:
    started = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):
        code = run_plan(PlanOptions((str(catalogue),), str(out), all_learners=True, jobs=jobs))
    elapsed = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"plan run with --jobs {jobs} failed (exit {code})")
    return elapsed


class _Text(HTMLParser):
    """The visible text of a plan's HTML, one string per text node."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("style", "title", "head"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "head"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))


def floor_seconds(catalogue: Path, ids: list[str]) -> float:
    """WeasyPrint on the same text as plain paragraphs, serial, per plan."""
    from weasyprint import HTML

    cat, _ = check_catalogue([catalogue], Config(profile=load_profile(DEFAULT_PROFILE)))
    documents = []
    for ident in ids:
        parser = _Text()
        parser.feed(render_html(build_plan(cat, ident), templates_dir()))
        body = "".join(f"<p>{escape(part)}</p>" for part in parser.parts)
        documents.append(f"<!DOCTYPE html><html><body>{body}</body></html>")
    HTML(string=documents[0]).write_pdf()  # warm-up, as the plan runs import WeasyPrint too
    started = time.perf_counter()
    for document in documents:
        HTML(string=document).write_pdf()
    return (time.perf_counter() - started) / len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plan-bench-") as temporary:
        root = Path(temporary)
        catalogue = root / "catalogue"
        ids = make_catalogue(catalogue, args.plans)
        serial = timed_run(catalogue, root / "out-1", jobs=1)
        parallel = timed_run(catalogue, root / "out-2", jobs=2)
        floor = floor_seconds(catalogue, ids)
        pages = _pages(root / "out-1" / f"{ids[0]}.pdf")
    n = len(ids)
    print(f"plans rendered:          {n} (first plan: {pages} pages)")
    print(f"--jobs 1:                {serial:6.2f} s  = {serial / n:.3f} s/plan")
    print(f"--jobs 2:                {parallel:6.2f} s  = {parallel / n:.3f} s/plan")
    print(f"speed-up --jobs 2 / 1:   {serial / parallel:.2f}x")
    print(f"floor (plain text):      {floor:.3f} s/plan (WeasyPrint, same text as <p>, serial)")
    print(f"ratio plan / floor:      {serial / n / floor:.2f}x (--jobs 1)")


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


if __name__ == "__main__":
    main()
