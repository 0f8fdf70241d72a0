"""``/api/ask`` and ``/api/search`` through the Flask test client: shapes, limits, no 500s."""
from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.build import build
from kgraph.config import Settings
from kgraph.kb import KnowledgeBase


def test_ask_answers_with_the_design_shape(api):
    response = api.get("/api/ask?q=" + quote("Deployment 管理什么？"))
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert data["answered"] is True and data["question"] == "Deployment 管理什么？"
    assert data["citations"][0] == {
        "source": "workloads.md", "start_line": 5, "end_line": 5, "heading": "工作负载 > Deployment",
        "quote": "Deployment 管理 ReplicaSet。", "url": "/notes/workloads.md#L5-L5", "title": "工作负载",
    }
    assert data["entities"][0]["iri"].endswith("/id/Deployment")
    assert data["sparql"].startswith("PREFIX kg:")
    assert data["answer"] == "Deployment 管理 副本集（ReplicaSet）。笔记原文：“Deployment 管理 ReplicaSet。”[1]"
    assert data["parts"] == [{"text": "Deployment 管理 副本集（ReplicaSet）。", "citation": None},
                             {"text": "笔记原文：", "citation": None},
                             {"text": "“Deployment 管理 ReplicaSet。”", "citation": 0}]


def test_ask_refusal(api):
    data = api.get("/api/ask?q=" + quote("What is Kafka?")).get_json()
    assert data["answered"] is False and data["citations"] == [] and data["sparql"] is None
    assert data["parts"] == [{"text": data["answer"], "citation": None}]


@pytest.mark.parametrize("query, message", [
    ("", "missing parameter q"),
    ("q=", "parameter q is empty"),
    ("q=%20%20", "parameter q is empty"),
    ("q=" + "a" * 501, "parameter q is 501 characters long"),
    ("q=a%07b", "parameter q contains the control character U+0007"),
    ("q=a&q=b", "parameter q is given 2 times"),
    ("q=%FF", "not valid UTF-8"),
])
def test_ask_rejects_bad_input_with_400(api, query, message):
    response = api.get("/api/ask?" + query)
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "bad_request" and message in body["message"]


def test_search_ranks_passages_with_snippets(api):
    data = api.get("/api/search?q=" + quote("RS") + "&limit=2").get_json()
    assert data["count"] == 2
    hit = data["results"][0]
    assert set(hit) >= {"source", "start_line", "end_line", "heading", "quote", "url", "snippet", "score"}
    assert "<mark>" in hit["snippet"] and "ReplicaSet" in hit["snippet"]


def test_search_ignores_the_words_that_frame_a_question(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    paragraphs = ["什么意思呢？是什么关系？", "Deployment 管理 ReplicaSet。", "Deployment 可以回滚。",
                  "ReplicaSet 控制副本数。", "Deployment 和 ReplicaSet 都是工作负载。"]
    (notes / "a.md").write_text("# 笔记\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    config = Settings(corpus=notes, store=tmp_path / "store")
    build(config)
    knowledge = KnowledgeBase(config)
    try:
        found = [h.citation.quote for h in knowledge.search("Deployment 和 ReplicaSet 是什么关系？", limit=5).results]
    finally:
        knowledge.close()
    assert found and "什么意思呢？是什么关系？" not in found


def test_search_snippet_escapes_html(kb, api):
    hits = kb.search("Service", limit=10).results
    assert hits and all(0 <= a < b <= len(h.snippet.text) for h in hits for a, b in h.snippet.highlights)
    for row in api.get("/api/search?q=Service&limit=10").get_json()["results"]:
        assert "<" not in row["snippet"].replace("<mark>", "").replace("</mark>", "")
        marked = [html.escape(row["snippet_text"][a:b]) for a, b in row["highlights"]]
        assert marked == re.findall(r"<mark>(.*?)</mark>", row["snippet"])


@pytest.mark.parametrize("limit", ["0", "51", "-1", "ten", "1.5", "", "²", "١٢", "%C2%B2"])
def test_search_limit_is_checked(api, limit):
    response = api.get("/api/search?q=Pod&limit=" + limit)
    assert response.status_code == 400 and "limit" in response.get_json()["message"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=600))
def test_no_text_ever_yields_a_500(api, text):
    for path in ("/api/ask", "/api/search"):
        response = api.get(path, query_string={"q": text})
        assert response.status_code in (200, 400), (text, response.get_data(as_text=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Pod", "副本集", "RS", "管理", "什么", "是", "和", "区别", "What", "is", "manages",
                                 "which", "哪些", "类型", "?", "？", "Kafka", "的", "被", "谁", " "]), max_size=12))
def test_question_like_text_is_always_answered_or_refused(kb, words):
    text = " ".join(words).strip() or "Pod"
    answer = kb.ask(text)
    assert answer.answered or (answer.citations == () and answer.sparql is None)
