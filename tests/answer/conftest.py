"""Fixtures for the answerer: a store built from the tiny notes in ``tests/data/answer/notes``.

``kb`` is a ``KnowledgeBase`` over it, ``app``/``client`` the Flask app and test client. The notes
are written so that extraction states a small set of facts and definitions (see the notes); the
tests assert exact answers, citations and line numbers over them.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.build import build
from kgraph.config import Settings
from kgraph.kb import KnowledgeBase
from kgraph.web import create_app

NOTES = Path(__file__).resolve().parent.parent / "data" / "answer" / "notes"


@pytest.fixture(scope="session")
def answer_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(corpus=NOTES, store=tmp_path_factory.mktemp("answer-store"))
    build(settings)
    return settings


@pytest.fixture(scope="session")
def kb(answer_settings: Settings):
    knowledge_base = KnowledgeBase(answer_settings)
    yield knowledge_base
    knowledge_base.close()


@pytest.fixture(scope="session")
def answer_app(answer_settings: Settings):
    app = create_app(answer_settings, {"TESTING": True})
    yield app
    app.extensions["kgraph"].close()


@pytest.fixture()
def api(answer_app):
    return answer_app.test_client()
