"""A real Hugo build: ``--format hugo-pages`` into a copy of ``tests/data/glossary/hugo-site``.

The fixture site is laid out like kubernetes.io: ``content/<lang>/docs/reference/glossary/index.md``
is a leaf bundle whose page resources are the term files, listed by a minimal theme's ``glossary``
layout, and a ``glossary_tooltip`` shortcode that, like kubernetes.io's, fails the build for an
unknown ``term_id``. Hugo is Debian's (``make test`` installs it through ``scripts/ensure-hugo``);
without it the test skips, except under ``CI=true``, where it fails.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.glossary.formats.hugo_pages import glossary_dir, term_id

SITE = Path(__file__).resolve().parent.parent / "data" / "glossary" / "hugo-site"


@pytest.fixture(scope="module")
def hugo() -> str:
    path = shutil.which("hugo")
    if path is None:
        reason = "no hugo: install it with `apt-get install hugo` (make test does, as root, through scripts/ensure-hugo)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; the Hugo build never skips in CI")
        pytest.skip(reason)
    return path


def make_site(root: Path, store: Path, lang: str = "both") -> Path:
    shutil.copytree(SITE, root)
    result = CliRunner().invoke(main, ["glossary", "--format", "hugo-pages", "--lang", lang, "--store", str(store),
                                       "--out", str(root)])
    assert result.exit_code == 0, result.output
    return root


def tooltip_page(root: Path, lang: str, ids: list[str]) -> None:
    tooltips = "\n".join(f'- {{{{< glossary_tooltip text="{i}" term_id="{i}" >}}}}' for i in ids)
    (root / f"content/{'zh-cn' if lang == 'zh' else 'en'}/docs/tooltips.md").write_text(
        f"---\ntitle: Tooltips\n---\nEvery term:\n\n{tooltips}\n", encoding="utf-8")


def hugo_build(hugo: str, root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([hugo, "--source", str(root), "--destination", str(root / "public")],
                          capture_output=True, text=True, timeout=300)


def test_every_term_page_renders_and_a_tooltip_for_every_term_builds(hugo, load, glossary_settings, tmp_path) -> None:
    root = make_site(tmp_path / "site", glossary_settings.store)
    ids = [term_id(entry) for entry in load().entries]
    for lang in ("en", "zh"):
        tooltip_page(root, lang, ids)
    result = hugo_build(hugo, root)
    assert result.returncode == 0, result.stderr
    for lang, folder in (("en", ""), ("zh", "zh-cn/")):
        page = (root / f"public/{folder}docs/reference/glossary/index.html").read_text(encoding="utf-8")
        assert sorted(re.findall(r'<dt id="term-([a-z0-9-]+)">', page)) == sorted(ids)
        tooltips = (root / f"public/{folder}docs/tooltips/index.html").read_text(encoding="utf-8")
        assert re.findall(r'class="glossary-tooltip" data-term="([^"]+)"', tooltips) == ids
    zh = (root / "public/zh-cn/docs/reference/glossary/index.html").read_text(encoding="utf-8")
    assert '<dt id="term-deployment">部署（Deployment）</dt>' in zh
    assert 'data-source="workloads.md"><p>Deployment用于管理ReplicaSet和Pod，可以实现滚动更新和回滚。</p>' in zh
    assert re.search(r'管理：<a class="glossary-tooltip" data-term="pod" title="Pod是一组共享存储和网络的容器[^"]*" '
                     r'href="/zh-cn/docs/reference/glossary/#term-pod">容器组</a>', zh)


def test_an_unknown_term_id_fails_the_build(hugo, glossary_settings, tmp_path) -> None:
    root = make_site(tmp_path / "site", glossary_settings.store, "en")
    tooltip_page(root, "en", ["pod", "no-such-term"])
    result = hugo_build(hugo, root)
    assert result.returncode != 0
    assert '"no-such-term" is not a valid glossary term_id' in result.stdout + result.stderr


def test_only_the_chosen_language_is_written(glossary_settings, tmp_path) -> None:
    root = make_site(tmp_path / "site", glossary_settings.store, "zh")
    assert (root / glossary_dir("zh") / "pod.md").exists()
    assert sorted(p.name for p in (root / glossary_dir("en")).iterdir()) == ["index.md"]


def test_a_page_linked_by_link_docs_builds(hugo, glossary_settings, tmp_path) -> None:
    """``--link-docs --style hugo`` writes tooltips for every term the page mentions; they all resolve."""
    root = make_site(tmp_path / "site", glossary_settings.store)
    page = root / "content/zh-cn/docs/prose.md"
    page.write_text("---\ntitle: 工作负载\n---\nDeployment 管理 ReplicaSet，副本集（RS）保证 Pod 副本数，Pod 挂载持久卷。\n",
                    encoding="utf-8")
    linked = CliRunner().invoke(main, ["glossary", "--store", str(glossary_settings.store), "--link-docs",
                                       str(root / "content"), "--style", "hugo"])
    assert linked.exit_code == 0, linked.output
    result = hugo_build(hugo, root)
    assert result.returncode == 0, result.stderr
    built = (root / "public/zh-cn/docs/prose/index.html").read_text(encoding="utf-8")
    assert re.findall(r'data-term="([^"]+)"', built) == ["deployment", "replicaset", "pod", "persistentvolume"]
