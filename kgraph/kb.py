"""``KnowledgeBase``: the per-process object the CLI, the HTTP views and the tests all call.

In: ``Settings``. Out: the engines over the live store — ``sparql`` (``SparqlEngine``) and
``answerer`` (``kgraph.answer.Answerer``: questions and passage search) — and the two calls every
surface shares: ``ask(question) -> Answer`` and ``search(text, limit) -> SearchResults``. Nothing
is opened at construction: the store is opened on first use *in the process that uses it* (a
server worker process), and reopened if the object finds itself in a forked child; the
answerer follows the SPARQL engine's store version.
Must not: import Flask or click.
"""
from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from kgraph.config import Settings
from kgraph.sparql import SparqlEngine

if TYPE_CHECKING:
    from kgraph.answer import Answerer
    from kgraph.answer.model import Answer, SearchResults


class KnowledgeBase:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._sparql: SparqlEngine | None = None
        self._answerer: Answerer | None = None
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._answer_lock = threading.Lock()

    @property
    def sparql(self) -> SparqlEngine:
        """The SPARQL engine over the live store version (``StoreMissing`` if none was built)."""
        engine = self._sparql
        if engine is None or self._pid != os.getpid():
            with self._lock:
                if self._sparql is None or self._pid != os.getpid():
                    self._sparql, self._pid = SparqlEngine.open(self.settings), os.getpid()
                    self._answerer = None
                engine = self._sparql
        return engine

    @property
    def answerer(self) -> Answerer:
        """The question answerer and passage search over the same store version as ``sparql``."""
        engine = self.sparql
        answerer = self._answerer
        if answerer is None or answerer.version is not engine.version:
            with self._answer_lock:
                if self._answerer is None or self._answerer.version is not engine.version:
                    from kgraph.answer import Answerer  # jieba and bm25s load only when asked for

                    self._answerer = Answerer(engine, self.settings)
                answerer = self._answerer
        return answerer

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
        self.sparql.warm(query_workers)
        self.answerer

    def close(self) -> None:
        if self._sparql is not None and self._pid == os.getpid():
            self._sparql.close()
        self._sparql = None
        self._answerer = None
