"""The time limit: protocol queries run in query worker processes that are killed when they overrun.

In: a ``Job`` and a time limit. Out: the ``Outcome``, or ``QueryTimeout`` (503) once the limit
passes — the worker is then SIGKILLed, which frees its CPU at once, and a fresh one is started.

Why processes. Oxigraph evaluates inside Rust with no cancellation and pyoxigraph has no time limit,
so a runaway query (a 4-way cartesian product) can only be stopped by ending the process running it.
Measured alternatives (2 cores, gunicorn, 2 sync workers, one-hop query at 100k triples; since then
the server is Granian and repeated queries are answered from ``cache``): evaluating
in the web worker ~2.97k req/s; in a query worker behind a pipe ~2.6k req/s (-13%). A watchdog
thread that ends the *web* worker on overrun was as fast as in-process, but it cannot answer 503
through the app (it would write raw HTTP to the server's socket and exit), works under one server only,
and takes the web worker's other state down with the query. A query worker costs a pipe round trip
and gives a clean 503 through the one error handler, under any WSGI server or in-process.

Each web process owns its own pool (created lazily, so after the server starts the process), one
worker per query it evaluates at once, at most ``size`` (``kgraph serve --threads``; the server
keeps more request threads than that, so pages and cached answers never wait for a worker). A worker is a fresh interpreter (``python -c …``, talking over a socketpair), not a fork: no
RocksDB handle, client socket or signal handler is inherited, and unlike multiprocessing's ``spawn``
it never re-imports the parent's ``__main__``. A worker exits when its pipe closes and, mid-query
too, when its parent process is gone (a watcher thread; PR_SET_PDEATHSIG would fire when the
*thread* that started it ends), so a crashed web worker leaves no query running.
"""
from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from multiprocessing.connection import Connection

from kgraph import errors
from kgraph.errors import QueryAborted, QueryBusy, QueryTimeout
from kgraph.sparql.evaluate import Context, Evaluator, Job, Outcome

BOOT_TIMEOUT = 60.0  # seconds a new worker may take to start and open the store
QUEUE_WAIT = 0.5  # seconds a query waits for the spare worker before the request gets 503 query_busy
SPARE_LIMIT = 0.5  # seconds a query may run on the spare worker (cheap ones take milliseconds)
# A query still running after DEMOTE_AFTER seconds has its worker's niceness raised to NICENESS,
# so with every core busy evaluating long queries, pages, cached answers, /api/ask and cheap queries
# still get the CPU first (measured: 8 runaways took the one-hop p50 from 3 ms to 245 ms without
# this, 8 ms with it). Cheap queries never reach it, so under other load (a build on the same
# machine) they are not starved. A demoted worker is replaced after its query: an unprivileged
# process cannot lower a niceness again.
DEMOTE_AFTER = 0.5
NICENESS = 10
RUNAWAYS_REMEMBERED = 1024  # jobs (by hash) that overran a limit lately: never given the spare
_READY = "ready"
_ENTRY = "import sys; from kgraph.sparql.worker import main; main(sys.argv[1:])"


class QueryWorker:
    """One worker process and the parent's end of its socket."""

    def __init__(self, context: Context) -> None:
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-c", _ENTRY, str(theirs.fileno()), str(os.getpid())]
        self.process = subprocess.Popen(
            command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=_child_env()
        )
        theirs.close()
        self._conn = Connection(ours.detach())
        self._conn.send(context)
        self._ready = False
        self.demoted = False

    def run(self, job: Job, timeout: float) -> Outcome:
        self._wait_ready()
        self._conn.send(job)
        if not self._conn.poll(min(timeout, DEMOTE_AFTER)) and not self._demote_and_poll(timeout - DEMOTE_AFTER):
            self.kill()
            raise QueryTimeout(
                f"the query ran longer than the {timeout:g} s limit and was stopped",
                details={"timeout_seconds": timeout},
            )
        return _unpack(self._receive())

    def _demote_and_poll(self, remaining: float) -> bool:
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid, NICENESS)
            self.demoted = True
        except OSError:  # it just ended, or the platform refuses: the time limit still holds
            pass
        return remaining > 0 and self._conn.poll(remaining)

    def _wait_ready(self) -> None:
        if not self._ready:
            if not self._conn.poll(BOOT_TIMEOUT):
                self.kill()
                raise QueryAborted("the query worker did not start in time")
            _unpack(self._receive())
            self._ready = True

    def _receive(self) -> tuple:
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise QueryAborted("the query worker stopped before answering (out of memory?)") from None

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.alive:
            self.process.kill()
        self.process.wait(5)
        self._conn.close()


class WorkerPool:
    """Query workers of one process; ``run`` borrows one, starting it if needed.

    ``size`` queries evaluate at once with the full time limit. When all of those are taken — say by
    runaway queries — a query runs on one spare worker instead, with a limit of ``spare_limit``: a
    cheap query still gets its answer in milliseconds, and a long one is stopped within half a second
    and told to retry (``QueryBusy``: 503, ``Retry-After``), as is one that finds the spare taken
    for ``queue_wait`` seconds. A job that overran a limit lately is not given the spare at all
    (clients retry their runaways at once, and would otherwise keep the spare from cheap queries).
    So queries piling up behind long ones neither wait for the time limit nor hold their request
    threads for it."""

    def __init__(self, context: Context, size: int = 4, queue_wait: float = QUEUE_WAIT,
                 spare_limit: float = SPARE_LIMIT) -> None:
        self.context = context
        self.size = size
        self._idle: queue.LifoQueue[QueryWorker] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)
        self._spare = threading.BoundedSemaphore(1)
        self.queue_wait = queue_wait
        self.spare_limit = spare_limit
        self._runaways: OrderedDict[int, None] = OrderedDict()  # hash(job), most recent last
        self._lock = threading.Lock()
        self._all: list[QueryWorker] = []
        self._owner = os.getpid()
        self._closed = False

    def run(self, job: Job, timeout: float) -> Outcome:
        if self._closed:  # a request that outlived its engine's retirement (``KnowledgeBase.refresh``)
            raise QueryAborted("the store generation this request started on is no longer served; retry")
        if self._slots.acquire(blocking=False):
            return self._run_noting_runaways(self._slots, job, timeout)
        if hash(job) in self._runaways:
            raise self._busy("this query ran past its time limit lately")
        if not self._spare.acquire(timeout=self.queue_wait):
            raise self._busy("the spare one is taken too")
        try:
            return self._run_noting_runaways(self._spare, job, min(timeout, self.spare_limit))
        except QueryTimeout:
            raise self._busy(f"this query needed more than the {self.spare_limit:g} s the spare one gives") from None

    def _run_noting_runaways(self, slot: threading.BoundedSemaphore, job: Job, timeout: float) -> Outcome:
        try:
            return self._run_holding(slot, job, timeout)
        except QueryTimeout:
            with self._lock:
                self._runaways[hash(job)] = None
                self._runaways.move_to_end(hash(job))
                if len(self._runaways) > RUNAWAYS_REMEMBERED:
                    self._runaways.popitem(last=False)
            raise

    def _run_holding(self, slot: threading.BoundedSemaphore, job: Job, timeout: float) -> Outcome:
        try:
            worker = self._borrow()
            try:
                return worker.run(job, timeout)
            finally:
                self._give_back(worker)
        finally:
            slot.release()

    def _busy(self, why: str) -> QueryBusy:
        return QueryBusy(f"all {self.size} query workers of this server process are busy and {why}; "
                         f"retry in a second", details={"query_workers": self.size})

    def warm(self, count: int = 1) -> None:
        """Have ``count`` workers (at most ``size``) and the spare started and their stores opened,
        booting together."""
        idle: list[QueryWorker] = []
        while not self._idle.empty():
            idle.append(self._idle.get_nowait())
        idle += [self._start() for _ in range(min(count, self.size) + 1 - len(idle))]
        for worker in idle:
            worker._wait_ready()
            self._idle.put(worker)

    @property
    def running(self) -> int:
        """Worker processes alive now."""
        with self._lock:
            return sum(worker.alive for worker in self._all)

    def _borrow(self) -> QueryWorker:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return self._start()

    def _start(self) -> QueryWorker:
        worker = QueryWorker(self.context)
        with self._lock:
            self._all = [w for w in self._all if w.alive] + [worker]
        return worker

    def _give_back(self, worker: QueryWorker) -> None:
        # A killed worker is replaced at once, so its successor boots while the 503 goes out.
        if self._closed or worker.demoted:
            worker.kill()
        if not self._closed:
            self._idle.put(worker if worker.alive else self._start())

    def close(self) -> None:
        """Stop every worker (only those this process started: a forked copy owns none)."""
        if os.getpid() != self._owner:
            return
        self._closed = True
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()


def _unpack(message: tuple) -> Outcome:
    kind, *payload = message
    if kind == "ok":
        return payload[0]
    if kind == _READY:
        return None  # type: ignore[return-value]
    if kind == "error":
        name, text, details = payload
        raise getattr(errors, name)(text, details=details)
    raise RuntimeError(f"query worker failed: {payload[0]}")


def _child_env() -> dict[str, str]:
    # The worker must import the same kgraph as its parent, installed or not.
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}


def main(argv: list[str]) -> None:
    """Entry point of a worker process: ``<socket fd> <parent pid>``."""
    serve(Connection(int(argv[0])), int(argv[1]))


def serve(conn: Connection, parent: int) -> None:
    """The worker's loop: receive the context, open the store, then answer jobs until the socket closes."""
    _exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent decides
    evaluator = Evaluator.open(conn.recv())
    conn.send((_READY,))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer(evaluator, job))


def _answer(evaluator: Evaluator, job: Job) -> tuple:
    try:
        return ("ok", evaluator.run(job))
    except errors.KgraphError as error:
        return ("error", type(error).__name__, error.message, error.details)
    except Exception as error:  # a bug: reported as such (500), never as the client's fault
        return ("bug", f"{type(error).__name__}: {error}")


def _exit_with_parent(parent: int) -> None:
    """End this worker, even mid-query, once its parent is gone (evaluation releases the GIL)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="kgraph-parent-watch").start()
