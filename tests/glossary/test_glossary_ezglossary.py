"""A real MkDocs build with the ezglossary plugin: ``--format mkdocs-ezglossary``, ``mkdocs build --strict``.

The project uses Material for MkDocs with definition lists (``def_list``) and ezglossary with
tooltips, in strict mode with one section, ``glossary``; another page links every term with
``<glossary:term>``. The plugin logs a warning for a link to an undefined term, and ``--strict``
makes it fatal, so a deliberately unknown term fails the same build.
"""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.glossary import render
from kgraph.glossary.formats.ezglossary import ez_link, ez_terms

pytest.importorskip("mkdocs_ezglossary_plugin", reason="mkdocs-ezglossary-plugin is a test dependency (pyproject [test])")
pytest.importorskip("material", reason="mkdocs-material is a test dependency (pyproject [test])")

MKDOCS_YML = """site_name: kgraph ezglossary test
strict: true
theme:
  name: material
nav:
  - index.md
  - glossary.md
markdown_extensions:
  - def_list
plugins:
  - ezglossary:
      strict: true
      sections:
        - glossary
      tooltip: full
"""


def make_project(root: Path, store: Path, lang: str, links: list[str]) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    body = "\n".join(f"- {link}" for link in links)
    (root / "docs" / "index.md").write_text(f"# Notes\n\n{body}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["glossary", "--format", "mkdocs-ezglossary", "--lang", lang,
                                       "--include-undefined", "--store", str(store),
                                       "--out", str(root / "docs" / "glossary.md")])
    assert result.exit_code == 0, result.output
    return root


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
                          cwd=root, capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.mark.parametrize("lang", ["both", "zh"])
def test_strict_build_links_every_term_with_its_definition_as_tooltip(load, glossary_settings, tmp_path, lang) -> None:
    terms = ez_terms(load(lang, True))
    assert {"Pod", "ReplicaSet", "共享 Volume"} <= set(terms.values()) if lang == "both" else "容器组" in terms.values()
    root = make_project(tmp_path / "site-src", glossary_settings.store, lang, [ez_link(t) for t in terms.values()])
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    index = (root / "site" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="mkdocs-ezglossary-link"[^>]*title="([^"]*)"[^>]*>([^<]*)</a>', index)
    assert [html.unescape(text) for _title, text in links] == list(terms.values())
    pod = next(title for title, text in links if text in ("Pod", "容器组"))
    assert "Pod是一组共享存储和网络的容器" in html.unescape(pod)
    glossary = (root / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert glossary.count("<dt>") == len(terms)
    assert "a &lt; b" in glossary and "<font" not in glossary


def test_a_link_to_an_unknown_term_fails_the_strict_build(glossary_settings, tmp_path) -> None:
    root = make_project(tmp_path / "site-src", glossary_settings.store, "both", ["<glossary:Pod>", "<glossary:NoSuchTerm>"])
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "NoSuchTerm" in result.stderr


def test_terms_are_unique_and_refuse_the_plugins_separators(load) -> None:
    terms = ez_terms(load("both", True))
    assert len({t.casefold() for t in terms.values()}) == len(terms)
    assert not any(set(t) & set(':<>"|/@') for t in terms.values())
    page = render(load(), "mkdocs-ezglossary").page
    assert "glossary:ReplicaSet\n:   **ReplicaSet（副本集）**\n" in page
    assert "<glossary:Pod|Pod（容器组）>" in page


def test_a_page_linked_by_link_docs_builds_with_tooltips(glossary_settings, tmp_path) -> None:
    """``--link-docs --style mkdocs`` writes ``<glossary:…>`` links the plugin resolves; in a table cell only
    a mention written as the term (``Pods`` there would need ``<glossary:Pod|Pods>``, whose ``|`` splits the cell)."""
    root = make_project(tmp_path / "site-src", glossary_settings.store, "both", [])
    (root / "docs" / "index.md").write_text(
        "# Notes\n\nA Deployment manages a ReplicaSet; 持久卷 holds data.\n\n| kind | what |\n|---|---|\n"
        "| Service | routes to Pods, Pod |\n", encoding="utf-8")
    linked = CliRunner().invoke(main, ["glossary", "--store", str(glossary_settings.store), "--include-undefined",
                                       "--link-docs", str(root / "docs"), "--style", "mkdocs"])
    assert linked.exit_code == 0, linked.output
    assert "| <glossary:Service> | routes to Pods, <glossary:Pod> |" in (root / "docs" / "index.md").read_text(encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    index = (root / "site" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="mkdocs-ezglossary-link"[^>]*title="([^"]*)"[^>]*>([^<]*)</a>', index)
    assert [html.unescape(text) for _title, text in links] == ["Deployment", "ReplicaSet", "持久卷", "Service", "Pod"]
    assert all(title for title, _text in links)
