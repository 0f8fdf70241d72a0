"""Fixtures for the glossary: the tiny corpus under ``tests/data/glossary/notes`` built once.

The corpus (4 notes) holds: explicit definitions (X是…, X用于…, X：…, "A X is …") and first sentences
under a term's heading; a concept defined in two notes (copula in one, heading in the other); a
gloss with aliases 持久卷（PersistentVolume，PV）; a misspelling (StatefullSet); a Chinese-only term
(共享 Volume, found from its heading); relations (manages, selects, uses); a concept defined in
English and in Chinese; raw HTML (``<font>``, ``<script>``) and ``a < b`` in the notes.

Golden files live in ``tests/data/glossary/golden``; ``KGRAPH_UPDATE_GOLDEN=1 pytest tests/glossary``
rewrites them from the current output (review the diff before committing it).
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.build import build
from kgraph.config import Settings
from kgraph.glossary import GlossaryOptions, load_glossary
from kgraph.kb import KnowledgeBase

DATA = Path(__file__).resolve().parent.parent / "data" / "glossary"
NOTES = DATA / "notes"
GOLDEN = DATA / "golden"
UPDATE = os.environ.get("KGRAPH_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session")
def glossary_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(corpus=NOTES, store=tmp_path_factory.mktemp("glossary") / "store")
    build(settings)
    return settings


@pytest.fixture(scope="session")
def glossary_kb(glossary_settings: Settings) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase(glossary_settings)
    yield kb
    kb.close()


@pytest.fixture(scope="session")
def load(glossary_kb: KnowledgeBase):
    """``load(lang="both", include_undefined=False)`` -> the tiny corpus's ``Glossary``."""
    def make(lang: str = "both", include_undefined: bool = False):
        return load_glossary(glossary_kb.sparql, GlossaryOptions(lang, include_undefined))

    return make


@pytest.fixture(scope="session")
def golden():
    """``golden(name, text)``: ``text`` equals ``golden/<name>`` byte for byte (KGRAPH_UPDATE_GOLDEN=1
    rewrites the file instead)."""
    return assert_golden


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"no golden file {path}: run with KGRAPH_UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from its golden file (KGRAPH_UPDATE_GOLDEN=1 rewrites it)"
