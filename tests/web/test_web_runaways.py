"""Runaway queries on a live server (2 workers x 2 query workers) do not hold up cheap requests:
pages are served, and a query finding every query worker busy is told to retry instead of waiting."""
from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from live_server import BASE, running_server

CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ASK = "ASK { id:Pod a skos:Concept }"
RUNAWAY_LIMIT = 8.0  # the server's time limit here: runaways run this long


@pytest.fixture(scope="module")
def server(settings) -> Iterator[str]:
    with running_server(replace(settings, query_timeout=RUNAWAY_LIMIT), {**os.environ, "KGRAPH_BASE": BASE}) as (url, _p):
        yield url


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def query(url: str, text: str) -> tuple[int, dict, bytes]:
    return get(f"{url}/sparql?{urllib.parse.urlencode({'query': text})}")


def test_eight_runaways_leave_pages_and_cheap_queries_answered(server: str) -> None:
    with ThreadPoolExecutor(8) as pool:
        runaways = [pool.submit(query, server, CARTESIAN + f" # {n}") for n in range(8)]
        time.sleep(1.0)  # let them take every query worker
        pages = [get(f"{server}/id/Pod", {"Accept": "text/turtle"}) for _ in range(5)]
        asks = [query(server, ASK) for _ in range(5)]
        still_running = sum(not runaway.done() for runaway in runaways)
        outcomes = [runaway.result() for runaway in runaways]
    # Each evaluating runaway ran to its limit, and the cheap requests were all answered before that.
    timeouts = sum(json.loads(body)["error"] == "query_timeout" for _, _, body in outcomes)
    assert still_running >= timeouts >= 2
    assert {status for status, _, _ in pages} == {200}
    for status, headers, body in asks:
        assert (status, body) == (200, b'{"head":{},"boolean":true}') or (
            status == 503 and json.loads(body)["error"] == "query_busy" and headers["retry-after"] == "1"
        )
    # A worker runs two at once (which worker a connection lands on is the kernel's choice); the
    # rest were told to come back instead of queueing for the time limit.
    assert {status for status, _, _ in outcomes} == {503} and timeouts <= 4
    assert sum(json.loads(body)["error"] == "query_busy" for _, _, body in outcomes) == 8 - timeouts
    assert query(server, ASK)[0] == 200
