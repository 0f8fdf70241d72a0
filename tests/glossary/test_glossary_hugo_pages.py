"""``--format hugo-pages``: kubernetes.io's one file per term, against golden files; its front matter;
its ids; a date from the note; site paths; ``--check`` and the removal of a lost term's file."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.glossary import Glossary, render
from kgraph.glossary.formats.hugo_pages import site_path, term_page


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_every_file_matches_its_golden_file(load, golden) -> None:
    files = render(load(), "hugo-pages").files
    assert [name for name, _ in files][:2] == ["content/en/docs/reference/glossary/configmap.md",
                                              "content/en/docs/reference/glossary/deployment.md"]
    assert len(files) == 2 * len(load().entries)
    for name, text in files:
        golden(f"hugo-pages/{name}", text)


def test_front_matter_has_the_kubernetes_io_fields_and_the_citation(load) -> None:
    files = dict(render(load(), "hugo-pages").files)
    zh = files["content/zh-cn/docs/reference/glossary/replicaset.md"]
    assert front_matter(zh) == {
        "title": "副本集（ReplicaSet）", "id": "replicaset", "full_link": "/workloads/",
        "short_description": "ReplicaSet（RS）是新一代的副本控制器，保证指定数量的Pod副本在运行。",
        "aka": ["Replica Set", "RS"], "tags": ["workload-controller"],
        "citation": {"source": "workloads.md", "start_line": 9, "end_line": 9, "url": "/notes/workloads.md#L9-L9",
                     "quote": "ReplicaSet（RS）是新一代的副本控制器，保证指定数量的Pod副本在运行。"},
        "generator": "kgraph glossary --format hugo-pages",
    }
    body = zh.split("---\n", 2)[2]
    assert body.startswith("ReplicaSet（RS）是新一代的副本控制器，保证指定数量的Pod副本在运行。\n\n<!--more-->\n")
    assert body.endswith('相关术语：\n\n- 被管理：{{< glossary_tooltip text="部署" term_id="deployment" >}}\n'
                         '- 管理：{{< glossary_tooltip text="容器组" term_id="pod" >}}\n')
    en = front_matter(files["content/en/docs/reference/glossary/replicaset.md"])
    assert en["title"] == "ReplicaSet" and en["id"] == "replicaset"


def test_each_language_takes_its_own_definition_where_the_notes_have_one(load) -> None:
    entry = next(e for e in load().entries if len({d.lang for d in e.definitions}) == 2)
    files = dict(render(load(), "hugo-pages").files)
    for lang, folder in (("en", "en"), ("zh", "zh-cn")):
        own = next(d for d in entry.definitions if d.lang == lang)
        page = files[f"content/{folder}/docs/reference/glossary/{entry.anchor.removeprefix('term-')}.md"]
        assert front_matter(page)["short_description"] == own.text


def test_the_date_is_the_cited_notes_date_and_absent_without_one(load) -> None:
    glossary = load()
    entry = next(e for e in glossary.entries if e.id == "Pod")
    assert "date" not in front_matter(term_page(entry, "en", {}))
    dated = dataclasses.replace(entry, definitions=tuple(dataclasses.replace(d, date="2019-01-11") for d in entry.definitions))
    assert list(front_matter(term_page(dated, "en", {})))[:3] == ["title", "id", "date"]
    assert front_matter(term_page(dated, "en", {}))["date"] == "2019-01-11"


@pytest.mark.parametrize(("note", "path"), [
    ("content/en/docs/concepts/workloads/pods.md", "/docs/concepts/workloads/pods/"),
    ("content/zh-cn/docs/concepts/_index.md", "/docs/concepts/"),
    ("notes/storage.md", "/notes/storage/"),
    ("content/en/docs/reference/glossary/taint.md", None),
])
def test_site_path(note, path) -> None:
    assert site_path(note) == path


def test_ids_do_not_depend_on_which_terms_are_present(load) -> None:
    glossary = load()
    fewer = Glossary(glossary.lang, tuple(e for e in glossary.entries if e.id != "ConfigMap"))
    before = dict(render(glossary, "hugo-pages").files)
    after = dict(render(fewer, "hugo-pages").files)
    assert set(before) - set(after) == {"content/en/docs/reference/glossary/configmap.md",
                                        "content/zh-cn/docs/reference/glossary/configmap.md"}
    assert all(before[name] == text for name, text in after.items() if "configmap" not in text)


def test_check_and_write_handle_a_lost_term(glossary_settings, tmp_path: Path) -> None:
    def run(*args: str):
        return CliRunner().invoke(main, ["glossary", "--format", "hugo-pages", "--lang", "en",
                                         "--store", str(glossary_settings.store), "--out", str(tmp_path), *args])

    assert run("--check").exit_code == 1
    assert run().exit_code == 0
    assert run("--check").exit_code == 0
    folder = tmp_path / "content/en/docs/reference/glossary"
    lost = folder / "gone.md"
    lost.write_text((folder / "pod.md").read_text(encoding="utf-8").replace("id: pod", "id: gone"), encoding="utf-8")
    (folder / "index.md").write_text("---\ntitle: Glossary\n---\n", encoding="utf-8")  # the site's own: kept
    check = run("--check")
    assert check.exit_code == 1 and f"extra: {lost} (its term is gone from the notes" in check.stdout
    assert run().exit_code == 0
    assert not lost.exists() and (folder / "index.md").exists()
    assert run("--check").exit_code == 0


def test_hugo_pages_needs_a_folder(glossary_settings) -> None:
    result = CliRunner().invoke(main, ["glossary", "--format", "hugo-pages", "--store", str(glossary_settings.store)])
    assert result.exit_code == 2 and "--out DIR" in result.output
