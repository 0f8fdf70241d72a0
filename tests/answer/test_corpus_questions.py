"""kgraph's own question set over corpus/ (``questions_corpus.yaml``): every type in both languages.

The store is built from the project's corpus/ once for this module; the questions are asked
in-process and scored with the rules of ../shared/eval/score_ask.py (``scoring``). Out-of-domain
questions must all be refused; of the others at least ``required_pass_rate`` must pass.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kgraph.build import build
from kgraph.config import Settings
from kgraph.kb import KnowledgeBase
from kgraph.web.answers import answer_json
from answer_scoring import judge

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "corpus"
SPEC = yaml.safe_load((HERE / "questions_corpus.yaml").read_text(encoding="utf-8"))
VARIANTS = yaml.safe_load((HERE / "questions_variants.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_kb(tmp_path_factory):
    settings = Settings(corpus=CORPUS, store=tmp_path_factory.mktemp("corpus-store"))
    build(settings)
    knowledge_base = KnowledgeBase(settings)
    yield knowledge_base
    knowledge_base.close()


@pytest.fixture(scope="module", params=["corpus", "variants"])
def question_set(request):
    return SPEC if request.param == "corpus" else VARIANTS


@pytest.fixture(scope="module")
def verdicts(corpus_kb, question_set):
    return {item["id"]: (item, judge(item, answer_json(corpus_kb.ask(item["q"])), question_set["sources"], CORPUS))
            for item in question_set["questions"]}


def test_the_set_covers_every_type_in_both_languages():
    types = {(item["type"], "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in item["q"]) else "en") for item in SPEC["questions"]}
    for kind in ("definition", "relation", "relationship", "difference", "list", "composition", "retrieval", "negative"):
        assert {(kind, "zh"), (kind, "en")} <= types, kind
    assert len(SPEC["questions"]) >= 50 and sum(1 for i in SPEC["questions"] if i.get("negative")) >= 10


def test_every_out_of_domain_question_is_refused(verdicts):
    wrong = [v for item, v in verdicts.values() if item.get("negative") and not v.ok]
    assert not wrong, wrong


def test_most_questions_are_answered_and_cited_right(verdicts, question_set):
    failed = sorted(i for i, (_item, v) in verdicts.items() if not v.ok)
    rate = 1 - len(failed) / len(verdicts)
    assert rate >= question_set["required_pass_rate"], (rate, [(i, verdicts[i][1].reason) for i in failed])
    unexpected = set(failed) - set(question_set.get("known_failures") or {})
    assert len(unexpected) <= 2, [(i, verdicts[i][1].reason) for i in sorted(unexpected)]


def test_every_citation_holds_its_quote(corpus_kb, question_set):
    notes = {p.name: p.read_text(encoding="utf-8").split("\n") for p in CORPUS.glob("*.md")}
    for item in question_set["questions"]:
        for c in corpus_kb.ask(item["q"]).citations:
            assert c.quote in "\n".join(notes[c.source][c.start_line - 1:c.end_line]), (item["q"], c)
