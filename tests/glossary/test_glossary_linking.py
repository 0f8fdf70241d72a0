"""``--link-docs``: the first mention of each term on a page gets the site's link, in both languages, in
prose only; the result is byte-stable and idempotent, also on the development corpus
(``tests/corpora/k8s-docs``); ``--check`` fails while a page lacks links."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.build import build
from kgraph.cli import main
from kgraph.config import Settings
from kgraph.glossary.linking import Linker

PAGES = Path(__file__).resolve().parent.parent / "data" / "glossary" / "link-docs"
K8S_DOCS = Path(__file__).resolve().parents[1] / "corpora" / "k8s-docs"


@pytest.mark.parametrize("style", ["hugo", "mkdocs", "sphinx"])
def test_the_page_linked_in_each_style_matches_its_golden_file(load, golden, style) -> None:
    linker = Linker.of(load(), style)
    page = linker.link((PAGES / "page.md").read_text(encoding="utf-8"))
    golden(f"link-docs/page.{style}.md", page.text)
    again = linker.link(page.text)
    assert again.text == page.text and again.added == ()


def test_first_mentions_in_prose_only(load) -> None:
    page = Linker.of(load(), "hugo").link((PAGES / "page.md").read_text(encoding="utf-8"))
    assert [(a.key, a.text, a.line) for a in page.added] == [
        ("Pod", "Pod", 7), ("ReplicaSet", "ReplicaSet", 8), ("PersistentVolume", "持久卷", 12),
        ("Deployment", "Deployment", 16), ("StatefulSet", "StatefulSet", 17), ("Service", "Service", 25),
        ("共享Volume", "共享 Volume", 25), ("kube-proxy", "kube-proxy", 26), ("EmptyDir", "emptyDir", 29),
    ]
    text = page.text
    assert "description: A Pod in front matter" in text and "# Pod and ReplicaSet\n" in text and "## 持久卷\n" in text
    assert "The `ReplicaSet` in code and a\n[ReplicaSet](replicaset.md) link" in text
    assert "kind: Service  # code" in text and "indented code: ConfigMap" in text
    assert "<code>Service</code>" in text and 'mentions {{< glossary_tooltip text="kube-proxy"' in text  # a note is prose
    assert 'term_id="configmap" >}}, then ConfigMap again' in text  # already linked: no second link
    assert "Escaped \\*Service\\* and &lt;kube-proxy&gt;" in text


def test_line_ends_and_every_other_byte_are_kept(load) -> None:
    raw = (PAGES / "crlf.md").read_bytes()
    page = Linker.of(load(), "mkdocs").link(raw.decode("utf-8"))
    assert page.text.encode("utf-8") == b"A <glossary:Pod> line\r\nand a <glossary:ReplicaSet> line\r\n"


@pytest.fixture
def run(glossary_settings):
    def invoke(*args: str, store: Path | None = None):
        return CliRunner().invoke(main, ["glossary", "--store", str(store or glossary_settings.store), *args])

    return invoke


def test_check_fails_until_the_pages_are_linked(run, golden, tmp_path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(PAGES, docs)
    before = (docs / "page.md").read_bytes()
    check = run("--link-docs", str(docs), "--style", "hugo", "--check")
    assert check.exit_code == 1
    assert check.stdout.splitlines() == [
        f"needs links: {docs / 'crlf.md'} (+2: Pod L1, ReplicaSet L2)",
        f"needs links: {docs / 'page.md'} (+9: Pod L7, ReplicaSet L8, 持久卷 L12, Deployment L16, StatefulSet L17, Service L25, …)",
    ]
    assert (docs / "page.md").read_bytes() == before
    assert run("--link-docs", str(docs), "--style", "hugo").exit_code == 0
    golden("link-docs/page.hugo.md", (docs / "page.md").read_text(encoding="utf-8"))
    assert run("--link-docs", str(docs), "--style", "hugo", "--check").exit_code == 0


def test_generated_glossary_files_are_not_rewritten(run, tmp_path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    assert run("--format", "mkdocs-ezglossary", "--out", str(docs / "glossary.md")).exit_code == 0
    glossary = (docs / "glossary.md").read_bytes()
    assert run("--link-docs", str(docs), "--style", "mkdocs", "--check").exit_code == 0
    assert (docs / "glossary.md").read_bytes() == glossary


def test_link_docs_usage_errors(run, tmp_path) -> None:
    assert run("--link-docs", str(tmp_path)).exit_code == 2
    assert run("--style", "hugo").exit_code == 2
    result = run("--link-docs", str(tmp_path), "--style", "hugo", "--out", str(tmp_path / "x"))
    assert result.exit_code == 2 and "takes no --out" in result.output


def test_idempotent_and_byte_stable_on_the_development_corpus(run, tmp_path_factory) -> None:
    settings = Settings(corpus=K8S_DOCS, store=tmp_path_factory.mktemp("k8s") / "store")
    build(settings)
    first, second = tmp_path_factory.mktemp("first") / "docs", tmp_path_factory.mktemp("second") / "docs"
    for copy in (first, second):
        shutil.copytree(K8S_DOCS, copy)
        assert run("--link-docs", str(copy), "--style", "hugo", store=settings.store).exit_code == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*.md"))
    assert any((first / f).read_bytes() != (K8S_DOCS / f).read_bytes() for f in files)
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)  # the same bytes twice
    again = run("--link-docs", str(first), "--style", "hugo", "--check", store=settings.store)
    assert again.exit_code == 0, again.output  # a second run has nothing to add
    glossary = [f for f in files if "reference/glossary" in f.as_posix()]
    assert glossary and all((first / f).read_bytes() == (K8S_DOCS / f).read_bytes() for f in glossary)
