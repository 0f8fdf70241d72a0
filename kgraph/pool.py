"""Per-item work of a build spread over worker processes, results in input order.

In: a function, its items and the number of jobs. Out: the function's results, in the order of
the items, so a build with ``--jobs 4`` writes the same bytes as one with ``--jobs 1``. Workers are
forked, so they share the caller's loaded state (dictionaries, tokenizers) without pickling it:
the function and its context are handed over through ``run``'s closure before the fork; only the
items and the results cross the process boundary. One job, few items, or a platform without
``fork`` run in the calling process.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: Callable | None = None  # set in the parent just before the fork, read by the workers
MIN_ITEMS_PER_JOB = 8


def _call_chunk(chunk: Sequence) -> list:
    assert _TASK is not None
    return [_TASK(item) for item in chunk]


def run(task: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """``[task(item) for item in items]``, computed by up to ``jobs`` forked processes."""
    global _TASK
    items = list(items)
    if jobs <= 1 or len(items) < 2 * MIN_ITEMS_PER_JOB or "fork" not in multiprocessing.get_all_start_methods():
        return [task(item) for item in items]
    size = max(MIN_ITEMS_PER_JOB, len(items) // (jobs * 4) + 1)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    _TASK = task
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for chunk in pool.map(_call_chunk, chunks) for result in chunk]
    finally:
        _TASK = None
