"""kgraph.web.metrics: /metrics in Prometheus' text format counts requests by route and status, errors,
timeouts and cache hits, and names the generation served — summed over a live server's workers."""
from __future__ import annotations

import http.client
import os
import signal
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from kgraph.store import current_version
from kgraph.web.metrics import DIRECTORY_VARIABLE, run_directory

from live_server import BASE, running_server

CHEAP = "ASK { id:Deployment kg:manages id:ReplicaSet }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def samples(text: str) -> dict[tuple, float]:
    """{(sample name, sorted labels): value} of a Prometheus text exposition."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(found: dict[tuple, float], name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_in_process_counts_by_route_and_status(client) -> None:
    before = samples(client.get("/metrics").get_data(as_text=True))
    for _ in range(3):
        assert client.get("/healthz").status_code == 200
    assert client.get("/no/such/page").status_code == 404
    response = client.get("/metrics")
    assert response.content_type.startswith("text/plain") and response.headers["Cache-Control"] == "no-store"
    after = samples(response.get_data(as_text=True))

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("kgraph_http_requests_total", route="/healthz", method="GET", status="200") == 3
    assert grew("kgraph_http_requests_total", route="unmatched", method="GET", status="404") == 1
    assert grew("kgraph_errors_total", code="not_found") == 1
    assert grew("kgraph_http_request_duration_seconds_count", route="/healthz") == 3


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


def _scrape(url: str) -> dict[tuple, float]:
    with urllib.request.urlopen(f"{url}/metrics", timeout=30) as response:
        return samples(response.read().decode("utf-8"))


def _same_connection(url: str, path: str, times: int) -> list[str]:
    """``X-Kgraph-Cache`` of ``times`` GETs on one keep-alive connection (so one worker answers them all)."""
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    seen = []
    for _ in range(times):
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        seen.append(response.headers["X-Kgraph-Cache"])
    connection.close()
    return seen


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _workers(server_pid: int) -> list[int]:
    """Pids of the Granian worker processes: the server's children with query workers of their own."""
    return [child for child in _children(server_pid) if _children(child)]


def test_live_server_sums_every_worker(settings, tmp_path: Path) -> None:
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "counter_1.db").write_bytes(b"from an earlier run")  # removed when the server starts
    env = {**os.environ, "KGRAPH_BASE": BASE, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    with running_server(replace(settings, query_timeout=1.0), env, probe="/readyz") as (url, process):
        assert not (folder / "counter_1.db").exists()
        for _ in range(10):
            assert _get(f"{url}/healthz") == 200
        cheap = "/sparql?" + urllib.parse.urlencode({"query": CHEAP})
        assert _same_connection(url, cheap, 3) == ["miss", "hit", "hit"]
        assert _get(f"{url}/sparql?" + urllib.parse.urlencode({"query": CARTESIAN})) == 503

        generation = current_version(settings.store).name
        for _ in range(4):  # each scrape on a new connection, answered by either worker: the same sums
            found = _scrape(url)
            assert value(found, "kgraph_http_requests_total", route="/healthz", method="GET", status="200") == 10
            assert value(found, "kgraph_http_requests_total", route="/sparql", method="GET", status="200") == 3
            assert value(found, "kgraph_http_requests_total", route="/sparql", method="GET", status="503") == 1
            assert value(found, "kgraph_sparql_results_total", cache="hit") == 2
            assert value(found, "kgraph_sparql_results_total", cache="miss") == 1
            assert value(found, "kgraph_sparql_query_timeouts_total") == 1
            assert value(found, "kgraph_errors_total", code="query_timeout") == 1
            assert value(found, "kgraph_http_request_duration_seconds_count", route="/healthz") == 10
            assert value(found, "kgraph_generation", generation=generation) == 1

        # A worker that dies: its counts stay in the sums, its generation gauge file goes.
        victim = _workers(process.pid)[0]
        assert list(folder.glob(f"gauge_live*_{victim}.db"))
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (_workers(process.pid) and victim not in _workers(process.pid)):
            time.sleep(0.2)  # until Granian has started its replacement
        found = _scrape(url)
        assert value(found, "kgraph_http_requests_total", route="/healthz", method="GET", status="200") >= 10
        assert not list(folder.glob(f"gauge_live*_{victim}.db"))
        assert value(found, "kgraph_generation", generation=generation) == 1


def test_a_run_directory_of_its_own_unless_one_is_named(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(DIRECTORY_VARIABLE, raising=False)
    with run_directory() as folder:
        assert os.environ[DIRECTORY_VARIABLE] == str(folder) and folder.is_dir()
    assert not folder.exists() and DIRECTORY_VARIABLE not in os.environ
    named = tmp_path / "named"
    monkeypatch.setenv(DIRECTORY_VARIABLE, str(named))
    with run_directory() as folder:
        assert folder == named and folder.is_dir()
        (folder / "counter_7.db").write_bytes(b"")
    with run_directory():
        assert not (named / "counter_7.db").exists()
