"""Helpers for tests that start a real server: a free loopback port, the command, the wait.

A plain module (not ``conftest``) beside the top ``conftest.py``, whose folder pytest puts on
``sys.path``: test files in any folder import it as ``live_server``.
"""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kgraph.config import Settings

BASE = "http://kg.example"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(settings: Settings, port: int) -> list[str]:
    """``kgraph serve`` on a loopback port over ``settings.store``, as a user would start it."""
    return [sys.executable, "-m", "kgraph", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2",
            "--store", str(settings.store), "--timeout", str(settings.query_timeout)]


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


@contextmanager
def running_server(settings: Settings, env: dict[str, str], port: int | None = None,
                   probe: str = "/sparql") -> Iterator[tuple[str, subprocess.Popen]]:
    """``kgraph serve`` over ``settings`` with ``env``: (its URL, the process) once ``probe``
    answers; stopped on leaving the block."""
    port = port or free_port()
    process = subprocess.Popen(server_command(settings, port), env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}{probe}", process)
        yield url, process
    finally:
        stop(process)


def start_logged(command: list[str], log: Path, seconds: float = 300.0, **popen: object) -> tuple[str, subprocess.Popen]:
    """Start ``kgraph serve`` with its stderr in ``log``; its URL as printed (``serving … at URL``)
    once that URL answers. ``seconds`` covers a first-start build."""
    with open(log, "wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, **popen)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = re.search(r"kgraph: serving .* at (http://\S+)/\n", log.read_text(encoding="utf-8", errors="replace"))
        if found:
            wait_until_up(found.group(1) + "/", process, seconds=60)
            return found.group(1), process
        if process.poll() is not None:
            raise RuntimeError(f"kgraph serve exited with {process.returncode}:\n{log.read_text()}")
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"kgraph serve printed no address within {seconds} s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(15)
