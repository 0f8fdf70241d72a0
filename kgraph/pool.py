"""Per-item work of a build spread over worker processes or a Dask cluster, results in input order.

In: a function, its items and where to run them: a number of jobs, or an ``Executor`` (jobs, and
optionally a Dask scheduler address). Out: the function's results, in the order of the items, so a
build with ``--jobs 4`` or on a cluster writes the same bytes as one with ``--jobs 1``.

Local workers are forked, so they share the caller's loaded state (dictionaries, tokenizers)
without pickling it: the function and its context are handed over through ``run``'s closure before
the fork; only the items and the results cross the process boundary. One job, few items, or a
platform without ``fork`` run in the calling process.

On a Dask cluster (``distributed``, the ``kgraph[dask]`` extra) the function and its context are
pickled (cloudpickle) and scattered to every worker once, then the items go out in chunks; the
workers need the same kgraph and ontology installed. A scheduler that cannot be reached is a
``BuildFailed`` naming its address.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from kgraph.errors import BuildFailed

T = TypeVar("T")
R = TypeVar("R")

_TASK: Callable | None = None  # set in the parent just before the fork, read by the workers
MIN_ITEMS_PER_JOB = 8


def _call_chunk(chunk: Sequence) -> list:
    assert _TASK is not None
    return [_TASK(item) for item in chunk]


DASK_CONNECT_SECONDS = 30


@dataclass(frozen=True)
class Executor:
    """Where per-item work runs: ``jobs`` forked processes here, or the Dask cluster at ``scheduler``."""

    jobs: int = 1
    scheduler: str | None = None  # e.g. tcp://dask-scheduler:8786


def run(task: Callable[[T], R], items: Sequence[T], jobs: int | Executor) -> list[R]:
    """``[task(item) for item in items]``, computed by up to ``jobs`` forked processes, or on the
    Dask cluster an ``Executor`` names."""
    global _TASK
    items = list(items)
    if isinstance(jobs, Executor):
        if jobs.scheduler and items:
            return _run_on_dask(task, items, jobs.scheduler)
        jobs = jobs.jobs
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


def run_selected(task: Callable[[T], R], items: Sequence[T], selected: Sequence[int], jobs: int | Executor) -> list[R]:
    """``[task(items[i]) for i in selected]``, as ``run`` computes it; forked workers are sent only
    the indices (they share ``items`` with the caller), a Dask cluster the selected items."""
    if isinstance(jobs, Executor) and jobs.scheduler:
        return run(task, [items[i] for i in selected], jobs)
    return run(lambda i: task(items[i]), selected, jobs)


def _call_with(task: Callable, chunk: Sequence) -> list:
    return [task(item) for item in chunk]


def _run_on_dask(task: Callable[[T], R], items: list[T], address: str) -> list[R]:
    try:
        from distributed import Client
    except ImportError:
        raise BuildFailed("--executor dask needs Dask's distributed scheduler: pip install 'kgraph[dask]'") from None
    try:
        client = Client(address, timeout=DASK_CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise BuildFailed(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        workers = max(1, len(client.scheduler_info()["workers"]))
        size = max(1, len(items) // (workers * 4) + 1)
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        shared = client.scatter(task, broadcast=True, hash=False)
        futures = client.map(_call_with, [shared] * len(chunks), chunks, pure=False)
        return [result for chunk in client.gather(futures) for result in chunk]
