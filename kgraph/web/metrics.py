"""``/metrics``: what the server has done, in Prometheus' text format, summed over its worker processes.

In: every request (its route — the URL rule, never the raw path — method, status and seconds, seen
by ``Middleware`` around the whole WSGI app), every error the one handler renders (``note_error``),
every SPARQL protocol result (``note_result``: answered by the result cache or evaluated) and the
generation each worker serves (``note_generation``). Out: ``GET /metrics`` with
``kgraph_http_requests_total{route,method,status}``, ``kgraph_http_request_duration_seconds``
(a histogram by route), ``kgraph_errors_total{code}``, ``kgraph_sparql_query_timeouts_total``,
``kgraph_sparql_results_total{cache}`` and ``kgraph_generation{generation}`` (1 for each generation
a live worker serves).

Several worker processes, one answer. ``kgraph serve`` runs ``--workers`` Granian processes, and a
scrape reaches one of them. So the server uses prometheus_client's multiprocess mode: ``run_directory``
(entered by ``kgraph.web.server`` before the workers start) points ``PROMETHEUS_MULTIPROC_DIR`` at a
folder of this server run — a fresh temporary one, removed at exit, or the one the variable already
names, emptied first — each worker writes its samples there, and a scrape sums every file
(``MultiProcessCollector``): the counts of dead workers stay in the sums, and the generation gauge of a
worker that is gone is dropped (``mark_process_dead`` for every process no longer running, at each
scrape, since Granian tells the app nothing when it respawns a worker). prometheus_client picks file-
or memory-backed values when it is first imported, so it is imported here only on first use, in the
worker: the server's main process never imports it. Without the variable (the app under another WSGI
server, or a test client) a scrape reports the answering process alone.
Must not: label by anything a client chooses freely (raw paths, query texts).
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, request

bp = Blueprint("metrics", __name__)

DIRECTORY_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
ROUTE_KEY = "kgraph.route"  # the environ key where the route answering a request is written
UNMATCHED = "unmatched"  # the route label of a request no URL rule matched (a 404)
# Seconds: a cached answer takes about a millisecond, an uncached one a few, runaways the time limit.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
_LIVE_GAUGE_FILE = re.compile(r"gauge_live\w+_(\d+)\.db$")


@dataclass(frozen=True)
class Metrics:
    requests: Any
    latency: Any
    errors: Any
    timeouts: Any
    results: Any
    generation: Any


@lru_cache(maxsize=1)
def metrics() -> Metrics:
    """This process's metrics, made (and prometheus_client imported) on first use."""
    from prometheus_client import Counter, Gauge, Histogram

    return Metrics(
        requests=Counter("kgraph_http_requests", "HTTP requests answered, by route, method and status.",
                         ["route", "method", "status"]),
        latency=Histogram("kgraph_http_request_duration_seconds", "Seconds until a response's headers, by route.",
                          ["route"], buckets=LATENCY_BUCKETS),
        errors=Counter("kgraph_errors", "Error responses, by error code.", ["code"]),
        timeouts=Counter("kgraph_sparql_query_timeouts", "SPARQL queries stopped at the time limit."),
        results=Counter("kgraph_sparql_results", "SPARQL protocol results, by whether the result cache answered.",
                        ["cache"]),
        generation=Gauge("kgraph_generation", "1 for each store generation a live worker process serves.",
                         ["generation"], multiprocess_mode="livemax"),
    )


_served: list[str] = []  # the generation this process last reported (one item at most)


def note_generation(name: str | None) -> None:
    """Report that this process now serves generation ``name`` (and no longer the one before)."""
    if name is None or _served == [name]:
        return
    gauge = metrics().generation
    for old in _served:
        gauge.labels(old).set(0)  # multiprocess mode cannot remove a label
    gauge.labels(name).set(1)
    _served[:] = [name]


def note_error(code: str) -> None:
    metrics().errors.labels(code).inc()
    if code == "query_timeout":
        metrics().timeouts.inc()


def note_result(cached: bool) -> None:
    metrics().results.labels("hit" if cached else "miss").inc()


class Middleware:
    """WSGI middleware counting and timing every response of ``app`` by the route that answered.

    The route is what the app wrote under ``environ[ROUTE_KEY]`` (``record_route`` for Flask's
    URL rules; the ``/sparql`` fast path writes its own), else ``UNMATCHED``."""

    def __init__(self, app: Callable[..., Iterable[bytes]], generation: Callable[[], str | None]) -> None:
        self.next = app
        self.generation = generation

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()

        def counting_start_response(status: str, headers: list, exc_info: Any = None) -> Callable:
            route = environ.get(ROUTE_KEY, UNMATCHED)
            found = metrics()
            found.requests.labels(route, environ.get("REQUEST_METHOD", ""), status.split(" ", 1)[0]).inc()
            found.latency.labels(route).observe(time.perf_counter() - started)
            return start_response(status, headers, exc_info)

        body = self.next(environ, counting_start_response)
        note_generation(self.generation())
        return body


def record_route() -> None:
    """Flask ``before_request``: the URL rule answering this request, for ``Middleware``."""
    request.environ[ROUTE_KEY] = request.url_rule.rule if request.url_rule is not None else UNMATCHED


@bp.get("/metrics")
def scrape() -> Response:
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

    directory = os.environ.get(DIRECTORY_VARIABLE)
    registry = REGISTRY
    if directory:
        forget_dead_processes(directory)
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=directory)
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


def forget_dead_processes(directory: str) -> None:
    """``mark_process_dead`` for every process with live-gauge files that no longer runs."""
    from prometheus_client import multiprocess

    pids = {int(found.group(1)) for path in glob.glob(os.path.join(directory, "gauge_live*_*.db"))
            if (found := _LIVE_GAUGE_FILE.search(path))}
    for pid in pids:
        if not _running(pid):
            multiprocess.mark_process_dead(pid, directory)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: running
        return True
    return True


@contextmanager
def run_directory() -> Iterator[Path]:
    """The metrics folder of one server run, in ``PROMETHEUS_MULTIPROC_DIR`` for the workers it starts.

    The folder the variable names (created if missing, its ``*.db`` files of an earlier run removed),
    else a new temporary folder, removed on leaving."""
    given = os.environ.get(DIRECTORY_VARIABLE)
    if given:
        folder = Path(given)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):
            stale.unlink()
        yield folder
        return
    folder = Path(tempfile.mkdtemp(prefix="kgraph-metrics-"))
    os.environ[DIRECTORY_VARIABLE] = str(folder)
    try:
        yield folder
    finally:
        os.environ.pop(DIRECTORY_VARIABLE, None)
        shutil.rmtree(folder, ignore_errors=True)
