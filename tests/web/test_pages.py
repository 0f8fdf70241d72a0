"""The search page ``/`` (kgraph.web.pages), the HTML error page, and when a request gets HTML (kgraph.web.browser).

``/?q=`` renders what ``KnowledgeBase.ask``/``search`` return; here they are replaced by fixed
``Answer``/``SearchResults`` values (the answerer's own tests cover what it says), to pin the markup
the page and ``web/static/search.js`` share and its escaping.
"""
from __future__ import annotations

import json
import re

import pytest

from kgraph.answer.model import Answer, Entity, Segment
from kgraph.model import Citation
from kgraph.search.model import SearchHit, SearchResults, Snippet
from kgraph.errors import BadRequest
from kgraph.web.browser import prefers_html, tag_lang, text_lang
from kgraph.web.pages import concept_href
from kgraph.web.snippets import snippet_html, snippet_parts

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
EVIL = "<img src=x onerror=alert(1)>"
CITATION = Citation("dir/a b.md", 3, 4, "H " + EVIL, "Pod被ReplicaSet管理" + EVIL, "工作负载")


@pytest.fixture()
def answering(app, monkeypatch):
    """The app's KnowledgeBase answering every question with fixed values; yields the calls made."""
    calls = []
    kb = app.extensions["kgraph"]

    def ask(question: str) -> Answer:
        calls.append(("ask", question))
        if len(question) > 500:
            raise BadRequest(f"parameter q is {len(question)} characters long; at most 500 are accepted")
        return Answer(question, True, (Segment("ReplicaSet 管理 Pod ", 0), Segment("。" + EVIL)),
                      (Entity("http://kg.example/id/Pod", "Pod", "Pod" + EVIL, ("Pod",)),), (CITATION,),
                      sparql="SELECT * { ?s ?p ?o } #" + EVIL, lang="zh")

    def search(question: str, limit: int = 10) -> SearchResults:
        calls.append(("search", question, limit))
        return SearchResults(question, (SearchHit(CITATION, Snippet("a <b> Pod", ((6, 9),)), 1.5),))

    monkeypatch.setattr(kb, "ask", ask, raising=False)
    monkeypatch.setattr(kb, "search", search, raising=False)
    return calls


def main(html: str) -> str:
    return html.split('<main id="content">', 1)[1].split("</main>", 1)[0]


def test_empty_page_is_the_form(client) -> None:
    response = client.get("/")
    assert (response.status_code, response.headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    html = response.get_data(as_text=True)
    assert '<html lang="en">' in html
    assert '<form id="ask-form" class="ask-form" action="/" method="get" role="search">' in html
    assert 'placeholder="Deployment 和 Pod 是什么关系？ · What manages ReplicaSets?"' in html
    assert 'id="header-q"' not in html  # the page's own box replaces the header's
    assert '<div id="results">\n  \n  \n  \n</div>' in html
    assert '<script src="/static/search.js" defer></script>' in html


def test_question_answered_on_the_server(client, answering) -> None:
    html = main(client.get("/?q=什么管理Pod", headers=BROWSER).get_data(as_text=True))
    assert answering == [("ask", "什么管理Pod"), ("search", "什么管理Pod", 5)]
    assert 'value="什么管理Pod"' in html
    assert '<section id="answer" class="answer-card answered" aria-labelledby="answer-heading">' in html
    assert '<p class="question">Question: <q lang="zh-CN">什么管理Pod</q></p>' in html
    assert ('<p class="answer-text" lang="zh-CN">ReplicaSet 管理 Pod <a class="cite-ref" href="#cite-1">[1]</a>'
            '。&lt;img src=x onerror=alert(1)&gt;</p>') in html
    assert '<li><a href="/id/Pod" lang="en">Pod&lt;img src=x onerror=alert(1)&gt;</a></li>' in html
    assert ('<li id="cite-1" class="citation">\n      <a class="citation-link" href="/notes/dir/a%20b.md#L3-L4">'
            '<span class="cite-title">工作负载</span>\n<span class="cite-lines">dir/a b.md:3–4</span></a>'
            '<div class="cite-heading">H &lt;img src=x onerror=alert(1)&gt;</div>') in html
    assert '<blockquote class="cite-quote" lang="en">Pod被ReplicaSet管理&lt;img src=x onerror=alert(1)&gt;</blockquote>' in html
    assert '<pre><code>SELECT * { ?s ?p ?o } #&lt;img src=x onerror=alert(1)&gt;</code></pre>' in html
    assert '<p class="snippet" lang="en">a &lt;b&gt; <mark>Pod</mark></p>' in html
    assert "<img" not in html


def test_over_long_question_is_a_400_next_to_the_box(client, answering) -> None:
    response = client.get("/?q=" + "x" * 501, headers=BROWSER)
    assert response.status_code == 400
    assert '<p class="error-message">parameter q is 501 characters long; at most 500 are accepted</p>' in main(
        response.get_data(as_text=True))


def test_blank_question_is_the_empty_page(client, answering) -> None:
    assert '<section id="answer"' not in client.get("/?q=%20%20").get_data(as_text=True)
    assert answering == []


def test_static_assets_are_served_locally(client) -> None:
    for name in ("kgraph.css", "autocomplete.js", "search.js", "note.js", "sparql.js"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200, name
        assert b"http://" not in response.data and b"https://" not in response.data, name
        response.close()


def test_api_and_fetch_errors_stay_json(client) -> None:
    response = client.get("/no/such/page")
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.data) == {
        "error": "not_found", "status": 404,
        "message": "The requested URL was not found on the server. If you entered the URL manually please check your "
                   "spelling and try again."}
    assert client.get("/api/terms?limit=0", headers=BROWSER).headers["Content-Type"] == "application/json; charset=utf-8"


def test_browsers_get_an_html_error_page(client) -> None:
    response = client.get("/no/such/page", headers=BROWSER)
    assert (response.status_code, response.headers["Content-Type"]) == (404, "text/html; charset=utf-8")
    html = main(response.get_data(as_text=True))
    assert "<h1>404 · not found</h1>" in html
    response = client.post("/", headers=BROWSER)
    assert (response.status_code, set(response.headers["Allow"].split(", "))) == (405, {"GET", "HEAD", "OPTIONS"})
    assert "<h1>405 · method not allowed</h1>" in response.get_data(as_text=True)


@pytest.mark.parametrize(("accept", "html"), [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),
    ("text/html", True),
    ("*/*", False),
    (None, False),
    ("application/json", False),
    ("text/html;q=0.5, application/json", False),
    ("text/html, application/sparql-results+json", False),
    ("text/*", False),
])
def test_prefers_html(accept: str | None, html: bool) -> None:
    assert prefers_html(accept) is html


def test_languages() -> None:
    assert (tag_lang("zh"), tag_lang("en"), tag_lang("ZH"), tag_lang("de")) == ("zh-CN", "en", "zh-CN", "de")
    assert (text_lang("Deployment 和 Pod 是什么关系？"), text_lang("What manages ReplicaSets?"), text_lang("")) == (
        "zh-CN", "en", "en")


def test_helpers() -> None:
    row = {"snippet_text": "<i> Pod&x", "highlights": [[4, 7], [8, 9]]}
    assert snippet_parts(row) == [("<i> ", False), ("Pod", True), ("&", False), ("x", True)]
    assert snippet_html(Snippet(row["snippet_text"], ((4, 7), (8, 9)))) == "&lt;i&gt; <mark>Pod</mark>&amp;<mark>x</mark>"
    assert concept_href("http://elsewhere.example/id/副本集") == "/id/副本集"
    assert concept_href("http://kg.example/ontology#manages") == "/"


def test_every_page_links_search_sparql_and_glossary(client) -> None:
    for url in ("/", "/id/Pod", "/sparql"):
        html = client.get(url, headers=BROWSER).get_data(as_text=True)
        nav = re.search(r'<nav class="site-nav" aria-label="Site">(.*?)</nav>', html, re.S).group(1)
        assert re.findall(r'href="([^"]+)">(\w+)<', nav) == [("/", "Search"), ("/sparql", "SPARQL"), ("/glossary", "Glossary")]
