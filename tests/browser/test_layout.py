"""Every page at 360 px: nothing wider than the screen, the controls big enough to use; screenshots kept."""
from __future__ import annotations

from urllib.parse import quote

import pytest

PAGES = [
    ("phone-search", "/"),
    ("phone-concept", "/id/Deployment"),
    ("phone-note", "/notes/workloads.md#L14-L14"),
    ("phone-sparql", "/sparql?query=" + quote("SELECT ?c ?l { ?c skos:prefLabel ?l } ORDER BY ?l LIMIT 6", safe="")),
]


@pytest.mark.parametrize(("name", "url"), PAGES, ids=[name for name, _ in PAGES])
def test_page_fits_360_px(phone, screenshot, name: str, url: str) -> None:
    phone.goto(url)
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.locator("header input[type=search], #q").first.bounding_box()["width"] >= 150
    links = phone.locator(".site-nav a").evaluate_all("els => els.map(e => e.getBoundingClientRect().right)")
    assert len(links) == 3 and max(links) <= 360
    screenshot(phone, name)


def test_diagram_scales_down(phone) -> None:
    phone.goto("/id/ReplicaSet")
    box = phone.locator("svg.diagram").bounding_box()
    assert 300 <= box["width"] <= 340 and box["height"] >= 0.55 * box["width"]


def test_suggestions_fit_at_360_px(phone, screenshot) -> None:
    phone.goto("/")
    phone.locator("#q").press_sequentially("什么是副本")
    phone.locator("#q-list [role=option]").first.wait_for()
    box = phone.locator("#q-list").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    screenshot(phone, "phone-suggestions", full_page=False)


def test_nav_reaches_every_section(page) -> None:
    page.goto("/id/Pod")
    for name, path in (("SPARQL", "/sparql"), ("Glossary", "/glossary"), ("Search", "/")):
        page.locator(".site-nav a", has_text=name).click()
        page.wait_for_url(f"**{path}")
        assert page.locator("main#content").is_visible()
        assert page.locator("html").get_attribute("lang") in ("en", "zh-CN")
