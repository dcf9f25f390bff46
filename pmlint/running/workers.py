"""Spread independent per-file work over worker processes, when that pays.

Starting workers costs tens of milliseconds, more than linting a few files, so
below ``THRESHOLD`` items the work runs in this process. Workers are forked:
they inherit the run's settings instead of receiving them pickled (the
settings hold read-only mappings that cannot be pickled), so where ``fork`` is
not available the work runs in this process too. Results come back in the
order of the items whatever the number of workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Fewer items than this are handled in this process.
THRESHOLD = 48
#: Items per task: large enough to amortise a round trip, small enough to balance.
CHUNKS_PER_WORKER = 16

_state: Any = None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(jobs: int, items: int) -> int:
    """How many processes to use: ``jobs`` (0 = one per core), 1 when it would not pay."""
    wanted = jobs or available_cores()
    if wanted <= 1 or items < THRESHOLD or not hasattr(os, "fork"):
        return 1
    return min(wanted, items // (THRESHOLD // 2))


def map_in_order(
    function: Callable[[Any, Item], Result], items: Sequence[Item], state: Any, jobs: int
) -> list[Result]:
    """``[function(state, item) for item in items]``, across workers if it pays.

    ``function`` must be a module-level function; ``state`` reaches workers by fork.
    """
    count = workers_for(jobs, len(items))
    if count == 1:
        return [function(state, item) for item in items]
    import multiprocessing  # slow imports, only when workers are started
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, -(-len(items) // (count * CHUNKS_PER_WORKER)))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        count, mp_context=context, initializer=_adopt, initargs=(state,)
    ) as pool:
        done = pool.map(_run_chunk, [function] * len(chunks), chunks)
        return [result for chunk in done for result in chunk]


def _adopt(state: Any) -> None:
    global _state
    _state = state


def _run_chunk(function: Callable[[Any, Item], Result], chunk: Sequence[Item]) -> list[Result]:
    return [function(_state, item) for item in chunk]
