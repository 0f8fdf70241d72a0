"""/sparql for browsers (kgraph.web.sparql_page): the editor, results rendered on the server, errors in words."""
from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import quote

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kgraph.sparql.dataset import compact
from kgraph.web.sparql_page import EXAMPLES, local_href

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
PREFIXES = {"kg": "http://kg.example/ontology#", "id": "http://kg.example/id/"}


def page(client, query: str | None = None, status: int = 200) -> str:
    url = "/sparql" if query is None else "/sparql?query=" + quote(query, safe="")
    response = client.get(url, headers=BROWSER)
    assert (response.status_code, response.headers["Content-Type"]) == (status, "text/html; charset=utf-8")
    return response.get_data(as_text=True)


def rows(html: str) -> list[list[str]]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_editor_without_a_query(client) -> None:
    html = page(client)
    assert '<code id="endpoint-url">http://localhost/sparql</code>' in html
    assert html.count('<a class="example" href="/sparql?query=') == len(EXAMPLES) == 4
    assert "PREFIX kg: &lt;http://kg.example/ontology#&gt;" in html
    assert '<section id="sparql-results" class="sparql-results" aria-live="polite" data-base="http://kg.example">\n\n</section>' in html


def test_tools_still_get_the_service_description(client) -> None:
    for accept in ("*/*", "text/turtle", None):
        response = client.get("/sparql", headers={"Accept": accept} if accept else {})
        assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert client.get("/sparql?format=json&query=ASK{}", headers=BROWSER).headers["Content-Type"] == (
        "application/sparql-results+json; charset=utf-8")


def test_example_query_rendered_as_a_table(client) -> None:
    html = page(client, EXAMPLES[0].query)
    assert '<p class="result-summary">2 rows</p>' in html
    assert rows(html) == [
        ['<a href="/id/Pod">id:Pod</a>', 'Pod <span class="lang-tag">@en</span>'],
        ['<a href="/id/ReplicaSet">id:ReplicaSet</a>', 'ReplicaSet <span class="lang-tag">@en</span>']]


def test_literals_are_escaped_and_carry_their_language(client) -> None:
    html = page(client, 'SELECT ?x ?l { BIND("<b>x</b> & y" AS ?x) BIND("副本集"@zh AS ?l) }')
    assert rows(html) == [["&lt;b&gt;x&lt;/b&gt; &amp; y", '副本集 <span class="lang-tag">@zh</span>']]
    assert '<td class="literal" lang="zh-CN">' in html


def test_ask_and_construct(client) -> None:
    assert '<strong class="boolean">true</strong>' in page(client, "ASK { id:Deployment kg:manages id:ReplicaSet }")
    html = page(client, EXAMPLES[3].query)
    turtle = html.split('<pre class="turtle"><code>', 1)[1].split("</code></pre>", 1)[0]
    graph = Graph().parse(data=unescape(turtle), format="turtle")
    pod = URIRef("http://kg.example/id/Pod")
    assert set(graph.objects(pod, SKOS.prefLabel)) == {Literal("Pod", lang="en"), Literal("容器组", lang="zh")}
    assert len(graph) == 6


@pytest.mark.parametrize(("query", "status", "code"), [
    ("SELEC ?x", 400, "query syntax"),
    ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 400, "query not allowed"),
])
def test_errors_shown_in_words(client, query: str, status: int, code: str) -> None:
    html = page(client, query, status)
    assert f"<p><strong>{status} · {code}</strong></p>" in html
    assert '<div class="query-error" role="alert">' in html


def test_query_text_is_escaped_in_the_editor(client) -> None:
    html = page(client, "</textarea><script>alert(1)</script>", 400)
    assert "<script>alert(1)" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in html


def test_prefix_data_is_safe_json(client) -> None:
    html = page(client)
    data = html.split('<script type="application/json" id="sparql-prefixes">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["kg"] == "http://kg.example/ontology#"


def test_compact_and_local_href() -> None:
    assert compact("http://kg.example/ontology#manages", PREFIXES) == "kg:manages"
    assert compact("http://kg.example/id/副本集", PREFIXES) == "id:副本集"
    assert compact("http://kg.example/id/a/b", PREFIXES) == "http://kg.example/id/a/b"
    assert compact("http://kg.example/id/", PREFIXES) == "http://kg.example/id/"
    assert local_href("http://kg.example/id/Pod", "http://kg.example") == "/id/Pod"
    assert local_href("http://kg.example/notes/a.md#L1-L2", "http://kg.example") == "/notes/a.md#L1-L2"
    assert local_href("http://elsewhere.example/id/Pod", "http://kg.example") == ""
