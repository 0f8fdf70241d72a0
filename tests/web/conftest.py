"""Fixtures for the SPARQL engine and the web app: a tiny store, the app, a live server.

The store is ``data/fixture.trig`` (the layout ``kgraph build`` writes: asserted, inferred,
evidence and ontology graphs) loaded through ``kgraph.store.new_generation``. The live server is
``kgraph serve`` (Granian, 2 worker processes) on a free loopback port, in a subprocess that the
fixture stops.
"""
from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.config import Settings
from kgraph.sparql import SparqlEngine
from kgraph.store import new_generation
from kgraph.web import create_app

from live_server import BASE, free_port, running_server, server_command, wait_until_up  # noqa: F401  (re-exported to tests)
from rdf_files import trig_quads
DATA = Path(__file__).parent / "data" / "fixture.trig"
TIMEOUT = 1.5  # the query time limit in these tests, seconds
MAX_ROWS = 50


def write_store(root: Path, source: Path = DATA) -> None:
    with new_generation(root) as writer:
        writer.add(trig_quads(source))


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("store")
    write_store(root)
    return Settings(base=BASE, store=root, query_timeout=TIMEOUT, max_rows=MAX_ROWS)


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Iterator[SparqlEngine]:
    engine = SparqlEngine.open(settings)
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def app(settings: Settings):
    app = create_app(settings, {"TESTING": True})
    yield app
    app.extensions["kgraph"].close()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(live_process: tuple[str, subprocess.Popen]) -> str:
    """Base URL of a server on a free loopback port, serving the fixture store with 2 workers."""
    return live_process[0]


@pytest.fixture(scope="session")
def live_process(settings: Settings) -> Iterator[tuple[str, subprocess.Popen]]:
    env = {**os.environ, "KGRAPH_BASE": BASE, "KGRAPH_STORE": str(settings.store),
           "KGRAPH_QUERY_TIMEOUT": str(settings.query_timeout), "KGRAPH_MAX_ROWS": str(settings.max_rows)}
    with running_server(settings, env) as started:
        yield started
