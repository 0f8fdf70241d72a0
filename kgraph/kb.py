"""``KnowledgeBase``: the per-process object the CLI, the HTTP views and the tests all call.

In: ``Settings``. Out: the engines over the live store — today ``sparql`` (``SparqlEngine``); the
answerer and the glossary hang off the same object. Nothing is opened at construction: the store
is opened on first use *in the process that uses it* (after gunicorn forks its workers), and
reopened if the object finds itself in a forked child.
Must not: import Flask or click.
"""
from __future__ import annotations

import os
import threading

from kgraph.config import Settings
from kgraph.sparql import SparqlEngine


class KnowledgeBase:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._sparql: SparqlEngine | None = None
        self._pid = os.getpid()
        self._lock = threading.Lock()

    @property
    def sparql(self) -> SparqlEngine:
        """The SPARQL engine over the live store version (``StoreMissing`` if none was built)."""
        engine = self._sparql
        if engine is None or self._pid != os.getpid():
            with self._lock:
                if self._sparql is None or self._pid != os.getpid():
                    self._sparql, self._pid = SparqlEngine.open(self.settings), os.getpid()
                engine = self._sparql
        return engine

    def warm(self) -> None:
        """Open the store and start the query worker now (gunicorn's post_worker_init calls this)."""
        self.sparql.warm()

    def close(self) -> None:
        if self._sparql is not None and self._pid == os.getpid():
            self._sparql.close()
        self._sparql = None
