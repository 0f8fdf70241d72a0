"""Fixtures for the SPARQL engine and the web app: a tiny store, the app, a live server.

The store is ``data/fixture.trig`` (the layout ``kgraph build`` writes: asserted, inferred,
evidence and ontology graphs) loaded through ``kgraph.store.new_generation``. The live server is
``kgraph serve`` when the CLI imports, else gunicorn with the same app factory, on a free loopback
port, in a subprocess that the fixture stops.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset

from kgraph.config import Settings
from kgraph.sparql import SparqlEngine
from kgraph.store import new_generation
from kgraph.web import create_app

BASE = "http://kg.example"
DATA = Path(__file__).parent / "data" / "fixture.trig"
TIMEOUT = 1.5  # the query time limit in these tests, seconds
MAX_ROWS = 50


def write_store(root: Path, source: Path = DATA) -> None:
    dataset = Dataset()
    dataset.parse(source, format="trig")
    with new_generation(root) as writer:
        writer.add(dataset.quads())


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(settings: Settings, port: int) -> list[str]:
    """``kgraph serve`` if the CLI package imports (it needs ``kgraph.cli.build``), else gunicorn."""
    probe = subprocess.run([sys.executable, "-c", "import kgraph.cli.serve"], capture_output=True)
    if probe.returncode == 0:
        return [sys.executable, "-c", "from kgraph.cli import main; main()", "serve", "--host", "127.0.0.1",
                "--port", str(port), "--workers", "2", "--store", str(settings.store),
                "--timeout", str(settings.query_timeout)]
    return [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
            "--log-level", "warning", "kgraph.web:create_app()"]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not answer within {seconds} s")


@pytest.fixture(scope="session")
def live_server(live_process: tuple[str, subprocess.Popen]) -> str:
    """Base URL of a server on a free loopback port, serving the fixture store with 2 workers."""
    return live_process[0]


@pytest.fixture(scope="session")
def live_process(settings: Settings) -> Iterator[tuple[str, subprocess.Popen]]:
    port = free_port()
    env = {**os.environ, "KGRAPH_BASE": BASE, "KGRAPH_STORE": str(settings.store),
           "KGRAPH_QUERY_TIMEOUT": str(settings.query_timeout), "KGRAPH_MAX_ROWS": str(settings.max_rows)}
    process = subprocess.Popen(server_command(settings, port), env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/sparql", process)
        yield url, process
    finally:
        process.terminate()
        process.wait(15)
