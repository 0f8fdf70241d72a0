"""A real Sphinx build: ``--format sphinx`` in a temporary project, ``sphinx-build -W`` (warnings fatal).

A second page references every term line of the glossary (names and aliases) with ``:term:``; a
reference to a term the glossary lacks makes the same build fail. Also: the order is the glossary's
(English, Chinese-only names by pinyin among them), no name is a term twice, and notes' markup
characters stay text.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.glossary import render
from kgraph.glossary.formats.sphinx import escape_rst, term_lines

pytest.importorskip("sphinx", reason="sphinx is a test dependency (pyproject [test])")

CONF = 'project = "kgraph glossary test"\nlanguage = "zh_CN"\nexclude_patterns = ["_build"]\n'
INDEX = "Notes\n=====\n\n.. toctree::\n\n   glossary\n   terms\n"


def make_project(root: Path, store: Path, lang: str, names: list[str]) -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "index.rst").write_text(INDEX, encoding="utf-8")
    refs = "\n".join(f"- :term:`{name}`" for name in names)
    (root / "terms.rst").write_text(f"Terms\n=====\n\n{refs}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["glossary", "--format", "sphinx", "--lang", lang, "--include-undefined",
                                       "--store", str(store), "--out", str(root / "glossary.rst")])
    assert result.exit_code == 0, result.output
    return root


def sphinx_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(root), str(root / "_build")],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("lang", ["both", "zh"])
def test_sphinx_build_with_warnings_as_errors_references_every_term(load, glossary_settings, tmp_path, lang) -> None:
    names = [name for lines in term_lines(load(lang, True)).values() for name in lines]
    assert {"RS", "副本集", "PV", "共享 Volume", "kube-proxy"} <= set(names)
    root = make_project(tmp_path / "docs", glossary_settings.store, lang, names)
    result = sphinx_build(root)
    assert result.returncode == 0, result.stderr
    terms = (root / "_build" / "terms.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<a class="reference internal" href="glossary.html#term-', terms)) == len(names)
    page = (root / "_build" / "glossary.html").read_text(encoding="utf-8")
    assert "Deployment用于管理ReplicaSet和Pod，可以实现滚动更新和回滚。" in page
    assert "a &lt; b" in page and "<font" not in page


def test_a_reference_to_an_unknown_term_fails_the_build(glossary_settings, tmp_path) -> None:
    root = make_project(tmp_path / "docs", glossary_settings.store, "both", ["Pod", "NoSuchTerm"])
    result = sphinx_build(root)
    assert result.returncode != 0 and "NoSuchTerm" in result.stderr


def test_entries_are_pre_sorted_english_then_pinyin(load) -> None:
    page = render(load("both", True), "sphinx").page
    firsts = re.findall(r"^   (\S.*)\n(?:   \S.*\n)*      ", page, re.M)
    assert firsts == [entry.label_en or entry.label_zh for entry in load("both", True).entries]
    assert firsts.index("共享 Volume") == firsts.index("emptyDir") + 1  # gong xiang… between emptyDir and kube-proxy
    assert ":sorted:" not in page


def test_a_name_is_a_term_once(load) -> None:
    names = [name.casefold() for lines in term_lines(load("both", True)).values() for name in lines]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("text", "escaped"), [
    ("a *b* `c` |d| _e_", r"a \*b\* \`c\` \|d\| \_e\_"),
    ("- not a list", r"\- not a list"),
    ("key : classifier", r"key \: classifier"),
    (".. not a comment", r"\.. not a comment"),
])
def test_escape_rst(text, escaped) -> None:
    assert escape_rst(text) == escaped


def test_a_myst_page_linked_by_link_docs_builds(glossary_settings, tmp_path) -> None:
    """``--link-docs --style sphinx`` writes MyST ``{term}`` roles that resolve against the glossary."""
    pytest.importorskip("myst_parser", reason="myst-parser is a test dependency (pyproject [test])")
    root = make_project(tmp_path / "docs", glossary_settings.store, "both", ["Pod"])
    (root / "conf.py").write_text(CONF + 'extensions = ["myst_parser"]\n', encoding="utf-8")
    (root / "index.rst").write_text(INDEX + "   prose\n", encoding="utf-8")
    (root / "prose.md").write_text("# Prose\n\nA Deployment manages a ReplicaSet（副本集）, whose Pods use 持久卷.\n",
                                   encoding="utf-8")
    linked = CliRunner().invoke(main, ["glossary", "--store", str(glossary_settings.store), "--include-undefined",
                                       "--link-docs", str(root), "--style", "sphinx"])
    assert linked.exit_code == 0, linked.output
    prose = (root / "prose.md").read_text(encoding="utf-8")
    assert prose == ("# Prose\n\nA {term}`Deployment` manages a {term}`ReplicaSet`（副本集）, whose {term}`Pods <Pod>` use "
                     "{term}`持久卷 <PersistentVolume>`.\n")
    result = sphinx_build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "_build" / "prose.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="glossary.html#term-', page)) == 4
