"""Answers to the kubernetes.io question sets, per split and per intent: questions, right, rate.

Usage:
    python bench/answers.py [--split dev --split test] [--failures] [--json]
    python bench/answers.py --fit    # the judge's shares (ontology/questions.yaml ``judge:``) on dev

For each split (``dev``: tests/answer/questions_docs_dev.yaml over tests/corpora/k8s-docs/content;
``test``: tests/answer/questions_docs_test.yaml over tests/corpora/k8s-docs-test/content) the
split's pages are built with the real build into a temporary store, every question is asked
in-process (``KnowledgeBase.ask``) and scored with ``tests/answer/answer_scoring.judge``: the
answer holds the expected words and one citation's lines hold an expected phrase; an
out-of-domain question must be refused with no citation. The table puts each split's measured
rates beside the floors its file keeps in ``required`` (the gate of
tests/answer/test_docs_questions.py). ``--failures`` lists every wrong answer with the reason, the
answer's first words and its first citation — read the dev split's; the test split is only
measured (never tune on it). This only measures.

``--fit`` asks the development set again under every policy of a grid of the judge's shares
(graph, passages, bare) and prints, best first, the dev pass rate of each policy that still
refuses every out-of-domain question, with the policy in use marked. It never reads the test set
and writes nothing: a new policy goes into ``ontology/questions.yaml`` by hand, and the test set
then says whether it generalises.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "answer"))

import yaml  # noqa: E402

from answer_scoring import Verdict, judge  # noqa: E402
from kgraph.build import build  # noqa: E402
from kgraph.config import Settings  # noqa: E402
from kgraph.answer.judge import Judge, JudgePolicy  # noqa: E402
from kgraph.kb import KnowledgeBase  # noqa: E402
from kgraph.web.answers import answer_json  # noqa: E402

QUESTIONS = ROOT / "tests" / "answer"
SPLITS = {"dev": QUESTIONS / "questions_docs_dev.yaml", "test": QUESTIONS / "questions_docs_test.yaml"}
INTENTS = ("definition", "relation", "inverse", "path", "difference", "members", "composition", "lookup",
           "out_of_domain")


@dataclass(frozen=True)
class Result:
    """One question asked: the question file's item, the verdict and the answer's JSON."""

    item: dict
    verdict: Verdict
    body: dict


def load(split: str) -> dict:
    """The question file of ``split``, with ``corpus`` resolved against the checkout."""
    spec = yaml.safe_load(SPLITS[split].read_text(encoding="utf-8"))
    spec["corpus"] = ROOT / spec["corpus"]
    return spec


def ask_all(spec: dict, kb: KnowledgeBase) -> list[Result]:
    """Every question of ``spec`` asked of ``kb`` and judged."""
    results = []
    for item in spec["questions"]:
        body = answer_json(kb.ask(item["q"]))
        results.append(Result(item, judge(item, body, spec["sources"], spec["corpus"]), body))
    return results


def evaluate(split: str, workdir: Path) -> list[Result]:
    """Build ``split``'s pages into ``workdir`` and ask every question of its file."""
    spec = load(split)
    settings = Settings(corpus=spec["corpus"], store=workdir / split)
    build(settings)
    kb = KnowledgeBase(settings)
    try:
        return ask_all(spec, kb)
    finally:
        kb.close()


def rates(results: list[Result]) -> dict[str, float]:
    """The gated figures: ``pass_rate`` over every question and ``out_of_domain_refused``, the
    share of the out-of-domain questions refused."""
    negatives = [r for r in results if r.item.get("negative")]
    return {"pass_rate": sum(r.verdict.ok for r in results) / max(1, len(results)),
            "out_of_domain_refused": sum(r.verdict.ok for r in negatives) / max(1, len(negatives))}


def by_intent(results: list[Result]) -> dict[str, tuple[int, int]]:
    """intent -> (questions, right), in INTENTS order, then ``all``."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for key in (r.item["intent"], "all"):
            tally[key][0] += 1
            tally[key][1] += r.verdict.ok
    order = [i for i in INTENTS if i in tally] + sorted(set(tally) - set(INTENTS) - {"all"}) + ["all"]
    return {key: (tally[key][0], tally[key][1]) for key in order}


def table(measured: dict[str, list[Result]]) -> str:
    lines = [["split", "intent", "questions", "right", "rate", "floor"]]
    for split, results in measured.items():
        required = load(split).get("required") or {}
        for intent, (n, right) in by_intent(results).items():
            floor = required.get("pass_rate") if intent == "all" else \
                required.get("out_of_domain_refused") if intent == "out_of_domain" else None
            lines.append([split, intent, str(n), str(right), f"{right / n:.0%}", "" if floor is None else f"{floor:.0%}"])
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    out = ["  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths)))
           for line in lines]
    return "\n".join([out[0], "-" * len(out[0]), *out[1:]])


def failures(results: list[Result]) -> str:
    rows = []
    for r in results:
        if r.verdict.ok:
            continue
        first = (r.body.get("citations") or [{}])[0]
        where = f"{first.get('source')}:{first.get('start_line')}" if first else "-"
        answer = " ".join(r.body.get("answer", "").split())[:110]
        rows.append(f"{r.item['id']}\t{r.item['intent']}\t{r.verdict.reason}\t{r.item['q']}\n    -> {answer}\n    [{where}]")
    return "\n".join(rows)


GRID = {"graph": (0.4, 0.5, 0.6), "passages": (0.5, 0.6, 0.7), "bare": (0.65, 0.75, 0.85)}


def fit(workdir: Path) -> list[tuple[float, JudgePolicy, bool]]:
    """(dev pass rate, policy, in use) for every policy of ``GRID`` that refuses every
    out-of-domain dev question, best first (ties: the policy in use, then the stricter)."""
    spec = load("dev")
    settings = Settings(corpus=spec["corpus"], store=workdir / "dev")
    build(settings)
    kb = KnowledgeBase(settings)
    try:
        answerer = kb.answerer
        in_use = answerer.judge.policy
        found = []
        for graph in GRID["graph"]:
            for passages in GRID["passages"]:
                for bare in GRID["bare"]:
                    policy = JudgePolicy(graph, passages, bare)
                    answerer.judge = Judge(policy, answerer.judge.coverage)
                    figures = rates(ask_all(spec, kb))
                    if figures["out_of_domain_refused"] == 1.0:
                        found.append((figures["pass_rate"], policy, policy == in_use))
        answerer.judge = Judge(in_use, answerer.judge.coverage)
    finally:
        kb.close()
    return sorted(found, key=lambda f: (-f[0], not f[2], -(f[1].graph + f[1].passages + f[1].bare)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", action="append", choices=list(SPLITS), help="split(s) to ask [default: all]")
    parser.add_argument("--failures", action="store_true", help="list each wrong answer with its reason")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--fit", action="store_true", help="the judge's shares over a grid, on the dev set only")
    args = parser.parse_args(argv)
    if args.fit:
        with tempfile.TemporaryDirectory(prefix="kgraph-fit-") as tmp:
            print("dev pass  graph  passages  bare")
            for rate, policy, in_use in fit(Path(tmp)):
                print(f"{rate:8.1%}  {policy.graph:5.2f}  {policy.passages:8.2f}  {policy.bare:4.2f}{'  <- in use' if in_use else ''}")
        return 0
    measured: dict[str, list[Result]] = {}
    with tempfile.TemporaryDirectory(prefix="kgraph-answers-") as tmp:
        for split in args.split or list(SPLITS):
            measured[split] = evaluate(split, Path(tmp))
    if args.json:
        print(json.dumps({split: {"rates": rates(results), "intents": by_intent(results)}
                          for split, results in measured.items()}, indent=2))
    else:
        print(table(measured))
    if args.failures:
        for split, results in measured.items():
            print(f"\nwrong in {split}:\n{failures(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
