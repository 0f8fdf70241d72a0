"""kgraph.pool: per-item work in forked workers, results in input order."""
from __future__ import annotations

import os

from kgraph import pool


def test_results_come_back_in_input_order_from_several_processes():
    items = list(range(100))
    results = pool.run(lambda i: (i * i, os.getpid()), items, jobs=2)
    assert [square for square, _pid in results] == [i * i for i in items]
    assert len({pid for _square, pid in results} - {os.getpid()}) >= 1  # the work left this process


def test_one_job_or_few_items_run_here():
    assert {pid for pid in pool.run(lambda _i: os.getpid(), range(100), jobs=1)} == {os.getpid()}
    assert {pid for pid in pool.run(lambda _i: os.getpid(), range(3), jobs=4)} == {os.getpid()}


def test_an_executor_without_a_scheduler_is_its_local_jobs():
    items = list(range(100))
    results = pool.run(lambda i: (i + 1, os.getpid()), items, pool.Executor(jobs=2))
    assert [value for value, _pid in results] == [i + 1 for i in items]
    assert len({pid for _value, pid in results} - {os.getpid()}) >= 1


def test_selected_items_in_the_order_selected():
    items = [f"item{i}" for i in range(100)]
    selected = list(range(99, -1, -3))
    results = pool.run_selected(lambda item: (item, os.getpid()), items, selected, 2)
    assert [item for item, _pid in results] == [items[i] for i in selected]
    assert len({pid for _item, pid in results} - {os.getpid()}) >= 1
