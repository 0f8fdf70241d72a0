"""/sparql in a real browser: the editor runs an example and shows rows, Turtle, and readable errors."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse


def test_example_runs_and_shows_rows(page, screenshot) -> None:
    page.goto("/sparql")
    assert page.locator("#endpoint-url").inner_text().endswith("/sparql")
    page.locator("a.example", has_text="The manages chain").click()
    table = page.locator("#sparql-results table.results-table")
    table.wait_for()
    assert table.locator("th").all_inner_texts() == ["?managed", "?label"]
    assert table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.innerText.split('\\t').map(s => s.trim()))") == [
        ["id:Pod", "Pod @en"], ["id:ReplicaSet", "ReplicaSet @en"]]
    assert page.locator(".result-summary").inner_text() == "2 rows"
    query = parse_qs(urlparse(page.url).query)["query"][0]
    assert query.startswith("SELECT ?managed ?label WHERE {\n  id:Deployment kg:manages+ ?managed .")
    screenshot(page, "sparql-example")
    table.locator("a", has_text="id:Pod").click()
    page.wait_for_url("**/id/Pod")


def test_construct_shows_turtle_and_errors_are_readable(page) -> None:
    page.goto("/sparql")
    page.locator("a.example", has_text="as Turtle").click()
    turtle = page.locator("#sparql-results pre.turtle")
    turtle.wait_for()
    assert "skos:prefLabel" in turtle.inner_text()
    page.fill("#query", "SELEC ?x")
    page.locator("#query").press("Control+Enter")
    error = page.locator("#sparql-results .query-error")
    error.wait_for()
    assert error.locator("strong").inner_text() == "400 · query syntax"


def test_shared_query_url_renders_without_javascript(no_js_page) -> None:
    no_js_page.goto("/sparql")
    no_js_page.locator("a.example", has_text="Labels by language").click()
    rows = no_js_page.locator("#sparql-results tbody tr")
    assert rows.count() == 16
    assert no_js_page.locator("#sparql-results tbody tr", has_text="id:ReplicaSet").inner_text().split("\t") == [
        "id:ReplicaSet", "ReplicaSet @en", "副本集 @zh"]
