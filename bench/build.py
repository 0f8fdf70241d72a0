"""Benchmark `kgraph build`: wall time and peak memory on corpus/ and on 10x / 100x replicas.

Each build runs as a fresh `python -m kgraph build` process (interpreter start included) and
its peak RSS is read from the kernel's rusage of that process. The baseline, measured in the
same run, is the bare cost of starting Python and importing the build pipeline; the table
also gives each size's time relative to corpus/ so linear growth can be read off (100x the
notes should take about 100x the per-corpus work).

Usage: python bench/build.py [--sizes 1,10,100] [--repeat 3] [--corpus corpus]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def replicate(corpus: Path, times: int, target: Path) -> int:
    """Copy every note ``times`` times under distinct names; returns the bytes written."""
    total = 0
    for i in range(times):
        for note in sorted(corpus.rglob("*.md")):
            data = note.read_bytes()
            (target / f"r{i:03d}_{note.name}").write_bytes(data)
            total += len(data)
    return total


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(args)} failed: {process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def build_args(corpus: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "kgraph", "build", "--corpus", str(corpus), "--store", str(store), "--quiet"]


def measure(corpus: Path, repeat: int, work: Path) -> tuple[float, float]:
    results = [run(build_args(corpus, work / f"store{i}")) for i in range(repeat)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size up to 10x (median)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kgraph-bench-"))
    try:
        baseline = [run([sys.executable, "-c", "import kgraph.build"]) for _ in range(3)]
        import_time, import_rss = statistics.median(r[0] for r in baseline), max(r[1] for r in baseline)
        rows = [("baseline: python + import kgraph.build", "-", "-", import_time, import_rss, "-")]
        first = None
        for size in [int(s) for s in options.sizes.split(",")]:
            corpus = work / f"corpus{size}"
            corpus.mkdir()
            size_bytes = replicate(options.corpus, size, corpus)
            seconds, rss = measure(corpus, options.repeat if size <= 10 else 1, work / f"s{size}")
            first = first or seconds
            rows.append((f"{size}x corpus", f"{size * len(list(options.corpus.rglob('*.md')))}",
                         f"{size_bytes / 1e6:.2f}", seconds, rss, f"{seconds / first:.1f}"))
        print_table(rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_table(rows) -> None:
    print(f"{'run':<40} {'notes':>6} {'MB':>6} {'wall s':>8} {'peak MiB':>9} {'x corpus':>9}")
    for name, notes, mb, seconds, rss, ratio in rows:
        print(f"{name:<40} {notes:>6} {mb:>6} {seconds:>8.2f} {rss:>9.0f} {ratio:>9}")


if __name__ == "__main__":
    main()
