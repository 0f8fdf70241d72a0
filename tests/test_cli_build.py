"""`kgraph build`, `validate` and `export` through click's runner."""
from __future__ import annotations

from click.testing import CliRunner
from rdflib import Dataset, Graph

from kgraph.cli import main


def test_build_prints_summary_and_warnings(small_corpus, tmp_path):
    result = CliRunner().invoke(main, ["build", "--corpus", str(small_corpus), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "  notes       2" in result.output
    assert "    manages       3" in result.output
    assert "warning: broken.md:1: binary file (contains NUL bytes), not a text note" in result.output


def test_build_of_missing_folder_fails_naming_it(tmp_path):
    result = CliRunner().invoke(main, ["build", "--corpus", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "nowhere" in result.output


def test_validate_and_export(small_corpus, tmp_path):
    store = str(tmp_path / "s")
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--corpus", str(small_corpus), "--store", store, "--quiet"]).exit_code == 0
    validated = runner.invoke(main, ["validate", "--store", store])
    assert validated.exit_code == 0, validated.output
    assert validated.output.strip().endswith("0 violation(s)")
    trig = runner.invoke(main, ["export", "--store", store, "--format", "trig"])
    dataset = Dataset()
    dataset.parse(data=trig.stdout_bytes, format="trig")
    assert len(list(dataset.graphs())) >= 4
    turtle = runner.invoke(main, ["export", "--store", store, "--format", "turtle"])
    assert len(Graph().parse(data=turtle.stdout_bytes, format="turtle")) > 100


def test_export_without_store_fails_clearly(tmp_path):
    result = CliRunner().invoke(main, ["export", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "run `kgraph build` first" in result.output
