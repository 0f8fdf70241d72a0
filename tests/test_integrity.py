"""kgraph.integrity through ``kgraph validate`` and ``kgraph serve``: a damaged generation gets one
line naming it, the part at fault and what to do, never a traceback or a crash loop."""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kgraph.build import build
from kgraph.config import Settings
from kgraph.errors import StoreCorrupt
from kgraph.integrity import check_store
from kgraph.store import current_version


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, small_corpus: Path) -> Path:
    store = tmp_path_factory.mktemp("built") / "store"
    build(Settings(corpus=small_corpus, store=store, jobs=1))
    return store


@pytest.fixture()
def store(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    return copy


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: max(1, path.stat().st_size // 3)])


def largest(folder: Path, pattern: str) -> Path:
    return max(folder.glob(pattern), key=lambda p: p.stat().st_size)


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "tokenizer": (lambda gen: truncate(gen / "search" / "tokenizer.marshal"), "search does not load"),
    "bm25 scores": (lambda gen: truncate(largest(gen / "search" / "bm25", "*.npy")), "search does not load"),
    "passages": (lambda gen: truncate(gen / "search" / "passages.json"), "search does not load"),
    "note table": (lambda gen: (gen / "notes.json").write_text("{\"a.md\": 1}"), "notes.json is not a table"),
    "oxigraph file": (lambda gen: truncate(largest(gen / "oxigraph", "*.sst")), "oxigraph Corruption"),
    "build summary": (lambda gen: truncate(gen / "meta.json"), "meta.json does not parse"),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_generation_is_named_with_what_is_wrong(store: Path, damage: str) -> None:
    generation = current_version(store)
    harm, expected = DAMAGE[damage]
    harm(generation.path)
    with pytest.raises(StoreCorrupt) as caught:
        check_store(store)
    message = caught.value.message
    assert message.startswith(f"store generation {generation.name} is damaged: ")
    assert expected in message and message.endswith(": run kgraph build")


def test_a_whole_generation_passes(store: Path) -> None:
    assert check_store(store) == current_version(store)


def test_validate_reports_a_truncated_search_index_in_one_line(store: Path) -> None:
    truncate(current_version(store).path / "search" / "tokenizer.marshal")
    result = subprocess.run([sys.executable, "-m", "kgraph", "validate", "--store", str(store)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: store generation gen-")
    assert "search does not load" in lines[0] and lines[0].endswith("run kgraph build")


def test_serve_refuses_a_damaged_store_in_one_line(store: Path) -> None:
    truncate(largest(current_version(store).path / "oxigraph", "*.sst"))
    result = subprocess.run([sys.executable, "-m", "kgraph", "serve", "--port", "9", "--store", str(store)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: store generation gen-")
    assert "is damaged: oxigraph" in lines[0] and "Traceback" not in result.stderr
