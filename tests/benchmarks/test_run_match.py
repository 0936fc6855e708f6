"""benchmarks/run.py's match rows: the time against the goal, and the quality check
against the exact optimum (not timed: the figures are computed and consistent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import generate
import run

from trajectkit.analysis.match import match
from trajectkit.config import Config
from trajectkit.profile import DEFAULT_PROFILE, load_profile
from trajectkit.validation.pipeline import check_catalogue


def test_match_rows_time_and_quality_against_the_exact_optimum(tmp_path: Path) -> None:
    bench = run.Bench(tmp_path / "scratch", repeat=1, budget=1.0, check_jsonschema=None, log=lambda text: None)
    bench.scratch.mkdir()
    bench.match(3, seed=2)

    timing, quality = bench.rows
    assert (timing.scenario, timing.scale, timing.unit) == ("match 1 process / goal", "3", "s")
    sizes = run.sizes_for(3)
    assert sizes.learners == 100 and sizes.workplaces == 50
    assert timing.floor == run.MATCH_GOAL_SECONDS * 100 / 20_000  # the goal scaled to these learners
    assert timing.trajectkit > 0 and timing.met is None  # no verdict below Flanders scale
    assert "100 learners x 50 workplaces" in timing.note

    # The exact optimum, computed here on the same generated catalogue.
    folder = tmp_path / "same"
    generate.generate(folder, generate.Sizes(3, sizes.trajectories, 50, 100, placed_share=0.0), seed=2)
    profile = load_profile(DEFAULT_PROFILE)
    catalogue, report = check_catalogue([folder], Config(profile=profile))
    assert report.errors == 0
    exact = match(catalogue, profile, dt.date(2026, 9, 1), candidate_places=None, jobs=1)
    assert len(exact.assignments) > 0

    assert (quality.scenario, quality.unit) == ("match total km / exact optimum", "km")
    assert quality.floor == exact.total_km
    assert quality.runs == {"placed": (len(exact.assignments),), "exact_placed": (len(exact.assignments),)}
    assert exact.total_km <= quality.trajectkit
    assert quality.met is (quality.trajectkit <= 1.001 * exact.total_km)
    assert f"{len(exact.assignments):,} placed, exact {len(exact.assignments):,}" in quality.note

    shown = run.table(bench.rows)
    assert "match 1 process / goal" in shown and "<= 5 s at 600" in shown and "<= 1.001x, same placed" in shown


def test_match_quality_fails_when_fewer_are_placed() -> None:
    row = run.Row("match total km / exact optimum", "1", 99.0, 100.0, "km", 1.001, verdict=False)
    assert row.ratio < 1.001 and row.met is False
