"""``/glossary``: the HTML glossary inside the site layout, through the Flask test client."""
from __future__ import annotations

import re

import pytest

from kgraph.web import create_app


@pytest.fixture(scope="module")
def client(glossary_settings):
    app = create_app(glossary_settings, {"TESTING": True})
    yield app.test_client()
    app.extensions["kgraph"].close()


def test_glossary_page_lists_entries_linking_to_their_concept_pages(client) -> None:
    response = client.get("/glossary")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    page = response.get_data(as_text=True)
    assert '<html lang="en">' in page and "Glossary · 术语表" in page
    concept_links = re.findall(r'<h2><a href="(/id/[^"]+)">', page)
    assert concept_links == ["/id/ConfigMap", "/id/Deployment", "/id/EmptyDir", "/id/%E5%85%B1%E4%BA%ABVolume",
                             "/id/kube-proxy", "/id/PersistentVolume", "/id/Pod", "/id/ReplicaSet", "/id/Service",
                             "/id/StatefulSet"]
    assert '<a href="/notes/workloads.md#L5-L5"' in page  # Pod's definition, cited
    assert '<a href="/id/LabelSelector">label selector（标签选择器）</a>' in page  # related, not an entry
    anchors = set(re.findall(r'id="(term-[^"]+)"', page))
    assert set(re.findall(r'href="#(term-[^"]+)"', page)) <= anchors


def test_concept_pages_linked_from_the_glossary_exist(client) -> None:
    page = client.get("/glossary").get_data(as_text=True)
    for href in sorted(set(re.findall(r'href="(/id/[^"#]+)"', page))):
        assert client.get(href, headers={"Accept": "text/turtle"}).status_code == 200, href


def test_notes_html_is_escaped_on_the_page(client) -> None:
    page = client.get("/glossary").get_data(as_text=True)
    assert "<font" not in page and "alert(1)" not in page
    assert "&lt;font color=&#39;cyan&#39;&gt;" in page


def test_language_parameter(client) -> None:
    page = client.get("/glossary?lang=zh").get_data(as_text=True)
    assert '<html lang="zh-CN">' in page and "<h2><a href=\"/id/Pod\">容器组（Pod）</a></h2>" in page
    bad = client.get("/glossary?lang=fr")
    assert bad.status_code == 400 and bad.get_json()["error"] == "bad_request"


def test_etag_gives_304(client) -> None:
    first = client.get("/glossary")
    again = client.get("/glossary", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    other = client.get("/glossary?lang=en", headers={"If-None-Match": first.headers["ETag"]})
    assert other.status_code == 200
