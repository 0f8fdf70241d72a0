"""The kubernetes.io question sets (``questions_docs_dev.yaml``, ``questions_docs_test.yaml``).

Each split's pages are built once for this module with the real build; every question is asked
in-process and scored with ``answer_scoring.judge`` (through ``bench/answers.py``, which prints the
same figures per intent). The gate is data: each file's ``required`` block holds the floors — the
pass rate over all questions and the share of out-of-domain questions refused — measured when they
were last raised, rounded down. The dev split may be used to tune; the test split never is.
The files themselves are checked too: every cited phrase lies on one line of its page, outside the
HTML comments that hold a Chinese page's English original.
"""
from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from answer_scoring import norm, source_path

ROOT = Path(__file__).resolve().parent.parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("kgraph_answers_bench", ROOT / "bench" / "answers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


BENCH = _bench()
SPECS = {split: BENCH.load(split) for split in BENCH.SPLITS}
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _lang(question: str) -> str:
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in question) else "en"


@pytest.fixture(scope="module", params=list(BENCH.SPLITS))
def measured(request, tmp_path_factory):
    split = request.param
    return split, BENCH.evaluate(split, tmp_path_factory.mktemp(f"docs-{split}"))


def test_the_sets_cover_every_intent_in_both_languages():
    questions = [item for spec in SPECS.values() for item in spec["questions"]]
    assert len(questions) >= 150
    assert sum(1 for item in questions if item.get("negative")) >= 20
    for split, spec in SPECS.items():
        seen = {(item["intent"], _lang(item["q"])) for item in spec["questions"]}
        for intent in BENCH.INTENTS:
            assert {(intent, "zh"), (intent, "en")} <= seen, (split, intent)
    langs = Counter(_lang(item["q"]) for item in questions)
    assert min(langs.values()) >= 0.4 * len(questions), langs


@pytest.mark.parametrize("split", list(BENCH.SPLITS))
def test_every_question_is_well_formed(split):
    spec = SPECS[split]
    ids = Counter(item["id"] for item in spec["questions"])
    assert not [i for i, n in ids.items() if n > 1]
    for item in spec["questions"]:
        assert item["intent"] in BENCH.INTENTS, item["id"]
        assert bool(item.get("negative")) == (item["intent"] == "out_of_domain"), item["id"]
        assert item.get("negative") or (item.get("cite") and (item.get("expect_any") or item.get("expect_all"))), item["id"]
    for key, source in spec["sources"].items():
        assert source_path(source, spec["corpus"]) is not None, (split, key, source)


@pytest.mark.parametrize("split", list(BENCH.SPLITS))
def test_every_cited_phrase_is_on_one_line_of_its_page(split):
    spec = SPECS[split]
    pages: dict[str, list[str]] = {}
    missing = []
    for item in spec["questions"]:
        for key, phrase in item.get("cite", []):
            if key not in pages:
                text = source_path(spec["sources"][key], spec["corpus"]).read_text(encoding="utf-8")
                visible = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
                pages[key] = [norm(line) for line in visible.splitlines()]
            if not any(norm(phrase) in line for line in pages[key]):
                missing.append((item["id"], key, phrase))
    assert not missing, missing


def test_out_of_domain_questions_are_refused_at_the_floor(measured):
    split, results = measured
    floor = SPECS[split]["required"]["out_of_domain_refused"]
    wrong = [(r.item["id"], r.verdict.reason) for r in results if r.item.get("negative") and not r.verdict.ok]
    assert BENCH.rates(results)["out_of_domain_refused"] >= floor, (split, wrong)


def test_the_pass_rate_stays_at_the_floor(measured):
    split, results = measured
    rate = BENCH.rates(results)["pass_rate"]
    floor = SPECS[split]["required"]["pass_rate"]
    assert rate >= floor, (split, f"{rate:.3f} < {floor}", sorted(r.item["id"] for r in results if not r.verdict.ok))


def test_every_citation_holds_its_quote(measured):
    split, results = measured
    corpus = SPECS[split]["corpus"]
    for r in results:
        for c in r.body["citations"]:
            lines = (corpus / c["source"]).read_text(encoding="utf-8").split("\n")
            assert c["quote"] in "\n".join(lines[c["start_line"] - 1:c["end_line"]]), (r.item["id"], c)
