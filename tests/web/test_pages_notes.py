"""kgraph.web.note_view and /notes/<path>: line-addressable HTML, nothing from a note runs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kgraph.config import Settings
from kgraph.store import new_generation
from kgraph.web import create_app
from kgraph.web.note_view import is_safe_href, render_note, visible_text
from rdf_files import trig_quads

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
FIXTURE = Path(__file__).parent / "data" / "fixture.trig"


def note_text() -> str:
    """A note whose lines 16, 22 and 30–31 are the passages fixture.trig cites."""
    lines = ["---", "title: x", "---", "# Pod、ReplicaSet、Deployment", ""] + [f"第{n}行。" for n in range(6, 14)]
    lines += ["", "## 关系", "Deployment用于管理Pod、ReplicaSet，可实现滚动升级和回滚应用。", "", "<font color='cyan'>青</font>",
              "", "## 总结", "", "Pod被ReplicaSet管理，ReplicaSet控制pod的数量。", "", "```yaml", "kind: Pod", "```", "",
              "## Service", "", "Service通过Label Selector", "选择Pod。", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def notes_client(tmp_path_factory):
    root = tmp_path_factory.mktemp("notes-store")
    with new_generation(root) as writer:
        writer.add(trig_quads(FIXTURE))
        writer.write_json("notes.json", {"000_x.md": note_text(), "dir/b c.md": "# B\n\ntext\n"})
    app = create_app(Settings(base="http://kg.example", store=root), {"TESTING": True})
    yield app.test_client()
    app.extensions["kgraph"].close()


def test_blocks_carry_their_lines() -> None:
    html = render_note("---\nt: 1\n---\n# Title\n\none\ntwo\n\n- a\n- b\n\n| h |\n|---|\n| 1 |\n\n```\ncode\n```\n")
    assert str(html) == (  # front matter (lines 1-3) renders as nothing
        '\n<h1 data-lines="4-4" id="L4">Title</h1>\n'
        '<p data-lines="6-7" id="L6">one\ntwo</p>\n'
        '<ul data-lines="9-11" id="L9">\n<li data-lines="9-9">a</li>\n<li data-lines="10-11" id="L10">b</li>\n</ul>\n'
        '<table data-lines="12-14" id="L12">\n<thead data-lines="12-12">\n<tr data-lines="12-12">\n<th>h</th>\n</tr>\n'
        '</thead>\n<tbody data-lines="14-14" id="L14">\n<tr data-lines="14-14">\n<td>1</td>\n</tr>\n</tbody>\n</table>\n'
        '<pre><code data-lines="16-18" id="L16">code\n</code></pre>\n')


def test_lines_count_like_citations_with_crlf() -> None:
    assert str(render_note("a\r\nb\r\n\r\nc\r\n")) == '<p data-lines="1-2" id="L1">a\nb</p>\n<p data-lines="4-4" id="L4">c</p>\n'


def test_no_html_from_a_note_survives() -> None:
    html = str(render_note(
        "# T <script>alert(1)</script>\n\n"
        "a <font color='cyan'>青</font> <img src=x onerror=alert(2)> <svg onload=alert(3)></svg>\n\n"
        "<div onclick=\"x()\">\n<script>alert(4)</script>\n块 &amp; <b>粗</b>\n</div>\n\n"
        "[j](javascript:alert(5)) [v](vbscript:x) [d](data:text/html,x) [h](https://k8s.io) [r](b.md#L2) "
        "![pic](http://example.com/p.png) <a href=\"javascript:alert(6)\">a</a>\n"))
    assert html == (
        '<h1 data-lines="1-1" id="L1">T </h1>\n'
        '<p data-lines="3-3" id="L3">a 青  </p>\n'
        '<p class="raw-html" data-lines="5-8" id="L5">块 &amp; 粗</p>\n'
        '<p data-lines="10-10" id="L10">[j](javascript:alert(5)) [v](vbscript:x) [d](data:text/html,x) '
        '<a href="https://k8s.io" rel="noopener noreferrer nofollow">h</a> <a href="b.md#L2">r</a> '
        '<span class="image-placeholder" title="image not loaded">[pic]</span> a</p>\n')


@pytest.mark.parametrize(("href", "safe"), [
    ("https://k8s.io", True), ("http://x", True), ("mailto:a@b.c", True), ("other.md", True), ("#L2", True),
    ("/notes/a.md", True), ("a/b:c", True), ("javascript:alert(1)", False), (" JavaScript:alert(1)", False),
    ("java\nscript:x", False), ("data:text/html,x", False), ("vbscript:x", False), ("file:///etc/passwd", False),
])
def test_is_safe_href(href: str, safe: bool) -> None:
    assert is_safe_href(href) is safe


def test_visible_text_drops_tags_scripts_and_styles() -> None:
    assert visible_text("<p>a<script>x()</script>b<style>p{}</style>&lt;c&gt;</p>") == "ab<c>"


def test_note_page_renders_the_built_text(notes_client) -> None:
    response = notes_client.get("/notes/000_x.md", headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    page = response.get_data(as_text=True)
    assert '<h1 class="note-title" lang="en">Pod、ReplicaSet、Deployment</h1>' in page
    assert '<article id="note" class="note" lang="zh-CN" data-path="000_x.md">' in page
    assert '<p data-lines="16-16" id="L16">Deployment用于管理Pod、ReplicaSet，可实现滚动升级和回滚应用。</p>' in page
    assert '<p data-lines="30-31" id="L30">Service通过Label Selector\n选择Pod。</p>' in page
    assert "<font" not in page
    assert '<script src="/static/note.js" defer></script>' in page


def test_note_path_with_folder_and_space(notes_client) -> None:
    page = notes_client.get("/notes/dir/b%20c.md").get_data(as_text=True)
    assert '<h1 class="note-title" lang="en">dir/b c.md</h1>' in page  # no dct:title in the graph: the path


def test_unknown_note_is_404_with_close_matches(notes_client) -> None:
    response = notes_client.get("/notes/000_y.md")
    assert response.status_code == 404
    assert json.loads(response.data) == {
        "error": "not_found", "status": 404, "message": "no note '000_y.md'", "close_matches": ["000_x.md"]}
    page = notes_client.get("/notes/000_y.md", headers=BROWSER).get_data(as_text=True)
    assert '<li><a href="/notes/000_x.md">000_x.md</a></li>' in page


def test_store_without_note_texts_has_no_notes(client) -> None:
    assert client.get("/notes/000_x.md").status_code == 404
