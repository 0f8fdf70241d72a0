"""``kgraph serve``: the web app under gunicorn, building the store first if there is none.

In: host, port, worker count, store/corpus paths and the query time limit (else ``KGRAPH_*``).
Out: a running server until Ctrl-C. gunicorn runs sync workers (measured fastest here: ~2x waitress);
the app is created in each worker after the fork (no ``preload_app``), and ``post_worker_init`` opens
the store read-only and starts the worker's query process before it takes a request, so the first
requests are not slower than the rest.
"""
from __future__ import annotations

from pathlib import Path

import click
from gunicorn.app.base import BaseApplication

from kgraph.cli import main
from kgraph.config import Settings
from kgraph.errors import KgraphError, StoreMissing
from kgraph.store import current_version
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


def ensure_store(settings: Settings) -> None:
    """Build the store from the corpus unless one exists."""
    try:
        current_version(settings.store)
        return
    except StoreMissing:
        pass
    try:
        from kgraph.build import build
    except ImportError:
        raise click.ClickException(f"no store at {settings.store} and this install cannot build one") from None
    click.echo(f"no store at {settings.store}: building it from {settings.corpus} …", err=True)
    build(settings, progress=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="TCP port.")
@click.option("--workers", default=2, show_default=True, type=int, help="gunicorn worker processes.")
@click.option("--store", type=click.Path(path_type=Path), help="Store folder [KGRAPH_STORE].")
@click.option("--corpus", type=click.Path(path_type=Path), help="Notes folder, to build from [KGRAPH_CORPUS].")
@click.option("--timeout", type=float, help="SPARQL query time limit, seconds [KGRAPH_QUERY_TIMEOUT].")
def serve(host: str, port: int, workers: int, store: Path | None, corpus: Path | None, timeout: float | None) -> None:
    """Serve SPARQL (/sparql) and the concepts (/id/<Name>) over HTTP."""
    settings = Settings.from_env(store=store, corpus=corpus, query_timeout=timeout)
    try:
        ensure_store(settings)
    except KgraphError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"kgraph: serving {settings.store} at http://{host}:{port}/sparql", err=True)
    KgraphServer(settings, f"{host}:{port}", workers).run()
