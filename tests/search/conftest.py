"""Fixtures for the search package: a store built from the seed notes in ``corpus/``.

``corpus_settings`` is built once per session with the real build; ``index`` is its generation's
loaded ``SearchIndex`` and ``kb`` a ``KnowledgeBase`` over it (the answerer's concepts are the
search's label matcher). The tests assert passages, lines and ranks over those five notes.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.build import build
from kgraph.config import Settings
from kgraph.kb import KnowledgeBase
from kgraph.search.index import SearchIndex
from kgraph.store import current_version

CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus"


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(corpus=CORPUS, store=tmp_path_factory.mktemp("search-store"))
    build(settings)
    return settings


@pytest.fixture(scope="session")
def index(corpus_settings: Settings) -> SearchIndex:
    return SearchIndex.load(current_version(corpus_settings.store).path)


@pytest.fixture(scope="session")
def kb(corpus_settings: Settings):
    knowledge_base = KnowledgeBase(corpus_settings)
    yield knowledge_base
    knowledge_base.close()
