"""The search index written by the build: passages, sentences with verbatim quotes, BM25."""
from __future__ import annotations

from kgraph.answer.index import INDEX_DIR, SearchIndex, concept_term
from kgraph.store import current_version


def test_index_lives_in_the_generation(answer_settings):
    version = current_version(answer_settings.store)
    assert (version.path / INDEX_DIR / "passages.json").exists()
    assert (version.path / INDEX_DIR / "tokenizer.marshal").exists()


def test_sentences_carry_quotes_and_lines(answer_settings):
    index = SearchIndex.load(current_version(answer_settings.store).path)
    item = next(p for p in index.passages if p.text.startswith("hostPath"))
    assert (item.kind, item.start_line, item.heading) == ("list_item", 32, "工作负载 > 卷")
    assert [(s.quote, s.start_line) for s in item.sentences] == [("hostPath：把主机上的文件挂载到 Pod 中。", 32)]


def test_concept_terms_expand_labels(answer_settings):
    index = SearchIndex.load(current_version(answer_settings.store).path)
    best = index.top({concept_term("ReplicaSet"): 1.0}, 3)
    texts = {index.passages[i].text for i, _ in best}
    assert texts == {"Deployment 管理 ReplicaSet。", "ReplicaSet 管理 Pod。", "A ReplicaSet replaces the ReplicationController."}


def test_following_items_of_an_announcement(answer_settings):
    index = SearchIndex.load(current_version(answer_settings.store).path)
    intro = next(p for p in index.passages if p.text.startswith("Kubernetes 支持几种"))
    assert [p.start_line for p in index.following_items(intro, 5)] == [31, 32]
