"""/id/<Name> for browsers: kgraph.web.concept_view (what the page shows) and kgraph.web.diagram (the SVG)."""
from __future__ import annotations

import json
import re

from kgraph.web.concept_view import Citation, Term, Text, concept_view, diagram_input
from kgraph.web.diagram import COMPACT_UPTO, MAX_NEIGHBOURS, Edge, Node, neighbourhood_svg

BASE = "http://kg.example"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
QUOTE_16 = "Deployment用于管理Pod、ReplicaSet，可实现滚动升级和回滚应用。"


def test_view_of_a_concept(engine) -> None:
    view = concept_view(engine, f"{BASE}/id/Deployment")
    assert (view.key, view.title) == ("Deployment", "Deployment")
    assert view.pref_labels == (Text("Deployment", "en"), Text("部署", "zh"))
    assert (view.aliases, view.misspellings) == ((Text("deploy", "en"),), (Text("Deploymnet", "en"),))
    assert view.types == (Term(f"{BASE}/ontology#WorkloadController", "WorkloadController",
                               {"en": "workload controller", "zh": "工作负载控制器"}),)
    [definition] = view.definitions
    assert definition.text == Text(QUOTE_16, "zh")
    assert definition.citations == (Citation("000_x.md", 16, 16, "关系 > Deployment", QUOTE_16),)
    assert definition.citations[0].url == "/notes/000_x.md#L16-L16"
    [relation] = view.relations
    assert (relation.direction, relation.predicate.label(), relation.predicate.labels["zh"], relation.other.name) == (
        "out", "manages", "管理", "ReplicaSet")
    assert relation.citations == (Citation("000_x.md", 16, 16, "关系 > Deployment", "Deployment用于管理Pod、ReplicaSet"),)


def test_relations_in_and_out_of_a_concept(engine) -> None:
    view = concept_view(engine, f"{BASE}/id/Pod")
    assert [(r.direction, r.predicate.name, r.other.name, [(c.start_line, c.end_line) for c in r.citations])
            for r in view.relations] == [("in", "manages", "ReplicaSet", [(22, 22)]), ("in", "selects", "Service", [(30, 31)])]
    assert view.relations[1].predicate.label() == "selects"  # no zh label in the ontology: the en one
    assert view.definitions == ()
    assert concept_view(engine, f"{BASE}/id/Nothing") is None


def test_diagram_input(engine) -> None:
    centre, neighbours, edges = diagram_input(concept_view(engine, f"{BASE}/id/ReplicaSet"))
    assert centre == Node("ReplicaSet", "ReplicaSet", "/id/ReplicaSet")
    assert neighbours == [Node("Pod", "Pod", "/id/Pod"), Node("Deployment", "Deployment", "/id/Deployment")]
    assert edges == [Edge("ReplicaSet", "Pod", "manages"), Edge("Deployment", "ReplicaSet", "manages")]


def test_svg_of_one_neighbour_linked_both_ways_is_escaped() -> None:
    svg = neighbourhood_svg(Node("A", "A<b>", "/id/A"), [Node("B", "副本集&", "/id/B?x=1&y=2")],
                            [Edge("A", "B", "manages"), Edge("B", "A", "managedBy<"), Edge("A", "Z", "gone")])
    assert str(svg) == "\n".join([
        '<svg class="diagram" role="img" aria-labelledby="diagram-title" viewBox="0 0 480 340" width="100%" '
        'xmlns="http://www.w3.org/2000/svg">',
        '<title id="diagram-title">A&lt;b&gt; and 1 related concept</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path class="diagram-arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>',
        '<g class="diagram-edge"><line x1="246.0" y1="155.0" x2="246.0" y2="60.0" marker-end="url(#arrow)"/>'
        '<text x="255.0" y="111.5" text-anchor="start">manages</text></g>',
        '<g class="diagram-edge"><line x1="234.0" y1="60.0" x2="234.0" y2="155.0" marker-end="url(#arrow)"/>'
        '<text x="225.0" y="111.5" text-anchor="end">managedBy&lt;</text></g>',
        '<g class="diagram-node diagram-centre"><rect x="212.0" y="155.0" width="56.0" height="30" rx="6"/>'
        '<text x="240.0" y="175.0" text-anchor="middle">A&lt;b&gt;</text></g>',
        '<a class="diagram-node" href="/id/B?x=1&amp;y=2"><title>副本集&amp;</title><rect x="201.3" y="30.0" '
        'width="77.4" height="30" rx="6"/><text x="240.0" y="50.0" text-anchor="middle">副本集&amp;</text></a>',
        "</svg>"])


def test_svg_caps_neighbours_and_merges_relation_labels() -> None:
    nodes = [Node(f"N{i}", f"Neighbour number {i} with a long name", f"/id/N{i}") for i in range(15)]
    edges = [Edge("C", n.key, "uses") for n in nodes] + [Edge("C", "N0", "manages"), Edge("C", "N0", "uses")]
    svg = str(neighbourhood_svg(Node("C", "C", "/id/C"), nodes, edges))
    assert svg.count('<a class="diagram-node"') == MAX_NEIGHBOURS == 12
    assert svg.count("<line ") == 12
    assert ">uses, manages</text>" in svg
    assert ">Neighbour numbe…</text>" in svg and "<title>Neighbour number 0 with a long name</title>" in svg
    assert '<text class="diagram-more" x="710" y="430" text-anchor="end">+3 more</text>' in svg
    assert 'viewBox="0 0 720 440"' in svg  # more than COMPACT_UPTO neighbours: the wide frame
    few = str(neighbourhood_svg(Node("C", "C", "/id/C"), nodes[:COMPACT_UPTO], edges))
    assert 'viewBox="0 0 480 340"' in few and few.count('<a class="diagram-node"') == COMPACT_UPTO


def test_browser_gets_the_concept_page(client) -> None:
    response = client.get("/id/ReplicaSet", headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Vary"] == "Accept"
    page = response.get_data(as_text=True)
    assert '<h1><span lang="en">ReplicaSet</span> <span class="sep">·</span> <span lang="zh-CN">副本集</span></h1>' in page
    assert page.count('<svg class="diagram"') == 1
    assert '<a class="citation-link" href="/notes/000_x.md#L22-L22">' in page
    assert '<blockquote class="cite-quote" lang="zh-CN">Pod被ReplicaSet管理</blockquote>' in page
    query = re.search(r'<a class="sparql-link" href="/sparql\?query=([^"]+)"', page).group(1)
    assert "%3Chttp%3A//kg.example/id/ReplicaSet%3E%20%3Fproperty%20%3Fvalue" in query
    etag = response.headers["ETag"]
    assert etag.endswith('.id.html"')
    assert client.get("/id/ReplicaSet", headers={**BROWSER, "If-None-Match": etag}).status_code == 304


def test_format_parameter_still_wins_for_browsers(client) -> None:
    response = client.get("/id/ReplicaSet?format=turtle", headers=BROWSER)
    assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"


def test_unknown_concept_page_suggests_close_matches(client) -> None:
    response = client.get("/id/Deploymen", headers=BROWSER)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    page = response.get_data(as_text=True)
    assert "<p class=\"error-message\">no concept named &#39;Deploymen&#39;</p>" in page
    assert '<li><a href="/id/Deployment">Deployment</a></li>' in page
    assert json.loads(client.get("/id/Deploymen").data)["close_matches"] == ["Deployment"]


def test_concept_name_is_escaped_in_the_error_page(client) -> None:
    page = client.get("/id/%3Cscript%3Ealert(1)%3C%2Fscript%3E", headers=BROWSER).get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
