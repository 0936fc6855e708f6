"""Work spread over processes, with a serial fallback: the one way plan and match do it.

Forked workers start at once (no new interpreter, no imports again) and inherit what
the parent loaded. Where ``fork`` is not available, or there is one worker or one
item, the work runs in this process, in order: the results are the same either way.
Workers leave Ctrl-C to the parent, which stops them all and re-raises.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def worker_count(requested: int | None, items: int) -> int:
    """``requested`` (default: one per CPU), at least one and no more than there are items."""
    workers = requested if requested is not None else (os.cpu_count() or 1)
    return max(1, min(workers, items))


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run_in_processes(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[tuple[int, Result]]:
    """``(index, function(item))`` for every item, as each finishes.

    ``function`` must be a module-level function (it is sent to the workers by name);
    ``initializer(*initargs)`` runs once in each worker, and once here when serial.
    """
    if workers <= 1 or len(items) <= 1 or not can_fork():
        if initializer is not None:
            initializer(*initargs)
        for index, item in enumerate(items):
            yield index, function(item)
        return
    context = multiprocessing.get_context("fork")
    call = functools.partial(_indexed, function)
    # Leaving the block terminates the workers: after Ctrl-C or an error nothing is left running.
    with context.Pool(workers, initializer=_start_worker, initargs=(initializer, initargs)) as pool:
        yield from pool.imap_unordered(call, enumerate(items), chunksize=1)


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)


def _indexed(function: Callable[[Any], Any], pair: tuple[int, Any]) -> tuple[int, Any]:
    index, item = pair
    return index, function(item)
