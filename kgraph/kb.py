"""``KnowledgeBase``: the per-process object the CLI, the HTTP views and the tests all call.

In: ``Settings``. Out: one ``Snapshot`` of the live store generation — its ``sparql``
(``SparqlEngine``), ``answerer`` (``kgraph.answer.Answerer``: questions and passage search, over
the graph reader and the search index) and ``terms`` (``kgraph.search.terms.TermIndex``) — and the
two calls every surface shares: ``ask(question) -> Answer`` and ``search(text, limit) ->
SearchResults``. Nothing is opened at construction: the store is opened on first use *in the
process that uses it* (a server worker process), and reopened if the object finds itself in a
forked child. Everything read from a generation lives in its snapshot, so there is one per-version
cache, and switching generations swaps one reference.
Must not: import Flask or click.

Following rebuilds. ``refresh`` switches to the live generation when a build has made a new one:
the new snapshot is opened (leased), warmed and its answerer loaded *before* it replaces the old one,
so no request waits for that; a request already running keeps the engine it started with. The old
engine is retired — its query workers stopped and its lease given back, so the next build may
delete it — once no request can still be using it (the query time limit plus ``RETIRE_GRACE``).
Caches, ETags, note texts, the search index and the term index belong to a snapshot or are keyed
by its generation, so they follow the switch. ``follow`` runs ``refresh`` every ``FOLLOW_SECONDS`` in a daemon thread
(``kgraph serve`` starts it in each server worker); a generation that fails to open is logged once
and the old one goes on serving.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kgraph.config import Settings
from kgraph.errors import KgraphError, StoreMissing
from kgraph.sparql import SparqlEngine
from kgraph.store import current_version

if TYPE_CHECKING:
    from kgraph.answer import Answerer
    from kgraph.answer.model import Answer
    from kgraph.search.model import SearchResults
    from kgraph.search.terms import TermIndex

log = logging.getLogger("kgraph.serve")
FOLLOW_SECONDS = 0.5  # how often a server looks for a new generation
RETIRE_GRACE = 5.0  # seconds past the query time limit an old engine is kept for requests in flight


class Snapshot:
    """One store generation and what is read from it: the SPARQL engine (open), the answerer and
    the term index (each loaded on first use, once)."""

    def __init__(self, engine: SparqlEngine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self._lock = threading.Lock()
        self._answerer: Answerer | None = None
        self._terms: TermIndex | None = None

    @property
    def answerer(self) -> Answerer:
        if self._answerer is None:
            with self._lock:
                if self._answerer is None:
                    self._answerer = _load_answerer(self.engine, self.settings)
        return self._answerer

    @property
    def terms(self) -> TermIndex:
        if self._terms is None:
            with self._lock:
                if self._terms is None:
                    from kgraph.search.terms import TermIndex  # rdflib (through the IRIs) loads only when asked for

                    self._terms = TermIndex.from_engine(self.engine)
        return self._terms

    @property
    def has_answerer(self) -> bool:
        return self._answerer is not None


class KnowledgeBase:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._snapshot: Snapshot | None = None
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._refresh_lock = threading.Lock()
        self._query_workers = 1
        self._retired: list[tuple[float, SparqlEngine]] = []  # (close after, engine)
        self._failed = ""  # the generation that last failed to open, not retried until CURRENT moves
        self._stop = threading.Event()

    @property
    def snapshot(self) -> Snapshot:
        """The live store generation's snapshot (``StoreMissing`` if none was built)."""
        snapshot = self._snapshot
        if snapshot is None or self._pid != os.getpid():
            with self._lock:
                if self._snapshot is None or self._pid != os.getpid():
                    self._snapshot = Snapshot(SparqlEngine.open(self.settings), self.settings)
                    self._pid = os.getpid()
                    self._retired = []
                snapshot = self._snapshot
        return snapshot

    @property
    def sparql(self) -> SparqlEngine:
        """The SPARQL engine over the live store version."""
        return self.snapshot.engine

    @property
    def generation(self) -> str | None:
        """The name of the generation being served, or None before the store is opened."""
        snapshot = self._snapshot
        return snapshot.engine.version.name if snapshot is not None and self._pid == os.getpid() else None

    @property
    def answerer(self) -> Answerer:
        """The question answerer and passage search over the same store version as ``sparql``."""
        return self.snapshot.answerer

    @property
    def terms(self) -> TermIndex:
        """The term index (autocomplete) of the same store version."""
        return self.snapshot.terms

    def ask(self, question: str, parameter: str = "q") -> Answer:
        """Answer a question (``BadRequest`` naming ``parameter`` if the text is unacceptable)."""
        return self.answerer.answer(question, parameter)

    def search(self, text: str, limit: int = 10, parameter: str = "q") -> SearchResults:
        """Passages ranked for ``text``, at most ``limit`` (1..50)."""
        return self.answerer.search(text, limit, parameter)

    def warm(self, query_workers: int = 1) -> None:
        """Open the store, start ``query_workers`` query workers and load the answerer now (each
        server worker calls this as it starts, with its thread count), so the first requests are as
        fast as the rest. A store without a search index still serves SPARQL (``StoreMissing`` is
        raised after warming it)."""
        self._query_workers = query_workers
        self.sparql.warm(query_workers)
        self.answerer

    def refresh(self) -> bool:
        """Switch to the live generation if it is not the one served; True if this call switched."""
        with self._refresh_lock:
            self._close_retired(time.monotonic())
            old = self._snapshot
            if old is None or self._pid != os.getpid():
                return False  # nothing opened yet: the first use opens the live generation
            engine = old.engine
            live = current_version(self.settings.store).name
            if live in (engine.version.name, self._failed):
                return False
            try:
                fresh = self._open_warm(answering=old.has_answerer)
            except Exception as error:  # a damaged generation (RocksDB says so with a RuntimeError too)
                self._failed = live
                log.warning("kgraph: not switching to %s, still serving %s: %s", live, engine.version.name,
                            getattr(error, "message", None) or f"{type(error).__name__}: {error}")
                return False
            with self._lock:
                self._snapshot = fresh
            self._retired.append((time.monotonic() + self.settings.query_timeout + RETIRE_GRACE, engine))
            log.info("kgraph: now serving %s (was %s)", fresh.engine.version.name, engine.version.name)
            return True

    def _open_warm(self, answering: bool) -> Snapshot:
        """A snapshot of the live generation, warmed, with its answerer loaded if ``answering``
        (a generation without a search index still serves SPARQL; questions answer 503 as at start)."""
        fresh = Snapshot(SparqlEngine.open(self.settings), self.settings)
        try:
            fresh.engine.warm(self._query_workers)
            if answering:
                try:
                    fresh.answerer
                except StoreMissing:
                    pass
            return fresh
        except BaseException:
            fresh.engine.close()
            raise

    def _close_retired(self, now: float) -> None:
        due = [engine for after, engine in self._retired if after <= now]
        self._retired = [(after, engine) for after, engine in self._retired if after > now]
        for engine in due:
            engine.close()

    def follow(self, interval: float = FOLLOW_SECONDS, on_switch: Callable[[str], None] | None = None) -> None:
        """``refresh`` every ``interval`` seconds in a daemon thread, until ``close``; ``on_switch``
        is told the name of each generation switched to."""
        def loop() -> None:
            said = ""
            while not self._stop.wait(interval):
                try:
                    if self.refresh() and on_switch is not None:
                        on_switch(self.generation)
                    said = ""
                except KgraphError as error:  # e.g. the store folder removed: keep serving what is open
                    if error.message != said:  # once, not twice a second
                        log.warning("kgraph: %s", error.message)
                    said = error.message
                except Exception:  # a bug: say so, and keep following
                    log.exception("kgraph: following the store failed")

        threading.Thread(target=loop, daemon=True, name="kgraph-follow").start()

    def close(self) -> None:
        self._stop.set()
        if self._pid == os.getpid():
            for _, engine in self._retired:
                engine.close()
            if self._snapshot is not None:
                self._snapshot.engine.close()
        self._retired = []
        self._snapshot = None


def _load_answerer(engine: SparqlEngine, settings: Settings) -> Answerer:
    from kgraph.answer import Answerer  # jieba and bm25s load only when asked for

    return Answerer(engine, settings)
