"""``kgraph glossary``: stdout, files, ``--check`` both ways, usage errors, the store's own base."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.cli.glossary import FORMAT_NAMES, default_abbreviations
from kgraph.glossary import FORMATS


@pytest.fixture
def run(glossary_settings):
    def invoke(*args: str):
        return CliRunner().invoke(main, ["glossary", "--store", str(glossary_settings.store), *args])

    return invoke


def test_stdout_is_the_rendered_glossary(run, load) -> None:
    from kgraph.glossary import render

    result = run("--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == render(load(), "json").page
    assert [e["id"] for e in json.loads(result.stdout)][:3] == ["ConfigMap", "Deployment", "EmptyDir"]


def test_check_is_0_when_current_and_1_with_a_summary_when_stale_or_missing(run, tmp_path: Path) -> None:
    out = tmp_path / "docs" / "glossary.md"
    missing = run("--out", str(out), "--check")
    assert (missing.exit_code, missing.stdout) == (1, f"missing: {out} (run the same command without --check to write it)\n")
    assert run("--out", str(out)).exit_code == 0
    current = run("--out", str(out), "--check")
    assert (current.exit_code, current.stdout) == (0, f"current: {out}\n")
    out.write_text(out.read_text(encoding="utf-8").replace("Deployment用于管理", "Deployment曾经用于管理"), encoding="utf-8")
    stale = run("--out", str(out), "--check")
    assert stale.exit_code == 1
    assert stale.stdout.splitlines() == [
        f"stale: {out} (+1 -1 lines; regenerate it without --check)",
        "  - > Deployment曾经用于管理ReplicaSet和Pod，可以实现滚动更新和回滚。",
        "  + > Deployment用于管理ReplicaSet和Pod，可以实现滚动更新和回滚。",
    ]


def test_check_reports_a_different_language_as_stale(run, tmp_path: Path) -> None:
    out = tmp_path / "glossary.json"
    assert run("--format", "json", "--out", str(out)).exit_code == 0
    assert run("--format", "json", "--out", str(out), "--check").exit_code == 0
    assert run("--format", "json", "--lang", "zh", "--out", str(out), "--check").exit_code == 1


def test_mkdocs_writes_the_page_and_the_abbreviations_and_checks_both(run, tmp_path: Path) -> None:
    page, abbreviations = tmp_path / "docs" / "glossary.md", tmp_path / "includes" / "abbreviations.md"
    assert run("--format", "mkdocs", "--out", str(page)).exit_code == 0
    assert abbreviations.read_text(encoding="utf-8").startswith("*[PV]: PersistentVolume（持久卷） — ")
    assert run("--format", "mkdocs", "--out", str(page), "--check").exit_code == 0
    abbreviations.write_text("*[RS]: stale\n", encoding="utf-8")
    result = run("--format", "mkdocs", "--out", str(page), "--check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [f"current: {page}", f"stale: {abbreviations} (+2 -1 lines; regenerate it without --check)"]


@pytest.mark.parametrize(("args", "why"), [
    (["--check"], "--check compares files"),
    (["--format", "mkdocs"], "--format mkdocs writes a page and an abbreviations file"),
])
def test_check_and_mkdocs_need_out(run, args, why) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert f"Error: missing option --out: {why}, so it needs --out FILE" in result.output
    if "--check" not in args:
        assert "--check" not in result.output.split("Error:")[1]  # only the option that was given is named


def test_source_url_links_the_source_references(run) -> None:
    result = run("--source-url", "https://git.example/notes/blob/main/{path}#L{start}-L{end}")
    assert "> — [workloads.md\\#L5-L5](https://git.example/notes/blob/main/workloads.md#L5-L5)" in result.stdout
    bad = run("--source-url", "https://git.example/{file}")
    assert bad.exit_code == 2 and "--source-url" in bad.output


def test_missing_store_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["glossary", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 1 and "run `kgraph build` first" in result.output


def test_the_base_the_store_was_built_with_is_used(tmp_path: Path, monkeypatch) -> None:
    from kgraph.build import build
    from kgraph.config import Settings

    monkeypatch.delenv("KGRAPH_BASE", raising=False)
    store = tmp_path / "store"
    build(Settings(base="https://kg.example.org", corpus=Path(__file__).parents[1] / "data" / "glossary" / "notes", store=store))
    result = CliRunner().invoke(main, ["glossary", "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["iri"] == "https://kg.example.org/id/ConfigMap"


def test_cli_format_names_are_the_glossary_formats() -> None:
    assert FORMAT_NAMES == FORMATS
    assert default_abbreviations(Path("docs/glossary.md")) == Path("includes/abbreviations.md")
