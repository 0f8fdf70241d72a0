"""Tokenizing: domain words stay whole, Latin words are never cut by jieba, stems match verb forms."""
from __future__ import annotations

import pytest

from kgraph.tokenize import Tokenizer, fold_text, stem, user_words


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer.for_words(user_words(["副本集", "持久卷申领", "kube-apiserver", "RS", "Static Pod"]))


def test_domain_words_stay_whole(tokenizer):
    words = [t.word for t in tokenizer.tokens("副本集和持久卷申领由 Kube-APIServer 管理")]
    assert words == ["副本集", "和", "持久卷申领", "由", "kube-apiserver", "管理"]


def test_latin_words_are_not_cut_on_short_domain_words(tokenizer):
    assert [t.word for t in tokenizer.tokens("replaced persistence")] == ["replaced", "persistence"]


def test_offsets_point_into_the_original_text(tokenizer):
    text = "ＲＳ 管理 Pods"
    assert [(text[t.start:t.end], t.term) for t in tokenizer.tokens(text)] == [("ＲＳ", "rs"), ("管理", "管理"), ("Pods", "pod")]


@pytest.mark.parametrize("words, expected", [
    (["replaced", "replaces", "replace"], "replac"),
    (["manages", "managed", "managing"], "manag"),
    (["uses", "used", "use"], "us"),
    (["runs", "running"], "run"),
])
def test_stems(words, expected):
    assert {stem(w) for w in words} == {expected}


def test_user_words_are_folded_without_spaces():
    assert user_words(["副本集", "Static Pod", "kube-apiserver", "x"]) == ["kube-apiserver", "副本集"]
    assert fold_text("ＡＢ") == "ab"


def test_saved_tokenizer_cuts_the_same(tokenizer, tmp_path):
    tokenizer.save(tmp_path / "t.marshal")
    loaded = Tokenizer.load(tmp_path / "t.marshal")
    text = "副本集和持久卷申领由 kube-apiserver 管理"
    assert loaded.terms(text) == tokenizer.terms(text)
