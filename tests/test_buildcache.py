"""The per-note build cache: a warm rebuild reuses unchanged notes and writes what a clean build writes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgraph.build import build
from kgraph.buildcache import NoteCache
from kgraph.config import Settings
from kgraph.store import current_version, open_oxigraph

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def notes(tmp_path) -> Path:
    target = tmp_path / "notes"
    shutil.copytree(ROOT / "corpus", target)
    return target


def dataset(settings: Settings) -> ox.Dataset:
    data = ox.Dataset(open_oxigraph(current_version(settings.store)))
    data.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return data


def side_files(settings: Settings) -> dict[str, bytes]:
    """Every file of the generation but the Oxigraph store and the lease, meta without its timings."""
    version = current_version(settings.store)
    files = {str(p.relative_to(version.path)): p.read_bytes() for p in sorted(version.path.rglob("*"))
             if p.is_file() and "oxigraph" not in p.parts and p.name not in ("lease", "meta.json")}
    report = dict(version.meta["report"])
    for name in ("version", "seconds", "reused", "timings"):
        report.pop(name)
    files["report"] = json.dumps(report, sort_keys=True).encode()
    return files


def assert_same_as_clean(warm: Settings, tmp_path: Path) -> None:
    clean = Settings(corpus=warm.corpus, store=tmp_path / "clean", jobs=1, cache=False)
    build(clean)
    assert dataset(warm) == dataset(clean)
    assert side_files(warm) == side_files(clean)


def test_unchanged_notes_are_reused_and_the_result_is_a_clean_builds(notes, tmp_path):
    settings = Settings(corpus=notes, store=tmp_path / "store", jobs=1)
    assert build(settings).reused == 0
    assert build(settings).reused == 20  # 5 notes: decoding, parse, extraction and search documents each
    first = sorted(notes.glob("*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n补充：这一段是新加的。\n", encoding="utf-8")
    assert build(settings).reused == 16  # the changed note is decoded, parsed, extracted and tokenized again
    assert_same_as_clean(settings, tmp_path)


def test_a_new_term_redoes_extraction_but_not_parsing(notes, tmp_path):
    settings = Settings(corpus=notes, store=tmp_path / "store", jobs=2)
    build(settings)
    (notes / "extra.md").write_text("# 扩展\n\nPod 可以有一个或多个边车协调器（Sidecar Reconciler）。\n",
                                    encoding="utf-8")
    report = build(settings)
    assert report.reused == 10  # the lexicon changed: only the five old notes' decodings and parses are reused
    assert_same_as_clean(settings, tmp_path)


def test_cache_entries(tmp_path):
    cache = NoteCache(tmp_path, "v1")
    key = cache.key("parse", "note a", "context")
    assert cache.get(key) is None
    cache.put(key, ("parsed", 1))
    assert NoteCache(tmp_path, "v1").get(key) == ("parsed", 1)
    assert NoteCache(tmp_path, "v2").key("parse", "note a", "context") != key  # another code version
    key.write_bytes(b"not a pickle")
    assert NoteCache(tmp_path, "v1").get(key) is None  # damaged: a miss, not an error
    other = cache.key("parse", "note b", "context")
    cache.put(other, 2)
    fresh = NoteCache(tmp_path, "v1")
    assert fresh.get(other) == 2
    fresh.prune()
    assert not key.exists() and other.exists()
    off = NoteCache(tmp_path, "v1", enabled=False)
    off.put(cache.key("parse", "c"), 3)
    assert off.get(other) is None and not cache.key("parse", "c").exists()


def test_entries_written_by_forked_workers_are_kept_and_reused(tmp_path):
    """With enough notes for worker processes, each worker writes its own entries; the build
    counts them as used, so pruning keeps them and the next build reuses every one."""
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(4):
        for note in sorted((ROOT / "corpus").rglob("*.md")):
            (notes / f"{i}_{note.name}").write_bytes(note.read_bytes())
    count = len(list(notes.glob("*.md")))
    assert count >= 16  # pool.run forks only from 2 × MIN_ITEMS_PER_JOB items
    settings = Settings(corpus=notes, store=tmp_path / "store", jobs=2)
    assert build(settings).reused == 0
    assert len(list((settings.store / "cache" / "parse").glob("*.pickle"))) == count
    assert build(settings).reused == 4 * count
