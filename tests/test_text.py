"""Tests for kgraph.text: folding, line splitting, sentence spans, language detection."""
from __future__ import annotations

import pytest

from kgraph.text import detect_lang, fold, sentence_spans, split_lines


def pieces(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_fold_width_case_and_compatibility_ideographs() -> None:
    assert fold("ＰＯＤ") == "pod"
    assert fold("ReplicaSet") == "replicaset"
    assert fold("调度\ufa38") == "调度器"
    assert fold("Pod\u3000IP") == "pod ip"


def test_split_lines_counts_like_a_file() -> None:
    assert split_lines("a\nb\n") == ["a", "b"]
    assert split_lines("a\nb") == ["a", "b"]
    assert split_lines("a\n\n") == ["a", ""]
    assert split_lines("") == []
    assert split_lines("a\u2028b\x0cc") == ["a\u2028b\x0cc"]


def test_sentences_split_after_chinese_punctuation() -> None:
    text = "Pod是最小单元。它运行容器！对吗？是的；没错"
    assert pieces(text) == ["Pod是最小单元。", "它运行容器！", "对吗？", "是的；", "没错"]
    assert sentence_spans(text) == [(0, 9), (9, 15), (15, 18), (18, 21), (21, 23)]


def test_sentences_split_english_after_stop_and_space() -> None:
    text = "A Pod runs containers. It is small! Is it? Yes"
    assert pieces(text) == ["A Pod runs containers.", "It is small!", "Is it?", "Yes"]


def test_sentences_keep_dots_and_bangs_inside_tokens() -> None:
    assert pieces("env=dev或environment!=qa") == ["env=dev或environment!=qa"]
    assert pieces("use k8s.gcr.io/pause v1.0 now") == ["use k8s.gcr.io/pause v1.0 now"]
    assert pieces("Pods, e.g. nginx, run. Done") == ["Pods, e.g. nginx, run.", "Done"]


def test_sentences_split_ascii_stop_before_chinese() -> None:
    assert pieces("保持总数为3.如下面的动画所示") == ["保持总数为3.", "如下面的动画所示"]


def test_sentences_split_at_line_breaks() -> None:
    text = "同Service下的pod可以直接通信\n不同Service下的pod要借助于 cluster ip"
    assert pieces(text) == ["同Service下的pod可以直接通信", "不同Service下的pod要借助于 cluster ip"]


def test_line_break_after_latin_word_in_chinese_line_still_splits() -> None:
    assert pieces("答案是使用Service\nk8s的Service定义了入口") == ["答案是使用Service", "k8s的Service定义了入口"]


def test_every_line_break_ends_a_sentence() -> None:
    # The parser joins the breaks that only wrap a sentence (kgraph.parse.breaks); what is left ends one.
    text = "A Pod is the smallest,\ndeployable unit of computing. Next"
    assert pieces(text) == ["A Pod is the smallest,", "deployable unit of computing.", "Next"]


def test_closing_quote_stays_with_its_sentence() -> None:
    assert pieces("他说“好。”然后走了") == ["他说“好。”", "然后走了"]


def test_spans_are_trimmed_and_never_empty() -> None:
    assert sentence_spans("  \n\n  a b  \n  ") == [(6, 9)]
    assert sentence_spans("") == []
    assert sentence_spans("。。") == [(0, 1), (1, 2)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Deployment 和 Pod 是什么关系？", "zh"),
        ("Pod是Kubernetes的最小可部署单元", "zh"),
        ("副本集", "zh"),
        ("What manages ReplicaSets?", "en"),
        ("The ReplicaSet (副本集) manages Pods and keeps them running", "en"),
        ("", "en"),
        ("12345 !!!", "en"),
    ],
)
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang
