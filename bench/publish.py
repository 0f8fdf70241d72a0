"""Benchmark `kgraph publish` to Oxigraph's own server, on corpus/ and on the 100x replica.

For each size: a cold publish into an empty server, a republish with nothing changed, and a
republish after one note changed (rebuilt first; only the publish is timed). Each publish runs as
a fresh `python -m kgraph publish` process. The baseline, measured in the same run against the
same server, is the floor for sending a dataset: the whole generation as one N-Quads body POSTed to
the Graph Store endpoint (one request, no layout, no pointer switch) into an empty server.

Usage: python bench/publish.py [--sizes 1,100]   (needs the `oxigraph` command: pip install -e '.[test]')
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import ROOT, replicate  # noqa: E402  (bench/build.py: how synthetic corpora are made)

sys.path.insert(0, str(ROOT / "tests"))
from oxigraph_server import OxigraphServer  # noqa: E402


def kgraph(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kgraph", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def bulk_floor(store: Path, work: Path) -> float:
    """One POST of the whole dataset as N-Quads into an empty server."""
    from kgraph.store import current_version, export

    body = export(current_version(store), "nquads")
    server = OxigraphServer(work / "floor").start()
    try:
        started = time.perf_counter()
        response = requests.post(server.store_url, data=body, headers={"Content-Type": "application/n-quads"}, timeout=600)
        response.raise_for_status()
        return time.perf_counter() - started
    finally:
        server.stop()


def one_size(corpus: Path, size: int, work: Path) -> list[tuple]:
    notes = work / f"corpus{size}"
    notes.mkdir()
    replicate(corpus, size, notes)
    store = work / f"store{size}"
    kgraph("build", "--corpus", str(notes), "--store", str(store), "--quiet")
    from kgraph.store import current_version

    triples = current_version(store).meta["stats"]["triples"]
    floor = bulk_floor(store, work)
    server = OxigraphServer(work / f"ox{size}").start()
    try:
        publish = ("publish", "--to", server.store_url, "--store", str(store))
        cold = kgraph(*publish)
        same = kgraph(*publish)
        first = sorted(notes.glob("*.md"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\n补充：这一段是新加的。\n", encoding="utf-8")
        kgraph("build", "--corpus", str(notes), "--store", str(store), "--quiet")
        changed = kgraph(*publish)
    finally:
        server.stop()
    label = f"{size}x corpus ({len(list(notes.glob('*.md')))} notes, {triples} triples)"
    return [(label, "baseline: one N-Quads POST", floor), (label, "kgraph publish, cold", cold),
            (label, "republish, nothing changed", same), (label, "republish, one note changed", changed)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,100")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kgraph-bench-publish-"))
    try:
        rows = [row for size in options.sizes.split(",") for row in one_size(options.corpus, int(size), work)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'dataset':<44} {'run':<30} {'wall s':>8}")
    for dataset, run, seconds in rows:
        print(f"{dataset:<44} {run:<30} {seconds:>8.2f}")


if __name__ == "__main__":
    main()
