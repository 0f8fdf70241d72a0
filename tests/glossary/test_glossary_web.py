"""``/glossary``: the glossary page inside the site layout, through the Flask test client: entries, the
letter index, the server-side filter ``?q=``, the language toggle, escaping and the ETag."""
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
    concept_links = re.findall(r'<h3><a href="(/id/[^"]+)">', page)
    assert concept_links == ["/id/ConfigMap", "/id/Deployment", "/id/EmptyDir", "/id/%E5%85%B1%E4%BA%ABVolume",
                             "/id/kube-proxy", "/id/PersistentVolume", "/id/Pod", "/id/ReplicaSet", "/id/Service",
                             "/id/StatefulSet"]
    assert '<a class="cite" href="/notes/workloads.md#L5-L5" title="Pod是一组共享存储和网络的容器，是Kubernetes中最小的可部署单元。">' \
           'workloads.md L5</a>' in page  # Pod's definition, cited compactly
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
    assert '<html lang="zh-CN">' in page and "<h3><a href=\"/id/Pod\">容器组（Pod）</a></h3>" in page
    assert '<strong aria-current="page">zh</strong>' in page and '<a href="?lang=en" hreflang="en">en</a>' in page
    bad = client.get("/glossary?lang=fr")
    assert bad.status_code == 400 and bad.get_json()["error"] == "bad_request"


def test_etag_gives_304(client) -> None:
    first = client.get("/glossary")
    again = client.get("/glossary", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    other = client.get("/glossary?lang=en", headers={"If-None-Match": first.headers["ETag"]})
    assert other.status_code == 200


def test_letter_index_links_the_groups_present(client) -> None:
    page = client.get("/glossary").get_data(as_text=True)
    linked = re.findall(r'<a href="#letter-([A-Z]|other)" data-letter="[^"]+">', page)
    assert linked == ["C", "D", "E", "G", "K", "P", "R", "S"]  # 共享 Volume under G (gong xiang)
    groups = re.findall(r'<section class="glossary-letter" id="letter-([A-Z]|other)"', page)
    assert groups == linked
    assert '<span class="empty" data-letter="A" aria-hidden="true">A</span>' in page
    g = page[page.index('id="letter-G"'):page.index('id="letter-K"')]
    assert re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', g) == ["共享 Volume"]


def test_server_side_filter_by_name_alias_or_definition(client) -> None:
    def shown(query: str, lang: str = "both") -> list[str]:
        page = client.get("/glossary", query_string={"q": query, "lang": lang}).get_data(as_text=True)
        return re.findall(r'<article class="glossary-entry" id="(term-[^"]+)"', page)

    assert shown("副本控制器") == ["term-replicaset"]  # its definition
    assert shown("副本集") == ["term-replicaset", "term-statefulset"]  # its name, and StatefulSet's alias 有状态副本集
    assert shown("sts") == ["term-statefulset"]  # its alias
    assert shown("  ＳＴＳ ") == shown("sts")  # width, case and spaces folded
    assert shown("最小的可部署单元") == ["term-pod"]
    page = client.get("/glossary?q=nothing-like-this").get_data(as_text=True)
    assert '<p class="glossary-none" id="glossary-none">' in page and "<span>0</span> / 10" in page
    zh = client.get("/glossary?lang=zh&q=pod").get_data(as_text=True)
    assert '<input type="hidden" name="lang" value="zh">' in zh and 'value="pod"' in zh
    assert '<a href="?lang=en&amp;q=pod" hreflang="en">en</a>' in zh


def test_entry_shows_aliases_and_related_terms(client) -> None:
    page = client.get("/glossary").get_data(as_text=True)
    deployment = page[page.index('id="term-deployment"'):page.index('id="term-emptydir"')]
    assert '<p class="aliases"><span class="field">Also known as · 别名:</span> deploy, 部署对象</p>' in deployment
    assert ('manages（管理） <a href="#term-pod">Pod（容器组）</a>, <a href="#term-replicaset">ReplicaSet（副本集）</a>'
            in deployment)
    assert 'src="/static/glossary.js"' in page and not re.search(r'(?:src|href)="(?:https?:)?//', page)  # nothing leaves
