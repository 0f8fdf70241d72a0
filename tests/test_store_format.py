"""Store formats: every generation records its format and writer; another format is refused by name."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgraph import version
from kgraph.cli import main
from kgraph.errors import StoreIncompatible
from kgraph.store import STORE_FORMAT, current_version, new_generation


def write_empty(root, **meta) -> None:
    with new_generation(root) as writer:
        writer.meta = meta


def rewrite_meta(root, **changes) -> None:
    path = root / (root / "CURRENT").read_text(encoding="utf-8").strip() / "meta.json"
    meta = {k: v for k, v in {**json.loads(path.read_text(encoding="utf-8")), **changes}.items() if v is not None}
    path.write_text(json.dumps(meta), encoding="utf-8")


def test_version_names_the_store_format():
    result = CliRunner().invoke(main, ["--version"])
    assert result.output == f"main {version()} (store format {STORE_FORMAT})\n"
    assert version() == "0.1.0" and STORE_FORMAT == 1


def test_a_generation_records_its_format_and_writer(tmp_path):
    write_empty(tmp_path, base="http://kg.example")
    meta = current_version(tmp_path).meta
    assert (meta["store_format"], meta["kgraph"], meta["base"]) == (STORE_FORMAT, version(), "http://kg.example")


def test_another_format_is_refused_naming_both_versions(tmp_path):
    write_empty(tmp_path)
    rewrite_meta(tmp_path, store_format=STORE_FORMAT + 1, kgraph="9.0.0")
    with pytest.raises(StoreIncompatible) as raised:
        current_version(tmp_path)
    assert raised.value.message == (
        f"the store at {tmp_path} was written by kgraph 9.0.0 (store format {STORE_FORMAT + 1}); this is kgraph "
        f"{version()}, which reads store format {STORE_FORMAT}: rebuild it with `kgraph build`")
    assert raised.value.status == 503


@pytest.mark.parametrize("command", [["ask", "Pod?"], ["query", "ASK {}"], ["export"], ["glossary"],
                                     ["serve", "--port", "0"]])
def test_commands_refuse_a_store_from_before_formats(tmp_path, command):
    write_empty(tmp_path)
    rewrite_meta(tmp_path, store_format=None, kgraph=None)
    result = CliRunner().invoke(main, [*command, "--store", str(tmp_path)])
    assert result.exit_code in (1, 2), result.output
    assert (f"the store at {tmp_path} was written by an older kgraph (no store format recorded); this is kgraph "
            f"{version()}, which reads store format {STORE_FORMAT}: rebuild it with `kgraph build`") in result.output
    assert "Traceback" not in result.output
