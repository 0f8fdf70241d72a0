"""``kgraph serve``: the web app under Granian, building the store first if there is none.

In: host, port, worker count, store/corpus paths and the query time limit (else ``KGRAPH_*``).
Out: a running server until Ctrl-C (see ``kgraph.web.server``, imported only when serving).
"""
from __future__ import annotations

from pathlib import Path

import click

from kgraph.cli import main
from kgraph.config import Settings
from kgraph.errors import KgraphError, StoreMissing
from kgraph.integrity import check_store


def ensure_store(settings: Settings) -> None:
    """Build the store from the corpus unless one exists; ``StoreCorrupt`` if the one there is damaged."""
    try:
        check_store(settings.store)
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
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1), help="Worker processes.")
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 4),
              help="Requests each worker process serves at once.")
@click.option("--store", type=click.Path(path_type=Path), help="Store folder [KGRAPH_STORE].")
@click.option("--corpus", type=click.Path(path_type=Path), help="Notes folder, to build from [KGRAPH_CORPUS].")
@click.option("--timeout", type=float, help="SPARQL query time limit, seconds [KGRAPH_QUERY_TIMEOUT].")
@click.option("--result-cache-mb", type=click.FloatRange(0), help="SPARQL results kept per worker, MiB; 0: off "
              "[KGRAPH_RESULT_CACHE_MB, default 64].")
def serve(
    host: str, port: int, workers: int, threads: int, store: Path | None, corpus: Path | None, timeout: float | None,
    result_cache_mb: float | None,
) -> None:
    """Serve the search page, questions, SPARQL, concepts and the glossary over HTTP."""
    settings = Settings.from_env(store=store, corpus=corpus, query_timeout=timeout, result_cache_mb=result_cache_mb)
    try:
        ensure_store(settings)
    except KgraphError as error:
        raise click.ClickException(error.message) from None
    from kgraph.web import server

    click.echo(f"kgraph: serving {settings.store} at http://{host}:{port}/", err=True)
    server.serve(settings, host, port, workers, threads)
