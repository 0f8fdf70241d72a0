"""kgraph.locks and the store's retention: one build at a time, leased generations stay on disk."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kgraph.errors import StoreBusy
from kgraph.locks import Lease, build_lock
from kgraph.store import META, current_version, lease_current, new_generation

QUAD = (URIRef("http://x/s"), URIRef("http://x/p"), Literal("o"), URIRef("http://x/g"))


def build_generation(root: Path) -> str:
    with new_generation(root) as writer:
        writer.add([QUAD])
    return current_version(root).name


def generations(root: Path) -> list[str]:
    return sorted(path.name for path in root.glob("gen-*"))


def test_a_leased_generation_survives_rebuilds_until_released(tmp_path: Path) -> None:
    first = build_generation(tmp_path)
    version, lease = lease_current(tmp_path)
    assert version.name == first
    second, third = build_generation(tmp_path), build_generation(tmp_path)
    assert generations(tmp_path) == [first, second, third]  # the live one, the one before, the leased one
    lease.release()
    fourth = build_generation(tmp_path)
    assert generations(tmp_path) == [third, fourth]


def test_without_leases_the_live_and_the_previous_generation_are_kept(tmp_path: Path) -> None:
    names = [build_generation(tmp_path) for _ in range(4)]
    assert generations(tmp_path) == names[-2:]


def test_a_crashed_builds_folder_is_removed_by_the_next_build(tmp_path: Path) -> None:
    build_generation(tmp_path)
    crashed = tmp_path / "gen-20000101T000000-000000000"
    (crashed / "search").mkdir(parents=True)
    build_generation(tmp_path)
    assert not crashed.exists()


def test_a_second_build_waits_for_the_lock_then_gives_up_naming_the_holder(tmp_path: Path) -> None:
    with build_lock(tmp_path):
        with pytest.raises(StoreBusy) as caught:
            with build_lock(tmp_path, wait=0.2):
                pass
    assert f"another kgraph build (pid {os.getpid()}) is still writing {tmp_path}" in caught.value.message
    with build_lock(tmp_path, wait=0):  # free again
        pass


def test_two_builds_at_once_both_finish_and_leave_a_valid_store(tmp_path: Path, small_corpus: Path) -> None:
    store = tmp_path / "store"
    command = [sys.executable, "-m", "kgraph", "build", "--quiet", "--jobs", "1", "--corpus", str(small_corpus),
               "--store", str(store)]
    builds = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outcomes = [(build.wait(300), build.stderr.read().decode()) for build in builds]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    assert len(generations(store)) == 2
    for name in generations(store):
        assert (store / name / META).exists() and (store / name / "search").is_dir()
    validate = subprocess.run([sys.executable, "-m", "kgraph", "validate", "--store", str(store)],
                              capture_output=True, text=True)
    assert validate.returncode == 0, validate.stderr


def test_lease_of_a_generation_built_before_leases_existed(tmp_path: Path) -> None:
    name = build_generation(tmp_path)
    (tmp_path / name / "lease").unlink()
    lease = Lease.take(tmp_path / name)
    assert (tmp_path / name / "lease").exists()
    lease.release()
