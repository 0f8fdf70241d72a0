"""Oxigraph's own server (``oxigraph serve``, from the ``oxigraph`` package of the test extra) on a
loopback port, for the tests that publish to and serve from a remote SPARQL store.

A plain module beside ``live_server.py``; test files import it as ``oxigraph_server``. Without the
``oxigraph`` command the tests skip, except under ``CI=true``, where they fail.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from live_server import free_port


def command() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        message = "the oxigraph command is missing: pip install -e '.[test]'"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


class OxigraphServer:
    """One ``oxigraph serve --location DIR`` process that can be killed and started again."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    def start(self) -> OxigraphServer:
        self.process = subprocess.Popen([command(), "serve", "--location", str(self.location),
                                         "--bind", f"127.0.0.1:{self.port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.query_url}?query=ASK%7B%7D", timeout=2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("oxigraph serve did not answer within 30 s")

    def kill(self) -> None:
        """SIGKILL: the server gets no chance to finish what it was doing."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None
