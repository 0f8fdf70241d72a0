"""The search index written by the build (``kgraph.search.index``): passages, sentences with
verbatim quotes and lines, concept terms, BM25 figures — over the seed notes in ``corpus/``."""
from __future__ import annotations

import math

import pytest

from kgraph.build import build, extract_corpus
from kgraph.config import Settings
from kgraph.errors import StoreMissing
from kgraph.search.index import INDEX_DIR, SearchIndex, concept_term
from kgraph.store import current_version


def test_index_lives_in_the_generation(corpus_settings):
    folder = current_version(corpus_settings.store).path / INDEX_DIR
    assert sorted(p.name for p in folder.iterdir()) == ["bm25", "passages.json", "tokenizer.marshal"]


def test_one_bm25_document_per_passage(index):
    assert (index.size, index.documents) == (282, 282)
    assert [p.position for p in index.passages] == list(range(282))


def test_sentences_carry_quotes_and_lines(index):
    passage = index.passages[1]
    assert (passage.note, passage.kind, passage.start_line, passage.end_line) == ("000_b4841ad40d62e92a.md", "paragraph", 10, 12)
    assert passage.heading == "Kubernetes资源对象Pod、ReplicaSet、Deployment、Service之间的关系 > ReplicaSet"
    assert passage.topic == "ReplicaSet"
    assert [(s.text[:24], s.start_line, s.end_line) for s in passage.sentences] == [
        ("先说下Replication Controlle", 10, 10), ("Replication Controller的作", 10, 10),
        ("ReplicaSet是Replication C", 11, 11), ("ReplicaSet和Replication C", 11, 11),
        ("Replication Controller只支", 11, 11), ("在yaml文件中通过spec.replicas声", 12, 12)]
    assert passage.sentences[0].text == passage.sentences[0].quote == "先说下Replication Controller。"


def test_a_quote_is_verbatim_markdown_while_the_text_is_plain(index):
    item = next(p for p in index.passages if p.text.startswith("emptyDir"))
    assert (item.kind, item.start_line, item.heading) == ("list_item", 45, "k8s存储 > 临时卷的类型")
    [sentence] = item.sentences
    assert sentence.quote.startswith("emptyDir](https://kubernetes.io/zh/docs/concepts/storage/volumes/#emptydir)： Pod 启动时为空")
    assert sentence.text == item.text
    assert sentence.text.startswith("emptyDir： Pod 启动时为空")


def test_a_passage_cites_its_lines_and_source(index):
    citation = index.passages[1].citation(title="Pod、RS 与 Deployment")
    assert (citation.source, citation.start_line, citation.end_line, citation.title) == (
        "000_b4841ad40d62e92a.md", 10, 12, "Pod、RS 与 Deployment")
    assert citation.quote == index.passages[1].source
    sentence = index.passages[1].sentences[2]
    assert index.passages[1].citation(sentence).key == ("000_b4841ad40d62e92a.md", 11, 11)


def test_concept_terms_expand_labels(index):
    """``§ReplicaSet`` finds passages that say RS as well as ReplicaSet or 副本集."""
    best = index.top({concept_term("ReplicaSet"): 1.0}, 3)
    assert [(index.passages[i].note, index.passages[i].start_line, round(score, 3)) for i, score in best] == [
        ("004_67691ae25526bf00.md", 34, 1.734), ("003_39f8276f66997fbe.md", 24, 1.717),
        ("004_67691ae25526bf00.md", 36, 1.626)]
    assert index.passages[best[0][0]].text.startswith("RS 和 RC 没有本质的不同")


def test_idf_and_share(index):
    assert index.idf(concept_term("ReplicaSet")) == pytest.approx(2.2277, abs=1e-4)
    assert index.idf("no-such-word") == pytest.approx(math.log(1 + 282.5 / 0.5))
    assert index.share(concept_term("Pod")) == pytest.approx(135 / 282)
    assert index.known("节点") and not index.known("no-such-word")


def test_no_terms_rank_nothing(index):
    assert index.top({}, 5) == []
    assert index.top({"no-such-word": 1.0}, 5) == []


def test_following_items_of_an_announcement(index):
    intro = index.passages[9]
    assert intro.text == "Kubernetes 为了不同的目的，支持几种不同类型的临时卷："
    assert [p.start_line for p in index.following_items(intro, 5)] == [45, 46, 47, 48]
    assert [p.start_line for p in index.following_items(intro, 2)] == [45, 46]


def test_the_passage_before_stays_in_its_note(index):
    assert index.before(index.passages[0]) is None
    assert index.before(index.passages[1]).start_line == 7
    first_of_next = next(p for p in index.passages if p.note == "001_fd38ff0f8ae72d38.md")
    assert index.before(first_of_next) is None


def test_a_generation_without_an_index_is_missing(tmp_path):
    with pytest.raises(StoreMissing) as raised:
        SearchIndex.load(tmp_path)
    assert raised.value.status == 503


def test_facts_cite_sentences_of_the_index(index, corpus_settings):
    """The index's sentences are extraction's: the quote of every fact's evidence is one of the
    cited passage's indexed sentences, a part of one (a clause) or a run of them."""
    assertions = extract_corpus(Settings(corpus=corpus_settings.corpus)).data.extraction.assertions
    sentences: dict[str, list] = {}
    for passage in index.passages:
        sentences.setdefault(passage.note, []).extend(passage.sentences)
    unmatched = [a.evidence for a in assertions
                 if not any(s.start_line >= a.evidence.span.start_line and s.end_line <= a.evidence.span.end_line
                            and (s.quote in a.evidence.quote or a.evidence.quote in s.quote)
                            for s in sentences[a.evidence.note_path])]
    assert len(assertions) > 100  # the seed notes state well over a hundred facts; the count moves with extraction
    assert unmatched == []


QUOTA = """---
title: Resource quotas
---
# Resource quotas

ResourceQuotas limit resource consumption for a {{< glossary_tooltip text="namespace" term_id="namespace" >}}.

LimitRanges limit resource consumption for a namespace.
"""


def test_concept_terms_are_the_mentions_extraction_found(tmp_path):
    """A glossary link is a mention of its term even where its text is only an everyday word:
    the graph says the passage mentions Namespace, and so does the index (the plain word does not)."""
    (tmp_path / "notes" / "en").mkdir(parents=True)
    (tmp_path / "notes" / "en" / "quota.md").write_text(QUOTA, encoding="utf-8")
    settings = Settings(corpus=tmp_path / "notes", store=tmp_path / "store")
    build(settings)
    index = SearchIndex.load(current_version(settings.store).path)
    assert [(p.start_line, p.text) for p in index.passages] == [
        (6, "ResourceQuotas limit resource consumption for a namespace."),
        (8, "LimitRanges limit resource consumption for a namespace.")]
    assert [index.passages[i].start_line for i, _ in index.top({concept_term("Namespace"): 1.0}, 5)] == [6]
