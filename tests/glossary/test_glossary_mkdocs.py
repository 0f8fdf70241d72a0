"""A real docs-site build: the ``mkdocs`` format in a temporary MkDocs project, ``mkdocs build --strict``.

The project turns on MkDocs' link and anchor validation as warnings, which ``--strict`` makes
fatal, so every related-term link, and a link from another page to a glossary anchor, must
resolve; the abbreviations reach every page through ``abbr`` + ``pymdownx.snippets`` (Material for
MkDocs' glossary convention). A deliberately broken anchor makes the same build fail.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main

pytest.importorskip("pymdownx.snippets", reason="pymdown-extensions is a test dependency (pyproject [test])")

MKDOCS_YML = """site_name: kgraph glossary test
strict: true
nav:
  - index.md
  - glossary.md
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
markdown_extensions:
  - abbr
  - attr_list
  - toc
  - pymdownx.snippets:
      auto_append:
        - includes/abbreviations.md
      check_paths: true
"""
INDEX = """# Notes site

A ReplicaSet (RS) keeps Pods running; see [Pod](glossary.md#term-pod) and [PV](glossary.md#term-persistentvolume).
"""


def make_project(root: Path, store: Path, lang: str = "both") -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "docs" / "index.md").write_text(INDEX, encoding="utf-8")
    result = CliRunner().invoke(main, ["glossary", "--format", "mkdocs", "--lang", lang, "--include-undefined",
                                       "--store", str(store), "--out", str(root / "docs" / "glossary.md")])
    assert result.exit_code == 0, result.output
    assert (root / "includes" / "abbreviations.md").exists()  # the default place, beside docs/
    return root


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
                          cwd=root, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("lang", ["both", "zh"])
def test_mkdocs_strict_build_with_every_anchor_and_link_valid(glossary_settings, tmp_path, lang) -> None:
    root = make_project(tmp_path / "site-src", glossary_settings.store, lang)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="(term-[a-z0-9-]+)"', page))
    links = set(re.findall(r'href="#(term-[a-z0-9-]+)"', page))
    assert {"term-pod", "term-replicaset", "term-gong-xiang-volume", "term-labelselector"} <= anchors
    assert links and links <= anchors
    index = (root / "site" / "index.html").read_text(encoding="utf-8")
    title = re.search(r'<abbr title="([^"]*)">RS</abbr>', index)
    assert title and "ReplicaSet" in title[1] and "副本集" in title[1] and "保证指定数量的Pod副本在运行" in title[1]


def test_a_broken_anchor_fails_the_strict_build(glossary_settings, tmp_path) -> None:
    root = make_project(tmp_path / "site-src", glossary_settings.store)
    page = root / "docs" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [nothing](#term-no-such-term).\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "term-no-such-term" in result.stderr
