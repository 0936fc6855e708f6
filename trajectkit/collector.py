"""When Python's cycle collector may run: not while a catalogue is built or matched.

The collector walks every container object each time enough new ones were made. A
catalogue of all of Flanders is millions of long-lived objects without reference
cycles worth collecting mid-run, and the collector walked them over and over: a
quarter of the CPU time of a large ``validate``, and two fifths of ``match`` before
its first flow was solved (7.4 s against 4.3-4.7 s for 20,000 learners, measured
with ``benchmarks/match_bench.py``'s catalogue). Workers forked meanwhile inherit
the pause, so the collector does not touch, and copy, the pages they share.

Rendering is left alone: a PDF's layout boxes point at their parents, and a run of
hundreds of plans needs the collector to give their memory back.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The cycle collector paused, and what exists now frozen, until the block ends;
    nested blocks leave it to the outer one."""
    enabled = gc.isenabled()
    gc.disable()
    if enabled:
        gc.freeze()
    try:
        yield
    finally:
        if enabled:
            gc.unfreeze()
            gc.enable()
