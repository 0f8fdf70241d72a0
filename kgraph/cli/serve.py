"""``kgraph serve``: the web app under Granian, building the store first if there is none.

In: host, port (0: a free one), worker and thread counts, base IRI, store/corpus paths and the
query time limit (else ``KGRAPH_*``). Out: ``kgraph: serving STORE at URL`` on stderr with the
address really listened on, then a running server until Ctrl-C (``kgraph.web.server``, imported
only when serving). Out-of-range options and a port already in use end the command (exit 2 and 1)
before anything is built or started. A first-start build prints what ``kgraph build`` prints (its
warnings and summary, on stderr here, as the server's log), with a progress bar only on a terminal.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kgraph.cli import main
from kgraph.cli.options import fail, report_build, settings_of_store
from kgraph.config import Settings
from kgraph.errors import KgraphError, StoreIncompatible, StoreMissing
from kgraph.integrity import check_store


def ensure_store(settings: Settings) -> None:
    """Build the store from the corpus unless one exists; refuse a ``--base`` the store was not built
    with; ``StoreCorrupt`` if the one there is damaged."""
    try:
        version = check_store(settings.store)
    except StoreIncompatible:
        raise  # built by another kgraph: rebuilding is the user's call (the message says how)
    except StoreMissing:
        from kgraph.build import build

        click.echo(f"no store at {settings.store}: building it from {settings.corpus} …", err=True)
        report_build(build(settings, progress=sys.stderr.isatty()), err=True)
        return
    built = version.meta.get("base")
    if built and built != settings.base:
        raise click.UsageError(f"the store at {settings.store} was built with base {built}, not {settings.base}: "
                               f"rebuild it with `kgraph build --base {settings.base}`, "
                               "or serve it without --base (and KGRAPH_BASE)")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port; 0: any free port.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 4),
              help="SPARQL queries each worker process evaluates at once (it serves two more requests besides).")
@click.option("--base", help="Base IRI of the graph and its pages [KGRAPH_BASE; default: the store's, "
              "else http://localhost:8000].")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), help="Store folder [KGRAPH_STORE].")
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), help="Notes folder, to build from [KGRAPH_CORPUS].")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), help="SPARQL query time limit, seconds [KGRAPH_QUERY_TIMEOUT].")
@click.option("--result-cache-mb", type=click.FloatRange(0), help="SPARQL results kept per worker, MiB; 0: off "
              "[KGRAPH_RESULT_CACHE_MB, default 64].")
def serve(
    host: str, port: int, workers: int, threads: int, base: str | None, store: Path | None, corpus: Path | None,
    timeout: float | None, result_cache_mb: float | None,
) -> None:
    """Serve the search page, questions, SPARQL, concepts and the glossary over HTTP."""
    from kgraph.listen import claim

    settings = settings_of_store(base=base, store=store, corpus=corpus, query_timeout=timeout,
                                 result_cache_mb=result_cache_mb)
    try:
        claim(host, port)  # fail fast, before a first-start build that may take minutes
        ensure_store(settings)
        address = claim(host, port)
    except KgraphError as error:
        fail(error)
    from kgraph.web import server

    click.echo(f"kgraph: serving {settings.store} at {address.url}", err=True)
    server.serve(settings, address.host, address.port, workers, threads)
