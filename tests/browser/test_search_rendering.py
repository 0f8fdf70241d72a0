"""How the search page's JavaScript draws /api/ask and /api/search replies, checked with fixed replies.

The browser's requests to the two APIs are answered by the test with hostile content (markup in the
question, the answer, labels, quotes, headings and snippets): every piece must appear as text, the
snippet's highlighted ranges as the only elements (``<mark>``), counted in characters. What the real
answerer says is covered by ``test_search_page.py``.
"""
from __future__ import annotations

import json
import re

EVIL = '<img src=x onerror="window.__xss=1;alert(1)">'
ANSWER = {
    "question": "什么管理 Pod？" + EVIL,
    "answered": True,
    "answer": "ReplicaSet 管理 Pod [1]。" + EVIL,
    "parts": [{"text": "ReplicaSet 管理 Pod ", "citation": 0}, {"text": "。" + EVIL, "citation": None}],
    "lang": "zh",
    "entities": [{"iri": "http://elsewhere.example/id/Pod", "key": "Pod", "label": "Pod" + EVIL, "labels": ["Pod"]}],
    "citations": [{"source": "dir/a b.md", "start_line": 3, "end_line": 4, "heading": "H " + EVIL,
                   "quote": "Pod被ReplicaSet管理" + EVIL, "url": "http://elsewhere.example/notes/dir/a%20b.md#L3-L4",
                   "title": "T" + EVIL}],
    "sparql": "SELECT * { ?s ?p ?o } # </script><script>alert(3)</script>",
}
SEARCH = {"query": "x", "count": 1, "results": [{
    "source": "n.md", "start_line": 7, "end_line": 7, "heading": "", "quote": "q", "url": "/notes/n.md#L7-L7",
    "title": "", "score": 1.0,
    "snippet_text": "a <b> &amp; Pod <script>alert(4)</script> 𝒳 Pod", "highlights": [[12, 15], [44, 47]]}]}


def fulfil(route, body: dict) -> None:
    route.fulfill(status=200, content_type="application/json; charset=utf-8", body=json.dumps(body, ensure_ascii=False))


def test_replies_are_drawn_as_text(page) -> None:
    page.route(re.compile(r"/api/ask\?"), lambda route: fulfil(route, ANSWER))
    page.route(re.compile(r"/api/search\?"), lambda route: fulfil(route, SEARCH))
    page.goto("/")
    page.fill("#q", "anything")
    page.locator("#q").press("Enter")
    page.locator("#passages").wait_for()
    answer = page.locator("#answer")
    assert answer.locator(".question q").inner_text() == ANSWER["question"]
    assert answer.locator(".answer-text").inner_text() == ANSWER["answer"]
    assert answer.locator(".answer-text").get_attribute("lang") == "zh-CN"
    assert answer.locator(".answer-text a.cite-ref").get_attribute("href") == "#cite-1"
    assert answer.locator(".entities a").inner_text() == "Pod" + EVIL
    assert answer.locator(".entities a").get_attribute("href") == "/id/Pod"
    link = answer.locator("#cite-1 a.citation-link")
    assert link.get_attribute("href") == "/notes/dir/a%20b.md#L3-L4"  # on this server, whatever the base
    assert link.locator(".cite-title").inner_text() == "T" + EVIL
    assert link.locator(".cite-lines").inner_text() == "dir/a b.md:3–4"
    assert answer.locator("#cite-1 .cite-heading").inner_text() == "H " + EVIL
    assert answer.locator("#cite-1 .cite-quote").inner_text() == ANSWER["citations"][0]["quote"]
    assert answer.locator(".answer-sparql code").text_content() == ANSWER["sparql"]
    snippet = page.locator("#passages .snippet")
    assert snippet.inner_text() == "a <b> &amp; Pod <script>alert(4)</script> 𝒳 Pod"
    # ranges count characters (code points): the astral 𝒳 before the second Pod does not shift it
    assert snippet.locator("*").evaluate_all("els => els.map(e => e.outerHTML)") == ["<mark>Pod</mark>", "<mark>Pod</mark>"]
    assert page.locator("#results img, #results script, #results [onerror]").count() == 0
    assert page.evaluate("window.__xss") is None


def test_an_api_error_is_shown_in_words(page) -> None:
    page.route(re.compile(r"/api/ask\?"), lambda route: route.fulfill(
        status=400, content_type="application/json",
        body=json.dumps({"error": "bad_request", "status": 400, "message": "parameter q is 501 characters long" + EVIL})))
    page.goto("/")
    page.fill("#q", "x")
    page.locator("#q").press("Enter")
    message = page.locator("#results .error-message")
    message.wait_for()
    assert message.inner_text() == "parameter q is 501 characters long" + EVIL
    assert page.evaluate("window.__xss") is None
