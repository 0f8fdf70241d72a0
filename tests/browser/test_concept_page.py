"""/id/<Name> in a real browser: labels, the SVG neighbourhood, links, and citations into notes."""
from __future__ import annotations

import re


def test_concept_page_shows_its_svg_neighbourhood(page, screenshot) -> None:
    page.goto("/id/ReplicaSet")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1 [lang=zh-CN]").inner_text() == "副本集"
    svg = page.locator("figure.diagram-figure svg.diagram")
    assert svg.is_visible()
    assert svg.bounding_box()["height"] > 150
    assert svg.locator("a.diagram-node").evaluate_all("els => els.map(e => e.getAttribute('href')).sort()") == [
        "/id/Deployment", "/id/Pod", "/id/ReplicationController"]
    assert svg.locator(".diagram-centre text").text_content() == "ReplicaSet"
    assert svg.locator(".diagram-edge text").all_text_contents() == ["manages", "supersedes", "manages"]
    screenshot(page, "concept-replicaset")
    svg.locator("a.diagram-node[href='/id/Pod']").click()
    page.wait_for_url("**/id/Pod")
    assert page.locator("h1 [lang=en]").inner_text() == "Pod"


def test_following_a_citation_highlights_the_cited_lines(page, screenshot) -> None:
    page.goto("/id/ReplicaSet")
    link = page.locator("a.citation-link", has_text="workloads.md:10–10")
    link.click()
    page.wait_for_url(re.compile(r"/notes/workloads\.md#L10-L10$"))
    highlighted = page.locator("#note .hl")
    assert highlighted.count() == 1
    assert highlighted.get_attribute("data-lines") == "9-10"
    assert "Pod被ReplicaSet管理，ReplicaSet控制Pod的数量。" in highlighted.inner_text()
    assert highlighted.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert page.locator("#highlight-status").inner_text() == "Showing lines 10–10."
    screenshot(page, "note-highlight-from-concept", full_page=False)


def test_unknown_concept_gets_an_html_404_with_suggestions(page) -> None:
    response = page.goto("/id/ReplicaSett")
    assert response.status == 404
    assert page.locator(".error-message").inner_text() == "no concept named 'ReplicaSett'"
    page.locator(".close-matches a", has_text="ReplicaSet").click()
    page.wait_for_url("**/id/ReplicaSet")
