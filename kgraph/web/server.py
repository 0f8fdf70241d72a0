"""Granian serving the kgraph app: worker processes, each with a few threads, keep-alive HTTP/1.1.

In: ``Settings``, a host, a port, a worker count and threads per worker. Out: a running server
until Ctrl-C. Kept apart from the CLI so that ``kgraph build`` and the other commands import
neither Granian nor Flask.

Why Granian. Its HTTP layer is Rust, it keeps connections alive, and it runs the WSGI app in a
small pool of threads per worker process. On this project's 2-core machine a constant WSGI reply
reached ~5.5k req/s under gunicorn's sync workers (no keep-alive) and ~22k under Granian
(``bench/sparql_http.py`` has the measurements that matter, on real queries).

Runaway queries do not block cheap requests: a worker evaluates at most ``threads`` protocol queries
at once with the full time limit (one query worker each) but has ``RESERVED_THREADS`` more request
threads, and a query that finds every query worker busy runs on a spare one with a half-second limit
(``kgraph.sparql.worker.WorkerPool``) or gets 503 with ``Retry-After``, instead of queueing for the
time limit.

Each worker process creates the app after it starts (``load_app``) and warms it — opens the store
read-only, starts a query worker process per thread, loads the answerer — before it takes a
request, so the first requests are as fast as the rest. Query workers end with the web worker that started
them (``kgraph.sparql.worker``). Each worker then follows the store: within about a second of a
build it serves the new generation (``KnowledgeBase.follow``).

``/metrics`` sums every worker's counts: the workers write them to one folder per server run
(``kgraph.web.metrics.run_directory``, entered here before they start).
"""
from __future__ import annotations

import logging
from functools import partial

from flask import Flask
from granian import Granian
from granian.constants import HTTPModes, Interfaces
from granian.http import HTTP1Settings
from granian.log import LogLevels

from kgraph.config import Settings
from kgraph.errors import StoreMissing
from kgraph.web import create_app, metrics

log = logging.getLogger("kgraph.serve")
# Seconds a worker gets to finish its requests at shutdown before it is killed. Granian waits
# forever by default, and a worker that receives SIGTERM while still loading (before Granian
# installs its handler) never notices it: without this, Ctrl-C right after start could hang.
STOP_GRACE_SECONDS = 5
MAX_HEADER_TIMEOUT_MS = 60_000  # Granian's ceiling for the HTTP/1 header read timeout
# Granian holds one "backpressure" permit per open connection (measured: with its default of
# backlog / workers = 512, 1,024 silent connections made a real request wait until they timed out).
# An idle connection costs a few KiB in the Rust layer and no Python thread, so allow many; the
# header timeout closes silent and slow ones, and the Python threads stay bounded (below).
CONNECTIONS_PER_WORKER = 4096
# Request threads beyond the ``threads`` SPARQL evaluations a worker runs at once: pages, /api/ask,
# cached results and queries on the spare query worker always find a thread, even while every
# query worker runs a query to its time limit.
RESERVED_THREADS = 2
BACKLOG = 2048  # connections the kernel queues before the workers accept them


def serve(settings: Settings, host: str, port: int, workers: int, threads: int) -> None:
    """Run Granian until interrupted; each worker serves ``create_app(settings)``."""
    server = Granian(
        "kgraph.web:create_app",  # for Granian's logs; the app comes from load_app
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        http=HTTPModes.http1,
        http1_settings=HTTP1Settings(header_read_timeout=_milliseconds(settings.header_timeout)),
        workers=workers,
        blocking_threads=threads + RESERVED_THREADS,
        backlog=BACKLOG,
        backpressure=CONNECTIONS_PER_WORKER,
        respawn_failed_workers=True,
        workers_kill_timeout=STOP_GRACE_SECONDS,
        log_level=LogLevels.warning,
    )
    with metrics.run_directory():  # before the workers start: they inherit it
        server.serve(target_loader=partial(load_app, settings, threads), wrap_loader=False)


def _milliseconds(seconds: float) -> int:
    return max(1, min(MAX_HEADER_TIMEOUT_MS, round(seconds * 1000)))


def load_app(settings: Settings, threads: int) -> Flask:
    """The app for one worker process, its store opened and a query worker per thread started."""
    app = create_app(settings)
    kb = app.extensions["kgraph"]
    try:
        kb.warm(query_workers=threads)
    except StoreMissing as error:  # served as 503 per request until a store is built
        log.warning(error.message)
    metrics.note_generation(kb.generation)
    # switch to each new generation a build makes (``KnowledgeBase.refresh``), and say so in /metrics
    kb.follow(on_switch=metrics.note_generation)
    return app
