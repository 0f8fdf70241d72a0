"""Shared fixtures: the project root, the tiny test corpora and a settings factory."""
from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.config import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def small_corpus() -> Path:
    """Two notes (zh with front matter, en in a subfolder) and one binary file."""
    return DATA / "build" / "notes"


@pytest.fixture
def settings_for(tmp_path):
    def make(corpus: Path, **overrides) -> Settings:
        return Settings(corpus=corpus, store=tmp_path / "store", **overrides)

    return make
