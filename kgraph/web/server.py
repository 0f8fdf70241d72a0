"""gunicorn running the kgraph app: sync workers, the app created in each worker after the fork.

In: ``Settings``, a bind address and a worker count. Out: a running server until Ctrl-C. gunicorn
runs sync workers (measured fastest here: ~2x waitress); there is no ``preload_app``, and
``post_worker_init`` opens the store read-only and starts the worker's query process before it
takes a request, so the first requests are not slower than the rest. Kept apart from the CLI so
that ``kgraph build`` and the other commands do not import gunicorn and Flask.
"""
from __future__ import annotations

from gunicorn.app.base import BaseApplication

from kgraph.config import Settings
from kgraph.errors import StoreMissing
from kgraph.web import create_app

GRACE_SECONDS = 30  # gunicorn kills a worker silent for query_timeout + this


class KgraphServer(BaseApplication):
    """A gunicorn application serving ``create_app(settings)``."""

    def __init__(self, settings: Settings, bind: str, workers: int) -> None:
        self.settings = settings
        self.options = {
            "bind": bind,
            "workers": workers,
            "worker_class": "sync",
            "timeout": int(settings.query_timeout) + GRACE_SECONDS,
            "post_worker_init": _warm,
            "worker_exit": _close,
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(self.settings)


def _warm(worker) -> None:
    try:
        worker.wsgi.extensions["kgraph"].warm()
    except StoreMissing as error:  # served as 503 per request until a store is built
        worker.log.warning(str(error))


def _close(server, worker) -> None:
    knowledge_base = getattr(worker.wsgi, "extensions", {}).get("kgraph")
    if knowledge_base is not None:
        knowledge_base.close()
