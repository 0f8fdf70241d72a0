"""``kgraph build --executor dask``: the per-note work runs on a real Dask ``LocalCluster`` (worker
processes) and the build writes what a local ``--jobs 1`` build writes."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.build import build
from kgraph.cli import main
from kgraph.config import Settings
from test_buildcache import dataset, side_files

ROOT = Path(__file__).resolve().parent.parent


def _distributed():
    try:
        import distributed
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("dask[distributed] is missing: pip install -e '.[test]'")
        pytest.skip("dask[distributed] is missing: pip install -e '.[test]'")
    return distributed


@pytest.fixture(scope="module")
def cluster():
    distributed = _distributed()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        yield cluster


def test_build_on_a_local_cluster_is_the_local_build(cluster, tmp_path):
    notes = tmp_path / "notes"
    shutil.copytree(ROOT / "corpus", notes)
    on_dask = Settings(corpus=notes, store=tmp_path / "dask", scheduler=cluster.scheduler_address, cache=False)
    local = Settings(corpus=notes, store=tmp_path / "local", jobs=1, cache=False)
    build(on_dask)
    build(local)
    assert dataset(on_dask) == dataset(local)
    assert side_files(on_dask) == side_files(local)
    assert "call_with" in cluster.scheduler.task_prefixes  # the notes were parsed and extracted on the cluster


def test_cli_needs_a_scheduler_and_names_one_it_cannot_reach(tmp_path, small_corpus):
    runner = CliRunner()
    missing = runner.invoke(main, ["build", "--corpus", str(small_corpus), "--store", str(tmp_path / "s"),
                                   "--executor", "dask"], env={"KGRAPH_DASK_SCHEDULER": ""})
    assert missing.exit_code == 2 and "--executor dask needs --scheduler" in missing.output
    _distributed()
    down = runner.invoke(main, ["build", "--corpus", str(small_corpus), "--store", str(tmp_path / "s"), "--quiet",
                                "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert down.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in down.output
