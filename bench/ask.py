"""Benchmark of question answering: server-side latency on corpus/ and on a 100x corpus, and start-up.

Usage:
    python bench/ask.py                 # corpus/, the development corpus and the 100x corpus
    python bench/ask.py --scale 10      # a smaller synthetic corpus
    python bench/ask.py --skip-scaled   # corpus/ and the development corpus only
    python bench/ask.py --baseline REV  # the same run for git revision REV too, side by side, with ratios

The question set mixes every type: the shared sample (../shared/eval/questions_sample.yaml, when
present) and tests/answer/questions_corpus.yaml, in both languages, refusals included; on the
development corpus (tests/corpora/k8s-docs) its own question files (tests/answer/questions_docs_dev.yaml)
when present, else the same set. For each corpus it measures
- start-up: a fresh process opening the store and getting the answerer ready (``KnowledgeBase.warm``:
  store, query worker, concepts, search index, tokenizer), and the same including Python's start;
- server-side latency of ``KnowledgeBase.ask`` — what ``/api/ask`` runs — over ``--rounds`` warm
  rounds of the whole set (one cold round first, not counted), and of ``/api/ask`` through the WSGI
  app (request parsing and JSON included, no network);
and prints a Markdown table with the targets (p95 <= 50 ms on corpus/, <= 200 ms at 100x, start-up
<= 3 s). The synthetic corpus is corpus/ copied ``--scale`` times under different file names.

``--baseline REV`` checks REV out into a temporary git worktree and runs this same script there
first (this file, with that revision's ``kgraph`` package first on the path), then this checkout;
it prints both tables and the ratios of this checkout's figures to the baseline's (below 1: faster).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from kgraph.build import build
from kgraph.config import Settings
from kgraph.kb import KnowledgeBase
from kgraph.web import create_app

ROOT = Path(__file__).resolve().parent.parent
QUESTION_FILES = [ROOT.parent / "shared" / "eval" / "questions_sample.yaml", ROOT / "tests" / "answer" / "questions_corpus.yaml"]
DEV_CORPUS = ROOT / "tests" / "corpora" / "k8s-docs" / "content"
DEV_QUESTION_FILES = [ROOT / "tests" / "answer" / "questions_docs_dev.yaml"]
STARTUP = """
import sys, time
t = time.perf_counter()
from pathlib import Path
from kgraph.config import Settings
from kgraph.kb import KnowledgeBase
kb = KnowledgeBase(Settings(store=Path(sys.argv[1])))
kb.warm()
print(time.perf_counter() - t)
kb.close()
"""


@dataclass(frozen=True)
class Row:
    corpus: str
    notes: int
    passages: int
    build_s: float
    startup_s: float
    process_s: float
    ask_p50: float
    ask_p95: float
    http_p50: float
    http_p95: float
    target_ms: float


def questions(files: list[Path] = QUESTION_FILES) -> list[str]:
    found = []
    for path in files:
        if path.exists():
            found += [item["q"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
    return found


def scaled_corpus(target: Path, scale: int) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for copy in range(scale):
        for note in sorted((ROOT / "corpus").glob("*.md")):
            shutil.copy(note, target / f"c{copy:03d}_{note.name}")
    return target


def startup(store: Path) -> tuple[float, float]:
    """(store open + answerer ready, the same including interpreter start), in seconds."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", STARTUP, str(store)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1]), time.perf_counter() - started


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000


def timed(call, items: list[str], rounds: int) -> list[float]:
    for item in items:  # the cold round
        call(item)
    samples = []
    for _ in range(rounds):
        for item in items:
            started = time.perf_counter()
            call(item)
            samples.append(time.perf_counter() - started)
    return samples


def measure(name: str, corpus: Path, store: Path, items: list[str], rounds: int, target_ms: float) -> Row:
    started = time.perf_counter()
    report = build(Settings(corpus=corpus, store=store))
    build_s = time.perf_counter() - started
    ready, process = startup(store)
    settings = Settings(corpus=corpus, store=store)
    kb = KnowledgeBase(settings)
    kb.warm()
    ask = percentiles(timed(kb.ask, items, rounds))
    app = create_app(settings)
    client = app.test_client()
    http = percentiles(timed(lambda q: client.get("/api/ask", query_string={"q": q}), items, rounds))
    app.extensions["kgraph"].close()
    kb.close()
    return Row(name, report.notes, report.passages, build_s, ready, process, *ask, *http, target_ms)


def table(rows: list[Row], count: int, rounds: int) -> str:
    lines = [
        f"questions: {count} (every type, zh and en, refusals included), {rounds} warm rounds each",
        "",
        "| corpus | notes | passages | build s | start-up s (store+index) | with Python start s "
        "| ask p50 ms | ask p95 ms | /api/ask p50 ms | /api/ask p95 ms | p95 target ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r.corpus} | {r.notes} | {r.passages} | {r.build_s:.1f} | {r.startup_s:.2f} | {r.process_s:.2f} "
                     f"| {r.ask_p50:.1f} | {r.ask_p95:.1f} | {r.http_p50:.1f} | {r.http_p95:.1f} | {r.target_ms:.0f} |")
    return "\n".join(lines)


def run_all(args) -> tuple[list[Row], int]:
    items = questions()
    dev_items = questions(DEV_QUESTION_FILES) or items
    rows = []
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as tmp:
        tmp = Path(tmp)
        rows.append(measure("corpus/", ROOT / "corpus", tmp / "store-1x", items, args.rounds, 50))
        rows.append(measure("k8s-docs (dev)", DEV_CORPUS, tmp / "store-dev", dev_items, args.rounds, 200))
        if not args.skip_scaled:
            corpus = scaled_corpus(tmp / "corpus-scaled", args.scale)
            rows.append(measure(f"{args.scale}x", corpus, tmp / f"store-{args.scale}x", items, args.rounds, 200))
    return rows, len(items)


def baseline(rev: str, args) -> list[Row]:
    """The rows of this script run against revision ``rev``'s package, in a throw-away worktree."""
    with tempfile.TemporaryDirectory(prefix="kgraph-baseline-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree), rev], check=True)
        try:
            flags = ["--json", "--rounds", str(args.rounds), "--scale", str(args.scale)] + (["--skip-scaled"] if args.skip_scaled else [])
            env = {**os.environ, "PYTHONPATH": str(tree)}
            out = subprocess.run([sys.executable, __file__, *flags], env=env, capture_output=True, text=True, check=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    return [Row(**row) for row in json.loads(out.stdout.strip().splitlines()[-1])]


def ratios(rows: list[Row], base: list[Row]) -> str:
    lines = ["| corpus | start-up | ask p50 | ask p95 | /api/ask p50 | /api/ask p95 |", "|---|---:|---:|---:|---:|---:|"]
    for r, b in zip(rows, base):
        cells = [r.startup_s / b.startup_s, r.ask_p50 / b.ask_p50, r.ask_p95 / b.ask_p95, r.http_p50 / b.http_p50, r.http_p95 / b.http_p95]
        lines.append(f"| {r.corpus} | " + " | ".join(f"{c:.2f}" for c in cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100, help="copies of corpus/ in the synthetic corpus")
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds over the question set")
    parser.add_argument("--skip-scaled", action="store_true", help="measure corpus/ and the development corpus only")
    parser.add_argument("--baseline", metavar="REV", help="also run git revision REV, side by side")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (one line)")
    args = parser.parse_args()
    base = baseline(args.baseline, args) if args.baseline else None
    rows, count = run_all(args)
    if args.json:
        print(json.dumps([asdict(r) for r in rows]))
        return
    if base is not None:
        print(f"baseline {args.baseline}:\n" + table(base, count, args.rounds) + "\n\nthis checkout:")
    print(table(rows, count, args.rounds))
    if base is not None:
        print("\nratios, this checkout / baseline (below 1: faster):\n" + ratios(rows, base))


if __name__ == "__main__":
    main()
