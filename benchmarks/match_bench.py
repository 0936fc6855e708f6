"""How long ``trajectkit match`` takes to place learners, from 2,000 to 20,000.

    python3 benchmarks/match_bench.py                        # 2k, 5k, 10k, 20k learners
    python3 benchmarks/match_bench.py --learners 20000 --places 8,12,24 --jobs 1,2
    python3 benchmarks/match_bench.py --learners 5000 --places 0,12,24   # 0 = exact (no pruning)

For each size it generates a catalogue (``generate.py``, seeded; workplaces = half the
learners; 700 trajectories and 600 qualifications as in Flanders; no learner placed
yet), reads and validates it once, then times :func:`trajectkit.analysis.match.match` alone
(best of ``--repeat`` runs, SciPy already imported). Reading and validating the
files is reported apart: it is the same for every command.

Printed per run: wall time, CPU time of this process and its workers, learners placed
and left, total distance, learner-workplace pairs given to the solver and assignment
problems solved (see the matching module's documentation).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import Sizes, generate

from trajectkit.analysis.match import CANDIDATE_PLACES, MatchResult, match
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.config import Config
from trajectkit.profile import DEFAULT_PROFILE, Profile, load_profile
from trajectkit.validation.pipeline import check_catalogue

DAY = dt.date(2026, 9, 1)


@dataclass(frozen=True)
class Timed:
    """The fastest of several runs of :func:`match`: wall and CPU seconds, and its answer."""

    wall: float
    cpu: float
    result: MatchResult


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def matching_catalogue(folder: Path, sizes: Sizes, seed: int, profile: Profile) -> tuple[Catalogue, float]:
    """Generate a catalogue with nobody placed yet (``sizes.placed_share`` is ignored),
    read and validate it; return it and the seconds reading and validating took."""
    generate(folder, replace(sizes, placed_share=0.0), seed=seed)
    started = time.perf_counter()
    catalogue, report = check_catalogue([folder], Config(profile=profile))
    loading = time.perf_counter() - started
    if report.errors:
        raise ValueError(f"generated catalogue {folder} has {report.errors} errors")
    return catalogue, loading


def timed_match(catalogue: Catalogue, profile: Profile, places: int | None, jobs: int, repeat: int) -> Timed:
    """The fastest of ``repeat`` runs of :func:`match` on ``DAY``; ``places`` None is exact."""
    import scipy.optimize  # noqa: F401  imported once, outside the timings

    best: Timed | None = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), cpu_seconds()
        result = match(catalogue, profile, DAY, candidate_places=places, jobs=jobs)
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        if best is None or wall < best.wall:
            best = Timed(wall, cpu, result)
    assert best is not None
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--learners", default="2000,5000,10000,20000", help="comma-separated sizes (default 2000,5000,10000,20000)"
    )
    parser.add_argument(
        "--places",
        default=str(CANDIDATE_PLACES),
        help=f"candidate places per learner, comma-separated; 0 = exact (default {CANDIDATE_PLACES})",
    )
    parser.add_argument("--jobs", default="1,2", help="processes, comma-separated (default 1,2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting; the fastest counts (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, help="keep the generated catalogues here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    args = parser.parse_args(argv)

    profile = load_profile(DEFAULT_PROFILE)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        base = args.data or Path(scratch)
        print(
            f"{'learners':>8} {'workpl.':>7} {'places':>6} {'jobs':>4} {'wall s':>7} {'cpu s':>6} {'placed':>7} "
            f"{'left':>6} {'total km':>10} {'edges':>7} {'flows':>5}   (load+validate s)"
        )
        for learners in (int(n) for n in args.learners.split(",")):
            folder = base / f"learners-{learners}"
            try:
                catalogue, loading = matching_catalogue(
                    folder, Sizes(learners=learners, workplaces=learners // 2), args.seed, profile
                )
            except ValueError as error:
                print(error, file=sys.stderr)
                return 1
            for places in (int(n) for n in args.places.split(",")):
                for jobs in (int(n) for n in args.jobs.split(",")):
                    timed = timed_match(catalogue, profile, places or None, jobs, args.repeat)
                    wall, cpu, result = timed.wall, timed.cpu, timed.result
                    row = {
                        "learners": learners,
                        "workplaces": learners // 2,
                        "candidate_places": places,
                        "jobs": jobs,
                        "wall_s": round(wall, 2),
                        "cpu_s": round(cpu, 2),
                        "placed": len(result.assignments),
                        "unmatched": len(result.unmatched),
                        "total_km": round(result.total_km, 1),
                        "edges": result.edges,
                        "flows": result.flows_solved,
                        "load_validate_s": round(loading, 1),
                    }
                    rows.append(row)
                    print(
                        f"{learners:>8} {learners // 2:>7} {places or 'all':>6} {jobs:>4} {wall:>7.2f} {cpu:>6.2f} "
                        f"{row['placed']:>7} {row['unmatched']:>6} {row['total_km']:>10.1f} {row['edges']:>7} "
                        f"{row['flows']:>5}   ({loading:.1f})",
                        flush=True,
                    )
    if args.json:
        args.json.write_text(
            json.dumps({"cpus": os.cpu_count(), "load_average": os.getloadavg(), "runs": rows}, indent=2) + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
