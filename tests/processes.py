"""Running ``python -m trajectkit`` as a process of its own: exit code, output, time and
peak memory, for the tests of what could hang or eat memory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from plan_support import REPO

#: The peak memory a refusal may cost, for the whole process (Python and its imports
#: take about 45 MB of it).
PEAK_LIMIT_MIB = 200


@dataclass(frozen=True)
class Run:
    code: int
    output: str
    seconds: float
    peak_mib: float


#: Runs a command and writes its exit code and peak memory (KiB). The measuring process
#: is small: a child's peak counts the memory of the process it was forked from, so
#: forking straight from pytest (hundreds of MB in a full run) would count pytest's.
_MEASURE = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "code = os.waitstatus_to_exitcode(status)\n"
    "with open(sys.argv[1], 'w') as report:\n"
    "    report.write(f'{code} {usage.ru_maxrss}')\n"
)


def trajectkit(*args: str | Path, cwd: Path, timeout: float = 60, env: dict[str, str] | None = None) -> Run:
    """``python -m trajectkit ARGS`` as its own process: exit code, output (stdout and
    stderr), wall time and peak resident memory; killed (and the test failed) past ``timeout``."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    environment.update(PYTHONPATH=str(REPO), **(env or {}))
    with tempfile.TemporaryDirectory() as scratch:
        measured = Path(scratch) / "measured"
        with (Path(scratch) / "output").open("w+b") as output:
            start = time.monotonic()
            command = [
                sys.executable,
                "-c",
                _MEASURE,
                str(measured),
                sys.executable,
                "-m",
                "trajectkit",
                *map(str, args),
            ]
            process = subprocess.Popen(
                command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=environment, start_new_session=True
            )
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                pytest.fail(f"trajectkit {' '.join(map(str, args))} still running after {timeout} s")
            seconds = time.monotonic() - start
            output.seek(0)
            text = output.read().decode("utf-8", "replace")
        code, peak_kib = measured.read_text().split()
    return Run(int(code), text, seconds, int(peak_kib) / 1024)
