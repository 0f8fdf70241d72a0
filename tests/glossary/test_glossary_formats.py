"""Every format on the tiny corpus against its golden file; determinism; the JSON schema; escaping."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from kgraph import data
from kgraph.glossary import render

SCHEMA = data.schema_path("glossary.schema.json")


@pytest.mark.parametrize(("fmt", "lang", "undefined", "name"), [
    ("markdown", "both", False, "glossary.md"),
    ("markdown", "zh", False, "glossary.zh.md"),
    ("markdown", "en", True, "glossary.en.all.md"),
    ("hugo", "both", False, "glossary.yaml"),
    ("html", "both", False, "glossary.html"),
    ("json", "both", False, "glossary.json"),
    ("json", "zh", True, "glossary.zh.all.json"),
    ("sphinx", "both", False, "glossary.rst"),
    ("sphinx", "zh", True, "glossary.zh.all.rst"),
    ("mkdocs-ezglossary", "both", False, "glossary.ezglossary.md"),
    ("mkdocs-ezglossary", "zh", True, "glossary.ezglossary.zh.all.md"),
    ("docusaurus", "both", False, "docusaurus/glossary.json"),
    ("docusaurus", "zh", True, "docusaurus/glossary.zh.all.json"),
])
def test_format_matches_golden(load, golden, fmt, lang, undefined, name) -> None:
    golden(name, render(load(lang, undefined), fmt).page)


def test_mkdocs_is_the_markdown_page_plus_abbreviations(load, golden) -> None:
    glossary = load()
    rendered = render(glossary, "mkdocs")
    assert rendered.page == render(glossary, "markdown").page.replace("format markdown", "format mkdocs")
    golden("abbreviations.md", rendered.abbreviations)
    assert rendered.abbreviations.splitlines() == [
        "*[PV]: PersistentVolume（持久卷） — 持久卷（PersistentVolume，PV）是集群中由管理员事先供应的一块存储。",
        "*[RS]: ReplicaSet（副本集） — ReplicaSet（RS）是新一代的副本控制器，保证指定数量的Pod副本在运行。",
    ]


def test_output_is_byte_identical_across_processes_and_hash_seeds(glossary_settings, tmp_path) -> None:
    """Two separate runs (different PYTHONHASHSEED, so any set/dict-order leak shows) give the same bytes."""
    runs = [_run_every_format(glossary_settings.store, tmp_path / f"run{seed}", seed) for seed in ("1", "2")]
    assert sorted(runs[0])[:8] == ["abbreviations.md", "docusaurus.json", "glossary.ezglossary.md", "glossary.html",
                                   "glossary.json", "glossary.md", "glossary.rst", "glossary.yaml"]
    assert "pages/content/zh-cn/docs/reference/glossary/pod.md" in runs[0]
    assert runs[0] == runs[1]
    assert all(b"\r" not in data and data.endswith(b"\n") for data in runs[0].values())


def _run_every_format(store: Path, folder: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    for fmt, name in (("mkdocs", "glossary.md"), ("hugo", "glossary.yaml"), ("html", "glossary.html"),
                      ("json", "glossary.json"), ("sphinx", "glossary.rst"),
                      ("mkdocs-ezglossary", "glossary.ezglossary.md"), ("docusaurus", "docusaurus.json")):
        command = [sys.executable, "-c", "from kgraph.cli import main; main()", "glossary", "--format", fmt,
                   "--include-undefined", "--store", str(store), "--out", str(folder / name),
                   "--abbreviations", str(folder / "abbreviations.md")]
        subprocess.run(command, env=env, check=True, capture_output=True)
    command = [sys.executable, "-c", "from kgraph.cli import main; main()", "glossary", "--format", "hugo-pages",
               "--include-undefined", "--store", str(store), "--out", str(folder / "pages")]
    subprocess.run(command, env=env, check=True, capture_output=True)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_json_is_valid_against_the_schema(load) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for lang in ("both", "en", "zh"):
        for undefined in (False, True):
            validator.validate(json.loads(render(load(lang, undefined), "json").page))


def test_schema_rejects_an_entry_without_its_contract_fields(load) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    entry = json.loads(render(load(), "json").page)[0]
    for field in ("id", "term", "labels", "aliases", "definition", "citations", "related", "types"):
        broken = {k: v for k, v in entry.items() if k != field}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([broken], schema)
    with pytest.raises(jsonschema.ValidationError):  # defined, yet no citation
        jsonschema.validate([{**entry, "citations": []}], schema)


def test_hugo_entries_have_the_kubernetes_io_fields(load) -> None:
    items = yaml.safe_load(render(load(), "hugo").page)
    pv = next(item for item in items if item["id"] == "persistentvolume")
    assert list(pv)[:6] == ["id", "title", "aka", "short_description", "tags", "full_link"]
    assert pv == {
        "id": "persistentvolume", "title": "PersistentVolume（持久卷）", "aka": ["PV", "PV 卷", "持久存储卷"],
        "short_description": "持久卷（PersistentVolume，PV）是集群中由管理员事先供应的一块存储。",
        "tags": ["storage-resource", "volume"], "full_link": "/id/PersistentVolume", "related": [],
        "source": {"path": "storage.md", "start_line": 5, "end_line": 5, "url": "/notes/storage.md#L5-L5"},
        "defined": True,
    }


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_html_from_the_notes_never_gets_through(load, fmt) -> None:
    text = render(load(include_undefined=True), fmt).page
    assert "<font" not in text and "<script" not in text and "alert(1)" not in text
    assert "a &lt; b" in text  # the definition's own "<" arrives as text
    if fmt == "html":  # the verbatim quote is only an escaped title attribute
        assert "&lt;font color=&#39;cyan&#39;&gt;" in text
