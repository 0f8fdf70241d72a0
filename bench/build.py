"""Benchmark `kgraph build`: wall time and peak memory on corpus/ and on 10x / 100x replicas.

Each build runs as a fresh `python -m kgraph build` process (interpreter start included) and
its peak RSS is read from the kernel's rusage of that process. The baseline, measured in the
same run, is the bare cost of starting Python and importing the build pipeline; the table
also gives each size's time relative to corpus/ so linear growth can be read off (100x the
notes should take about 100x the per-corpus work).

A second table compares, on the ``--scaling`` replica (default 100x, cold builds into new stores),
``--jobs 1`` with ``--jobs 2`` — the whole build and its per-note stage (parsing
and extraction, from the stage timings the build records in ``meta.json``) — then a warm rebuild
of the ``--jobs 2`` store after one note changed, and a cold build of the ``--big`` replica
(default 1000x, about 60 MB; 0 skips it) with its peak memory. Peak RSS is the largest of the
build process and the worker processes it waited for (the kernel's rusage of a waited child).

Usage: python bench/build.py [--sizes 1,10,100] [--repeat 3] [--corpus corpus] [--scaling 100] [--big 1000]
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


def build_args(corpus: Path, store: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "kgraph", "build", "--corpus", str(corpus), "--store", str(store), "--quiet", *options]


def per_note_seconds(store: Path) -> float:
    """Parse + extract seconds of the store's live build, as it recorded them."""
    from kgraph.store import current_version

    timings = current_version(store).meta["report"]["timings"]
    return timings["parse"] + timings["extract"]


def scaling_rows(corpus: Path, size: int, big: int, work: Path) -> list[tuple]:
    """--jobs 1 vs 2 (clean builds), a warm rebuild with one note changed, and the big cold build."""
    notes = work / f"scaling{size}"
    notes.mkdir()
    replicate(corpus, size, notes)
    rows, measured = [], {}
    for jobs in (1, 2):
        store = work / f"scaling{size}-jobs{jobs}"
        seconds, rss = run(build_args(notes, store, "--jobs", str(jobs)))  # a new store: cold, and it fills the cache
        measured[jobs] = (seconds, per_note_seconds(store))
        rows.append((f"{size}x cold, --jobs {jobs}", seconds, measured[jobs][1], rss))
    rows.append((f"{size}x speed-up, --jobs 2 over --jobs 1", measured[1][0] / measured[2][0],
                 measured[1][1] / measured[2][1], None))
    first = sorted(notes.glob("*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n补充：这一段是新加的。\n", encoding="utf-8")
    store = work / f"scaling{size}-jobs2"
    seconds, rss = run(build_args(notes, store, "--jobs", "2"))
    rows.append((f"{size}x warm rebuild, one note changed", seconds, per_note_seconds(store), rss))
    if big:
        huge = work / f"big{big}"
        huge.mkdir()
        size_bytes = replicate(corpus, big, huge)
        seconds, rss = run(build_args(huge, work / f"big{big}-store", "--jobs", "2"))
        rows.append((f"{big}x cold ({size_bytes / 1e6:.0f} MB), --jobs 2", seconds, per_note_seconds(work / f"big{big}-store"), rss))
    return rows


def print_scaling(rows) -> None:
    print()
    print(f"{'run':<44} {'whole s':>9} {'per-note s':>11} {'peak MiB':>9}")
    for name, whole, per_note, rss in rows:
        if rss is None:
            print(f"{name:<44} {whole:>8.2f}x {per_note:>10.2f}x {'':>9}")
        else:
            print(f"{name:<44} {whole:>9.2f} {per_note:>11.2f} {rss:>9.0f}")


def measure(corpus: Path, repeat: int, work: Path) -> tuple[float, float]:
    results = [run(build_args(corpus, work / f"store{i}")) for i in range(repeat)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size up to 10x (median)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--scaling", type=int, default=100, help="replica for jobs 1 vs 2 and the warm rebuild; 0: skip")
    parser.add_argument("--big", type=int, default=1000, help="replica for the big cold build; 0: skip")
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
        if options.scaling:
            print_scaling(scaling_rows(options.corpus, options.scaling, options.big, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_table(rows) -> None:
    print(f"{'run':<40} {'notes':>6} {'MB':>6} {'wall s':>8} {'peak MiB':>9} {'x corpus':>9}")
    for name, notes, mb, seconds, rss, ratio in rows:
        print(f"{name:<40} {notes:>6} {mb:>6} {seconds:>8.2f} {rss:>9.0f} {ratio:>9}")


if __name__ == "__main__":
    main()
