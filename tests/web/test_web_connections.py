"""Connections a live server does not keep for ever: silent, slow and idle ones are closed after the
header timeout, and thousands of open idle connections do not keep a real client waiting."""
from __future__ import annotations

import http.client
import os
import resource
import socket
import urllib.request
from collections.abc import Iterator

import pytest

from live_server import BASE, running_server

ASK = "/sparql?query=ASK%7B%7D"


def start(settings, header_timeout: float):
    """A server that gives a connection ``header_timeout`` seconds to send its headers."""
    env = {**os.environ, "KGRAPH_BASE": BASE, "KGRAPH_HEADER_TIMEOUT": str(header_timeout)}
    return running_server(settings, env, probe=ASK)


@pytest.fixture(scope="module")
def strict_server(settings) -> Iterator[str]:
    """A server that gives a connection one second to send its headers."""
    with start(settings, header_timeout=1) as (url, _process):
        yield url


@pytest.fixture(scope="module")
def patient_server(settings) -> Iterator[str]:
    """A server that keeps silent connections for 60 s: longer than any wait below."""
    with start(settings, header_timeout=60) as (url, _process):
        yield url


def connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)))
    sock.settimeout(30)  # a safety net: the server closes well before
    return sock


def test_a_connection_that_sends_nothing_is_closed(strict_server: str) -> None:
    with connect(strict_server) as sock:
        assert sock.recv(100) == b""


def test_a_connection_that_stops_halfway_through_its_headers_is_closed(strict_server: str) -> None:
    with connect(strict_server) as sock:
        sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: kg.example\r\n")
        assert sock.recv(100) == b""


def test_an_idle_kept_alive_connection_is_closed(strict_server: str) -> None:
    host, port = strict_server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("GET", ASK)
    response = connection.getresponse()
    assert (response.status, response.read()) == (200, b'{"head":{},"boolean":true}')
    assert connection.sock.recv(100) == b""
    connection.close()


def test_two_thousand_idle_connections_do_not_keep_a_client_waiting(patient_server: str) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, 4096), hard), hard))
    idle = [connect(patient_server) for _ in range(2000)]
    try:
        # Were the idle connections holding the server's slots, this would wait the 60 s out.
        with urllib.request.urlopen(f"{patient_server}{ASK}", timeout=20) as response:
            assert (response.status, response.read()) == (200, b'{"head":{},"boolean":true}')
    finally:
        for sock in idle:
            sock.close()
