"""Every performance figure of issue 8 in one table: trajectkit against a floor of the same run.

    python3 benchmarks/run.py --quick                 # small scales, under two minutes
    python3 benchmarks/run.py                         # 100, 1,000 and 3,000 qualifications
    python3 benchmarks/run.py --quick --json out.json # also save every figure and every run

Machines are noisy (and ours are shared), so no figure stands alone: each is a ratio
to a floor measured in the same run, on the same files, the same way. Each
measurement is the median of up to ``--repeat`` runs (fewer when one run already
takes longer than the ``--budget`` allows; the JSON file says how many).

Scenarios (rows of the table):

- validate cold: ``python -m trajectkit validate DIR --no-cache --format json``
  (output to /dev/null) against a tiny script that loads every file of DIR with
  ``yaml.load_all(..., Loader=yaml.CSafeLoader)``. Both are fresh processes, so the
  interpreter's start-up and the imports are included in both. Target <= 0.5x.
- validate warm: the same command with a cache that holds the answer (nothing
  changed), against the cold run. Target <= 0.2x.
- vs check-jsonschema: trajectkit (cold) on a copy of the catalogue with one
  document per file, against ``check-jsonschema --schemafile schemas/<kind>.schema.json``
  run per kind on the files of that kind, summed (check-jsonschema reads one
  document per file; its file lists are split into batches that fit a command
  line, one process each). Target <= 0.2x (at least 5x faster). A full run stops
  comparing above 1,000 qualifications (``--check-jsonschema-up-to``): at 3,000
  check-jsonschema alone takes some twenty minutes.
- start-up: ``python -m trajectkit --version`` / ``--help`` (and the installed
  ``trajectkit`` script) against ``python -c pass``. Target <= 4x.
- match: ``trajectkit.analysis.match.match`` with one process, on the scale's learners
  and workplaces with nobody placed yet (``match_bench.py``: catalogue read once, the
  fastest of ``--repeat`` runs), against the goal of 5 s at Flanders' 20,000 learners
  (600 qualifications; below it the goal scaled linearly, indicative, no verdict). Up
  to ``MATCH_EXACT_UP_TO`` learners also the exact optimum: the same number placed and
  the total distance within 0.1 % of it. ``--match-scales`` (default: the run's scales
  with ``--quick``, else 150 and 600).
- plan: seconds per PDF, as what one more plan costs (``--jobs 1``: a run of N
  plans minus a run of one, over N - 1) against WeasyPrint laying out the same text
  as plain paragraphs (``plan_bench.py``, warmed up), target <= 1.5x; and ``--jobs 2``
  against ``--jobs 1`` on the N plans, target at least 1.7x faster (a second core must
  be free for it).
- progress: ``python -m trajectkit progress DIR --on DATE --format json`` on the
  catalogue of the scale with its history (``generate.py --over-time``: evaluations,
  plan versions, early endings), against ``validate`` cold on the same files with the
  same reference date (``today:``). Both read and validate every file; progress then
  works out every learner. Target <= 2x. Up to ``PROGRESS_UP_TO`` qualifications.
- scaling: validate's CPU time per file (cold, minus that of validating the 12-file
  samples, which is start-up, imports and compiling the schemas) at each scale
  against the smallest scale, target <= 1.25x; and its peak memory (ru_maxrss of
  the child process, from ``os.wait4``) against the smallest scale, target: no more
  growth than the catalogue's bytes. CPU rather than wall time because a trend is
  what counts, and the wall time of a long run grows with the others' load.

The catalogues come from ``generate.py`` (seeded) in Flanders' proportions: per 600
qualifications, 700 trajectories, 10,000 workplaces and 20,000 learners.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from generate import Sizes, generate
from over_time import OverTime

from trajectkit.catalogue.kinds import KIND_SCHEMAS

QUICK_SCALES = (10, 20, 40)
FULL_SCALES = (100, 1_000, 3_000)
#: check-jsonschema needs about 0.4 s per qualification's worth of files (20 minutes at
#: 3,000); a full run compares with it up to this scale unless told otherwise.
CHECK_JSONSCHEMA_UP_TO = 1_000
#: Flanders: 600 qualifications, 700 trajectories, 10,000 workplaces, 20,000 learners.
PER_QUALIFICATION = (700 / 600, 10_000 / 600, 20_000 / 600)
#: The progress row runs up to this scale (Flanders is 600): its catalogue holds the
#: learners' history, several times the values of the others.
PROGRESS_UP_TO = 1_000
#: The reference date of the progress row, and the limits its catalogue needs: a
#: history of 20,000 learners holds more values than a run reads by default.
PROGRESS_ON = "2027-06-01"
PROGRESS_CONFIG = f"today: {PROGRESS_ON}\nlimits: {{max_total_nodes: 100000000, max_documents: 1000000}}\n"
#: Targets of the Flanders-scale goals: cold validate at most half the CSafeLoader
#: floor, a plan PDF at most 1.5x WeasyPrint on plain paragraphs, and --jobs 2 at least
#: 1.7x faster than --jobs 1 (its row is the time ratio: at most 1 / 1.7).
COLD_TARGET = 0.5
PLAN_TARGET = 1.5
JOBS_SPEED_UP = 1.7
#: match: the goal is 5 s with one process for Flanders' 20,000 learners x 10,000 workplaces.
MATCH_GOAL_SECONDS = 5.0
MATCH_GOAL_LEARNERS = 20_000
#: Up to this many learners the exact optimum (every candidate place) is computed too:
#: about 7 s for Flanders' 20,000 (SciPy's assignment solver; networkx's simplex took 30 s).
MATCH_EXACT_UP_TO = 20_000
#: The match rows of a full run: 5,000 learners (exact optimum within reach) and Flanders.
MATCH_FULL_SCALES = (150, 600)
#: Bytes of file names per check-jsonschema process (Linux allows 2 MiB with the environment).
ARGUMENT_BYTES = 256 * 1024

FLOOR_SCRIPT = """\
import os, sys, yaml
documents = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    for name in sorted(files):
        if name.endswith((".yaml", ".yml")) and not name.startswith("."):
            with open(os.path.join(root, name), "rb") as stream:
                documents += sum(1 for _ in yaml.load_all(stream, Loader=yaml.CSafeLoader))
print(documents)
"""


# --------------------------------------------------------------------------- running children


@dataclass(frozen=True)
class Run:
    """One child process: wall and CPU seconds, peak resident memory, exit code."""

    wall: float
    cpu: float
    rss_mb: float
    code: int


@dataclass(frozen=True)
class Measured:
    """The median of several runs of the same thing (max for memory)."""

    wall: float
    cpu: float
    rss_mb: float
    runs: tuple[float, ...]
    cpus: tuple[float, ...]

    @staticmethod
    def of(runs: Sequence[Run]) -> Measured:
        return Measured(
            wall=statistics.median(run.wall for run in runs),
            cpu=statistics.median(run.cpu for run in runs),
            rss_mb=max(run.rss_mb for run in runs),
            runs=tuple(round(run.wall, 4) for run in runs),
            cpus=tuple(round(run.cpu, 4) for run in runs),
        )


class CommandFailed(Exception):
    """A measured command did not do what it should (the figures would be meaningless)."""


def child_environment() -> dict[str, str]:
    """This environment without what would change trajectkit's behaviour or output, or
    make every run compile the code again (as no installed copy does)."""
    dropped = ("TRAJECTKIT_CACHE_DIR", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "PYTHONDONTWRITEBYTECODE")
    return {key: value for key, value in os.environ.items() if key not in dropped}


def run_child(
    argv: Sequence[str], cwd: Path, expect: Iterable[int] = (0,), stdout: int | None = subprocess.DEVNULL
) -> Run:
    """Run ``argv`` once; its own rusage (``os.wait4``), not that of earlier children."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(list(argv), cwd=cwd, env=child_environment(), stdout=stdout, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code  # reaped here; Popen must not wait for it again
        if code not in tuple(expect):
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise CommandFailed(f"{' '.join(argv[:6])} ... exited {code}: " + " | ".join(tail))
    # ru_maxrss is in KiB on Linux; on a child that ran a pool, the largest single process.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)


def repeated(once: Callable[[], Run], repeat: int, budget: float) -> Measured:
    """Median of up to ``repeat`` runs; stop early when the next run would exceed ``budget`` seconds."""
    runs = [once()]
    while len(runs) < repeat:
        spent = sum(run.wall for run in runs)
        if spent + statistics.median(run.wall for run in runs) > budget:
            break
        runs.append(once())
    return Measured.of(runs)


def combined(runs: Iterable[Run]) -> Run:
    """Several processes that together do one job (check-jsonschema per kind and batch)."""
    runs = list(runs)
    return Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.rss_mb for r in runs), 0)


# --------------------------------------------------------------------------- catalogues


@dataclass(frozen=True)
class Scale:
    """A generated catalogue: its sizes, where it is, and how much it holds."""

    qualifications: int
    sizes: Sizes
    folder: Path
    files: int
    documents: int
    megabytes: float

    @property
    def label(self) -> str:
        return f"{self.qualifications:,}"


def sizes_for(qualifications: int) -> Sizes:
    trajectories, workplaces, learners = (max(1, round(qualifications * ratio)) for ratio in PER_QUALIFICATION)
    return Sizes(qualifications, trajectories, workplaces, learners)


def make_scale(qualifications: int, folder: Path, seed: int) -> Scale:
    sizes = sizes_for(qualifications)
    generate(folder, sizes, seed=seed)
    files = yaml_files(folder)
    providers = max(1, sizes.trajectories // 3)  # as generate.py's providers() makes them
    documents = sizes.qualifications + 2 * sizes.trajectories + sizes.workplaces + sizes.learners + providers
    return Scale(qualifications, sizes, folder, len(files), documents, sum(f.stat().st_size for f in files) / 1e6)


def yaml_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.suffix in (".yaml", ".yml") and path.is_file())


_SEPARATOR = re.compile(r"^---[ \t]*\n?", re.MULTILINE)
_KIND = re.compile(r"^kind:[ \t]*(\S+)", re.MULTILINE)


def one_document_per_file(source: Path, target: Path) -> dict[str, list[Path]]:
    """Copy the catalogue with each document in a file of its own, grouped by kind.

    check-jsonschema reads one YAML document per file. The generator writes
    workplaces and learners 100 to a file, separated by lines ``---``; its scalars
    are JSON-quoted, so such a line is always a separator.
    """
    by_kind: dict[str, list[Path]] = {}
    for file in yaml_files(source):
        parts = [part for part in _SEPARATOR.split(file.read_text(encoding="utf-8")) if part.strip()]
        for number, text in enumerate(parts, 1):
            kind = _KIND.search(text)
            if kind is None or kind.group(1) not in KIND_SCHEMAS:
                raise CommandFailed(f"{file}: document {number} has no known kind")
            name = f"{file.stem}-{number:03d}.yaml" if len(parts) > 1 else file.name
            path = target / KIND_SCHEMAS[kind.group(1)] / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            by_kind.setdefault(kind.group(1), []).append(path)
    return by_kind


def batches(names: Sequence[str], limit: int = ARGUMENT_BYTES) -> Iterable[list[str]]:
    batch: list[str] = []
    size = 0
    for name in names:
        if batch and size + len(name) + 1 > limit:
            yield batch
            batch, size = [], 0
        batch.append(name)
        size += len(name) + 1
    if batch:
        yield batch


# --------------------------------------------------------------------------- the table


@dataclass
class Row:
    """One line of the table: trajectkit's figure, the floor's, their ratio and the target."""

    scenario: str
    scale: str
    trajectkit: float
    floor: float
    unit: str
    target: float | None = None
    cpu_ratio: float | None = None
    runs: dict[str, tuple[float, ...]] = field(default_factory=dict)
    note: str = ""
    #: Shown in the target column instead of ``<= target``.
    target_label: str = ""
    #: Decides ``met`` where the ratio alone does not (the match quality check).
    verdict: bool | None = None

    @property
    def ratio(self) -> float:
        return self.trajectkit / self.floor if self.floor else float("inf")

    @property
    def met(self) -> bool | None:
        if self.verdict is not None:
            return self.verdict
        return None if self.target is None else self.ratio <= self.target


def shown(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "km":
        return f"{value:,.0f} km"
    if unit == "MB":
        return f"{value:.0f} MB" if value >= 10 else f"{value:.1f} MB"
    return f"{value:.2f} {unit}"


def table(rows: Sequence[Row]) -> str:
    header = ("scenario", "scale", "trajectkit", "floor", "ratio", "cpu ratio", "target", "met")
    lines = [header]
    for row in rows:
        verdict = "-" if row.met is None else ("yes" if row.met else "NO")
        lines.append(
            (
                row.scenario,
                row.scale,
                shown(row.trajectkit, row.unit),
                shown(row.floor, row.unit),
                f"{row.ratio:.2f}x",
                "" if row.cpu_ratio is None else f"{row.cpu_ratio:.2f}x",
                row.target_label or ("" if row.target is None else f"<= {row.target:.2f}x"),
                verdict,
            )
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    left = {0, 1}

    def render(line: Sequence[str]) -> str:
        cells = (
            cell.ljust(width) if column in left else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=False))
        )
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(lines[0]), rule, *(render(line) for line in lines[1:])])


# --------------------------------------------------------------------------- scenarios


@dataclass
class Bench:
    """Settings and the rows measured so far."""

    scratch: Path
    repeat: int
    budget: float
    check_jsonschema: str | None
    rows: list[Row] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    log: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)

    def sample_load(self) -> None:
        self.loads.append(os.getloadavg()[0])

    @staticmethod
    def runs(**measured: Measured) -> dict[str, tuple[float, ...]]:
        """Every run's wall and CPU seconds, for the JSON file."""
        result = {}
        for name, value in measured.items():
            result[name] = value.runs
            result[f"{name}_cpu"] = value.cpus
        return result

    def measure(self, argv: Sequence[str], cwd: Path | None = None, repeat: int | None = None) -> Measured:
        self.sample_load()
        return repeated(lambda: run_child(argv, cwd or self.scratch), repeat or self.repeat, self.budget)

    def validate_argv(self, folder: Path, *options: str) -> list[str]:
        return [sys.executable, "-m", "trajectkit", "validate", str(folder), "--format", "json", *options]

    def floor_argv(self, folder: Path) -> list[str]:
        return [sys.executable, "-c", FLOOR_SCRIPT, str(folder)]

    def check_floor_reads_everything(self, folder: Path, documents: int) -> None:
        out = subprocess.run(self.floor_argv(folder), cwd=self.scratch, capture_output=True, text=True, check=True)
        if int(out.stdout) != documents:
            raise CommandFailed(f"the floor read {out.stdout.strip()} documents in {folder}, expected {documents}")

    # ----- validate
    def validate_cold(
        self, folder: Path, label: str, documents: int, repeat: int | None = None
    ) -> tuple[Measured, Measured]:
        self.log(f"validate cold, {label}")
        self.check_floor_reads_everything(folder, documents)
        cold = self.measure(self.validate_argv(folder, "--no-cache"), repeat=repeat)
        floor = self.measure(self.floor_argv(folder), repeat=repeat)
        self.rows.append(
            Row(
                "validate cold / CSafeLoader",
                label,
                cold.wall,
                floor.wall,
                "s",
                COLD_TARGET,
                cold.cpu / floor.cpu,
                self.runs(trajectkit=cold, floor=floor),
            )
        )
        return cold, floor

    def validate_warm(self, folder: Path, label: str, cold: Measured) -> None:
        self.log(f"validate warm, {label}")
        cache = self.scratch / f"cache-{label}"
        shutil.rmtree(cache, ignore_errors=True)
        argv = self.validate_argv(folder, "--cache-dir", str(cache))
        run_child(argv, self.scratch)  # fills the cache
        if not any(cache.rglob("*.json")):
            raise CommandFailed(f"validate stored nothing in {cache}")
        warm = self.measure(argv)
        self.rows.append(
            Row(
                "validate warm / cold",
                label,
                warm.wall,
                cold.wall,
                "s",
                0.2,
                warm.cpu / cold.cpu,
                self.runs(trajectkit=warm),
            )
        )
        shutil.rmtree(cache, ignore_errors=True)

    def validate_edited(self, folder: Path, label: str, cold: Measured) -> None:
        """Validate again after one comment line was added to one file: each other file's
        reading and schema findings come from the cache; the rules run on everything."""
        self.log(f"validate after editing one file, {label}")
        cache = self.scratch / f"cache-edited-{label}"
        shutil.rmtree(cache, ignore_errors=True)
        argv = self.validate_argv(folder, "--cache-dir", str(cache))
        run_child(argv, self.scratch)  # fills the cache
        edited = yaml_files(folder)[-1]
        original = edited.read_bytes()
        edits = iter(range(1, 1_000_000))

        def once() -> Run:
            # A new line each time, so no run finds the whole report stored.
            edited.write_bytes(original + f"# edit {next(edits)}\n".encode())
            return run_child(argv, self.scratch)

        try:
            self.sample_load()
            after = repeated(once, self.repeat, self.budget)
        finally:
            edited.write_bytes(original)
        self.rows.append(
            Row(
                "validate edited one file / cold",
                label,
                after.wall,
                cold.wall,
                "s",
                0.1,
                after.cpu / cold.cpu,
                self.runs(trajectkit=after),
                note=f"a comment line added to {edited.relative_to(folder).as_posix()}",
            )
        )
        shutil.rmtree(cache, ignore_errors=True)

    def versus_check_jsonschema(self, scale: Scale) -> None:
        program = self.check_jsonschema
        if program is None:
            message = "check-jsonschema not found: its rows are skipped (see benchmarks/README.md to install it)"
            if message not in self.skipped:
                self.skipped.append(message)
            return
        self.log(f"validate vs check-jsonschema, {scale.label}")
        split = self.scratch / f"one-per-file-{scale.label}"
        shutil.rmtree(split, ignore_errors=True)
        by_kind = one_document_per_file(scale.folder, split)
        ours = self.measure(self.validate_argv(split, "--no-cache"))
        schemas = REPO / "schemas"

        def theirs() -> Run:
            runs = []
            for kind, paths in sorted(by_kind.items()):
                folder = paths[0].parent
                schema = schemas / f"{KIND_SCHEMAS[kind]}.schema.json"
                for names in batches([path.name for path in paths]):
                    runs.append(run_child([program, "--schemafile", str(schema), *names], folder))
            return combined(runs)

        self.sample_load()
        other = repeated(theirs, self.repeat, self.budget)
        processes = sum(len(list(batches([p.name for p in paths]))) for paths in by_kind.values())
        self.rows.append(
            Row(
                "validate / check-jsonschema",
                scale.label,
                ours.wall,
                other.wall,
                "s",
                0.2,
                ours.cpu / other.cpu,
                self.runs(trajectkit=ours, check_jsonschema=other),
                note=f"{sum(map(len, by_kind.values())):,} one-document files, {processes} check-jsonschema processes",
            )
        )
        shutil.rmtree(split, ignore_errors=True)

    # ----- progress
    def progress(self, scale: Scale, seed: int) -> None:
        """progress over the scale's catalogue with a history, against validate on the same files."""
        self.log(f"progress vs validate, {scale.label}")
        folder = self.scratch / f"over-time-{scale.label}"
        generate(folder, scale.sizes, seed=seed, over_time=OverTime.everything())
        config = self.scratch / "over-time.yaml"
        config.write_text(PROGRESS_CONFIG, encoding="utf-8")
        validate = self.validate_argv(folder, "--no-cache", "--config", str(config))
        progress = [sys.executable, "-m", "trajectkit", "progress", str(folder), "--config", str(config)]
        progress += ["--on", PROGRESS_ON, "--format", "json"]
        answer = subprocess.run(progress, cwd=self.scratch, env=child_environment(), capture_output=True, text=True)
        if answer.returncode not in (0, 1) or not answer.stdout.startswith("{"):
            raise CommandFailed(f"progress exited {answer.returncode}: {answer.stderr.strip()[-300:]}")
        shown = json.loads(answer.stdout)
        self.sample_load()
        ours = repeated(lambda: run_child(progress, self.scratch, expect=(0, 1)), self.repeat, self.budget)
        self.sample_load()
        floor = repeated(lambda: run_child(validate, self.scratch, expect=(0, 1)), self.repeat, self.budget)
        megabytes = sum(path.stat().st_size for path in yaml_files(folder)) / 1e6
        self.rows.append(
            Row(
                "progress / validate",
                scale.label,
                ours.wall,
                floor.wall,
                "s",
                2.0,
                ours.cpu / floor.cpu,
                self.runs(trajectkit=ours, validate=floor),
                note=f"{len(shown['learners']):,} learners, {shown['attention']:,} needing attention on {PROGRESS_ON}; "
                f"catalogue with history {megabytes:.1f} MB",
            )
        )
        shutil.rmtree(folder, ignore_errors=True)

    # ----- match
    def match(self, qualifications: int, seed: int) -> None:
        """``match`` with one process on the scale's learners and workplaces, nobody placed
        yet (match_bench.py's catalogue and timing, best of ``repeat``), against the goal;
        and, where it can be computed, against the exact optimum: same placed count and
        the total distance within 0.1 %."""
        from match_bench import matching_catalogue, timed_match

        from trajectkit.analysis.match import CANDIDATE_PLACES
        from trajectkit.profile import DEFAULT_PROFILE, load_profile

        sizes = sizes_for(qualifications)
        label = f"{qualifications:,}"
        self.log(f"match, {label} ({sizes.learners:,} learners)")
        profile = load_profile(DEFAULT_PROFILE)
        catalogue, _ = matching_catalogue(self.scratch / f"match-{label}", sizes, seed, profile)
        self.sample_load()
        pruned = timed_match(catalogue, profile, CANDIDATE_PLACES, jobs=1, repeat=self.repeat)
        placed = len(pruned.result.assignments)
        flanders = sizes.learners >= MATCH_GOAL_LEARNERS
        goal = MATCH_GOAL_SECONDS * sizes.learners / MATCH_GOAL_LEARNERS
        self.rows.append(
            Row(
                "match 1 process / goal",
                label,
                pruned.wall,
                goal,
                "s",
                1.0 if flanders else None,
                pruned.cpu / goal,
                target_label="" if flanders else "<= 5 s at 600",
                note=f"{sizes.learners:,} learners x {sizes.workplaces:,} workplaces, {placed:,} placed, "
                f"{pruned.result.edges:,} edges, {CANDIDATE_PLACES} candidate places; goal 5 s at 20,000 learners"
                + ("" if flanders else ", the floor is that goal scaled linearly to these learners (indicative)"),
            )
        )
        if sizes.learners > MATCH_EXACT_UP_TO:
            self.skipped.append(f"match exact optimum not computed at {label} (above {MATCH_EXACT_UP_TO:,} learners)")
            return
        exact = timed_match(catalogue, profile, None, jobs=1, repeat=1)
        exact_placed = len(exact.result.assignments)
        row = Row(
            "match total km / exact optimum",
            label,
            pruned.result.total_km,
            exact.result.total_km,
            "km",
            1.001,
            target_label="<= 1.001x, same placed",
            runs={"placed": (placed,), "exact_placed": (exact_placed,)},
        )
        row.verdict = placed == exact_placed and row.ratio <= 1.001
        row.note = (
            f"{placed:,} placed, exact {exact_placed:,}; total distance {100 * (row.ratio - 1):+.3f} % "
            f"of the optimum; exact solve {exact.wall:.2f} s"
        )
        self.rows.append(row)

    # ----- start-up
    def start_up(self, repeat: int) -> None:
        self.log("start-up")
        floor = self.measure([sys.executable, "-c", "pass"], repeat=repeat)
        commands = [("python -m trajectkit", [sys.executable, "-m", "trajectkit"])]
        # The console script beside this interpreter (not a pyenv shim, whose own start-up is a shell script's).
        script = Path(sysconfig.get_path("scripts")) / "trajectkit"
        if script.is_file():
            commands.append(("trajectkit (script)", [str(script)]))
        for name, argv in commands:
            for option in ("--version", "--help"):
                ours = self.measure([*argv, option], repeat=repeat)
                self.rows.append(
                    Row(
                        f"start-up {name} {option} / python -c pass",
                        "-",
                        ours.wall,
                        floor.wall,
                        "s",
                        4.0,
                        ours.cpu / floor.cpu,
                        self.runs(trajectkit=ours, floor=floor),
                    )
                )

    # ----- plan
    def plan(self, plans: int) -> None:
        """Seconds per PDF, as the cost of one more plan, against the same text as plain paragraphs.

        A run of ``plans`` PDFs and a run of one, both ``--jobs 1``: their difference
        divided by ``plans - 1`` is what one PDF costs once the catalogue is read and
        WeasyPrint warmed up, which is what the floor measures (plan_bench's
        ``floor_seconds`` renders a warm-up document first). The all-in figure
        (the run of ``plans`` divided by ``plans``) is in the notes.
        """
        self.log(f"plan, {plans} PDFs")
        import weasyprint  # noqa: F401  imported once, outside the timings (the floor does the same)
        from plan_bench import floor_seconds, make_catalogue, timed_run

        folder = self.scratch / "plans"
        shutil.rmtree(folder, ignore_errors=True)
        ids = make_catalogue(folder / "catalogue", plans)
        make_catalogue(folder / "one", 1)
        one: list[float] = []
        serial: list[float] = []
        parallel: list[float] = []
        floors: list[float] = []
        spent = 0.0
        for attempt in range(self.repeat):
            if attempt and spent / attempt * (attempt + 1) > self.budget * 4:
                break  # four timings per attempt: the budget of four measurements
            self.sample_load()
            one.append(timed_run(folder / "one", folder / f"one-{attempt}", jobs=1))
            serial.append(timed_run(folder / "catalogue", folder / f"jobs1-{attempt}", jobs=1))
            parallel.append(timed_run(folder / "catalogue", folder / f"jobs2-{attempt}", jobs=2))
            floors.append(floor_seconds(folder / "catalogue", ids))
            spent += one[-1] + serial[-1] + parallel[-1] + floors[-1] * len(ids)
        n = len(ids)
        per_pdf = (statistics.median(serial) - statistics.median(one)) / (n - 1)
        self.rows.append(
            Row(
                "plan s/PDF --jobs 1 / plain paragraphs",
                f"{n} PDFs",
                per_pdf,
                statistics.median(floors),
                "s",
                PLAN_TARGET,
                runs={"one_plan": tuple(one), "jobs1": tuple(serial), "floor_per_pdf": tuple(floors)},
                note=f"all in (catalogue read, first-document costs): {statistics.median(serial) / n:.2f} s/PDF, "
                f"{statistics.median(one):.2f} s for a single plan",
            )
        )
        self.rows.append(
            Row(
                "plan --jobs 2 / --jobs 1",
                f"{n} PDFs",
                statistics.median(parallel),
                statistics.median(serial),
                "s",
                round(1 / JOBS_SPEED_UP, 2),
                target_label=f"<= {1 / JOBS_SPEED_UP:.2f}x ({JOBS_SPEED_UP}x faster)",
                runs={"jobs2": tuple(parallel), "jobs1": tuple(serial)},
                note=f"speed-up {statistics.median(serial) / statistics.median(parallel):.2f}x on {os.cpu_count()} cores",
            )
        )
        shutil.rmtree(folder, ignore_errors=True)

    # ----- scaling
    def scaling(self, scales: Sequence[Scale], colds: Sequence[Measured], fixed: Measured) -> None:
        """CPU per file without the fixed cost, and peak memory, against the smallest scale.

        CPU seconds, not wall: a trend is what counts here, and on a shared machine
        the wall time of a long run grows with the load of the others. The fixed cost
        (interpreter, imports, compiling the schemas) is that of validating the
        12-file samples, subtracted so that the smallest scale is not mostly start-up.
        """
        per_file = [
            max(cold.cpu - fixed.cpu, 0.0) / scale.files * 1000 for scale, cold in zip(scales, colds, strict=True)
        ]
        for scale, cold, value in zip(scales, colds, per_file, strict=True):
            wall = max(cold.wall - fixed.wall, 0.0) / scale.files * 1000
            self.rows.append(
                Row(
                    "scaling: validate CPU ms/file / smallest",
                    scale.label,
                    value,
                    per_file[0],
                    "ms",
                    1.25,
                    note=f"wall {wall:.2f} ms/file; {scale.files:,} files",
                )
            )
        for scale, cold in zip(scales, colds, strict=True):
            growth = scale.megabytes / scales[0].megabytes
            self.rows.append(
                Row(
                    "scaling: peak memory / smallest",
                    scale.label,
                    cold.rss_mb,
                    colds[0].rss_mb,
                    "MB",
                    growth,
                    note=f"catalogue {scale.megabytes:.1f} MB, {growth:.1f}x the smallest",
                )
            )


# --------------------------------------------------------------------------- report


def machine() -> dict[str, object]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "cpu": model or platform.processor(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "trajectkit_commit": _commit(),
    }


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "trajectkit"], cwd=REPO, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head.stdout.strip() + (" + uncommitted changes in trajectkit/" if dirty.stdout.strip() else "")


def describe(scales: Sequence[Scale]) -> list[str]:
    return [
        f"scale {s.label}: {s.sizes.qualifications:,} qualifications, {s.sizes.trajectories:,} trajectories, "
        f"{s.sizes.workplaces:,} workplaces, {s.sizes.learners:,} learners = {s.files:,} files, "
        f"{s.documents:,} documents, {s.megabytes:.1f} MB"
        for s in scales
    ]


LEGEND = """\
ratio = trajectkit / floor (lower is better); cpu ratio = the same for user+system CPU seconds
of the child processes, less sensitive to a busy machine. Times are medians; start-up and
imports are included in trajectkit's and the floor's times alike (fresh processes).
  validate cold: `validate DIR --no-cache` vs one process loading every file with CSafeLoader
  validate warm: `validate DIR` with the answer cached vs the cold run
  validate edited: `validate DIR` after a comment line was added to one file (the others' reading reused) vs cold
  validate peak memory: ru_maxrss of the cold run vs the catalogue's YAML bytes
  check-jsonschema: same one-document files, per kind with schemas/<kind>.schema.json, summed
  match: best of --repeat in-process runs of match, --jobs 1, on learners and workplaces without placements,
    vs the 5 s goal at 20,000 learners (scaled linearly below); total km vs the exact optimum (every place)
  plan s/PDF: (t(N plans) - t(1 plan)) / (N - 1), --jobs 1, vs WeasyPrint on the same text as <p>
  scaling CPU ms/file: (CPU of cold - CPU of cold on the 12-file samples) / files, vs the smallest
  scaling memory: ru_maxrss of the validate process vs the smallest scale; target = catalogue growth"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"scales {', '.join(map(str, QUICK_SCALES))} qualifications (under two minutes); default {', '.join(map(str, FULL_SCALES))}",
    )
    parser.add_argument("--scales", help="comma-separated numbers of qualifications, instead of the defaults")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median counts (default 3)")
    parser.add_argument(
        "--budget",
        type=float,
        help="seconds one measurement may take before it stops repeating (default 6 quick, 180 full)",
    )
    parser.add_argument(
        "--plans",
        type=int,
        help="PDFs rendered for the plan figures (default 3 quick, 24 full; 0 skips, else at least 2)",
    )
    parser.add_argument(
        "--check-jsonschema",
        dest="check_jsonschema",
        help="the check-jsonschema program (default: found on PATH; skipped if absent)",
    )
    parser.add_argument(
        "--check-jsonschema-up-to",
        dest="check_jsonschema_up_to",
        type=int,
        metavar="N",
        help=f"compare with check-jsonschema only up to N qualifications (default {CHECK_JSONSCHEMA_UP_TO:,} "
        "in a full run, every scale with --quick or --scales)",
    )
    parser.add_argument(
        "--match-scales",
        dest="match_scales",
        help="comma-separated numbers of qualifications for the match rows (default: the run's scales "
        f"with --quick or --scales, else {','.join(map(str, MATCH_FULL_SCALES))}; 0 skips)",
    )
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--json", type=Path, help="also write every figure (and every run) to this file")
    parser.add_argument(
        "--keep", type=Path, help="generate the catalogues here and keep them (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:
        counts = (
            tuple(int(n) for n in args.scales.split(","))
            if args.scales
            else (QUICK_SCALES if args.quick else FULL_SCALES)
        )
    except ValueError:
        parser.error("--scales takes whole numbers separated by commas")
    if min(counts) < 1:
        parser.error("a scale is at least one qualification")
    try:
        match_counts = (
            tuple(int(n) for n in args.match_scales.split(",") if int(n) > 0)
            if args.match_scales
            else (counts if args.quick or args.scales else MATCH_FULL_SCALES)
        )
    except ValueError:
        parser.error("--match-scales takes whole numbers separated by commas")
    if args.plans is not None and args.plans == 1:
        parser.error("--plans is 0 (skip) or at least 2: the cost of one PDF is the difference of two runs")
    budget = args.budget if args.budget is not None else (6.0 if args.quick else 180.0)
    plans = args.plans if args.plans is not None else (3 if args.quick else 24)
    check_jsonschema = args.check_jsonschema or shutil.which("check-jsonschema")
    up_to = args.check_jsonschema_up_to
    if up_to is None and not args.quick and not args.scales:
        up_to = CHECK_JSONSCHEMA_UP_TO

    started = time.perf_counter()
    when = dt.datetime.now().astimezone()
    load_before = os.getloadavg()
    info = machine()
    with tempfile.TemporaryDirectory(prefix="trajectkit-bench-") as temporary:
        scratch = Path(temporary)
        data = args.keep or scratch / "catalogues"
        bench = Bench(scratch, args.repeat, budget, check_jsonschema)
        try:
            bench.start_up(max(args.repeat, 5 if args.quick else 9))  # short runs: more of them
            # The fixed cost subtracted in the scaling rows: more runs, it is short.
            fixed, _ = bench.validate_cold(REPO / "samples", "samples", _sample_documents(), repeat=max(args.repeat, 5))
            scales: list[Scale] = []
            colds: list[Measured] = []
            for count in counts:
                bench.log(f"generating {count:,} qualifications")
                scale = make_scale(count, data / f"q{count}", args.seed)
                scales.append(scale)
                cold, _ = bench.validate_cold(scale.folder, scale.label, scale.documents)
                colds.append(cold)
                bench.rows.append(
                    Row("validate peak memory / YAML bytes", scale.label, cold.rss_mb, scale.megabytes, "MB", 8.0)
                )
                bench.validate_warm(scale.folder, scale.label, cold)
                bench.validate_edited(scale.folder, scale.label, cold)
                if count <= PROGRESS_UP_TO:
                    bench.progress(scale, args.seed)
                if up_to is None or count <= up_to:
                    bench.versus_check_jsonschema(scale)
                elif bench.check_jsonschema is not None:
                    bench.skipped.append(
                        f"check-jsonschema not run at {scale.label} (--check-jsonschema-up-to {up_to:,})"
                    )
                if args.keep is None:
                    shutil.rmtree(scale.folder, ignore_errors=True)
            bench.scaling(scales, colds, fixed)
            for count in match_counts:
                bench.match(count, args.seed)
            if plans:
                bench.plan(plans)
        except CommandFailed as error:
            print(f"benchmark stopped: {error}", file=sys.stderr)
            return 1
    load_after = os.getloadavg()
    loads = [load_before[0], *bench.loads, load_after[0]]
    if _commit() != info["trajectkit_commit"]:
        info["trajectkit_commit"] = f"{info['trajectkit_commit']} at the start, {_commit()} at the end"
    order = [
        "validate cold",
        "validate warm",
        "validate edited",
        "validate peak",
        "validate /",
        "progress",
        "match",
        "start-up",
        "plan",
        "scaling",
    ]
    rows = sorted(
        bench.rows, key=lambda row: next(i for i, prefix in enumerate(order) if row.scenario.startswith(prefix))
    )

    print(
        f"trajectkit benchmarks, {when:%Y-%m-%d %H:%M %Z} ({'quick' if args.quick else 'full'} run, {time.perf_counter() - started:.0f} s)"
    )
    print(
        f"machine: {info['cores']} cores ({info['usable_cores']} usable), {info['cpu']}; "
        f"{info['implementation']} {info['python']}; {info['platform']}; trajectkit {info['trajectkit_commit']}"
    )
    print(
        f"load average (1 min): {load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end, "
        f"{max(loads):.2f} highest seen; median of up to {args.repeat} runs, {budget:.0f} s budget per measurement"
    )
    for line in describe(scales):
        print(line)
    print()
    print(table(rows))
    notes = [f"  {row.scenario} [{row.scale}]: {row.note}" for row in rows if row.note]
    print()
    print(LEGEND)
    if notes or bench.skipped:
        print("notes:")
        print("\n".join([*notes, *(f"  {message}" for message in bench.skipped)]))
    missed = [row for row in rows if row.met is False]
    print(
        f"\ntargets met: {sum(1 for row in rows if row.met)} of {sum(1 for row in rows if row.met is not None)}"
        + (
            f"; missed: {', '.join(f'{row.scenario} [{row.scale}] {row.ratio:.2f}x' for row in missed)}"
            if missed
            else ""
        )
    )

    if args.json:
        document = {
            "date": when.isoformat(timespec="seconds"),
            "mode": "quick" if args.quick else "full",
            "machine": info,
            "load_average": {"start": load_before, "end": load_after, "highest": max(loads)},
            "repeat": args.repeat,
            "budget_seconds": budget,
            "scales": [
                {
                    **asdict(scale.sizes),
                    "files": scale.files,
                    "documents": scale.documents,
                    "megabytes": round(scale.megabytes, 2),
                }
                for scale in scales
            ],
            "skipped": bench.skipped,
            "rows": [
                {
                    "scenario": row.scenario,
                    "scale": row.scale,
                    "unit": row.unit,
                    "trajectkit": row.trajectkit,
                    "floor": row.floor,
                    "ratio": row.ratio,
                    "cpu_ratio": row.cpu_ratio,
                    "target": row.target,
                    "target_label": row.target_label,
                    "met": row.met,
                    "runs": row.runs,
                    "note": row.note,
                }
                for row in rows
            ],
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


def _sample_documents() -> int:
    return sum(
        len([part for part in _SEPARATOR.split(path.read_text(encoding="utf-8")) if part.strip()])
        for path in yaml_files(REPO / "samples")
    )


if __name__ == "__main__":
    sys.exit(main())
