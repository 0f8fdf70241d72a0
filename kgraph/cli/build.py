"""``kgraph build``, ``kgraph validate`` and ``kgraph export``: make, check and dump the store.

In: options (each falls back to ``KGRAPH_*`` then the defaults in ``Settings``). Out: a summary
on stdout, warnings as ``file:line: message`` on stderr, exit 0 (also with warnings) or 1.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kgraph.cli import main
from kgraph.cli.options import (base_option, corpus_option, fail, report_build, settings_from, settings_of_store,
                                store_option)
from kgraph.errors import KgraphError
from kgraph.iri import GRAPH_NAMES, Iris


@main.command()
@corpus_option
@store_option
@base_option
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes for per-note work [default: the machine's cores].")
@click.option("--no-cache", "no_cache", is_flag=True, help="Parse and extract every note again (a clean build).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where per-note work runs: local processes, or a Dask cluster (needs --scheduler).")
@click.option("--scheduler", envvar="KGRAPH_DASK_SCHEDULER",
              help="Dask scheduler address for --executor dask, e.g. tcp://dask-scheduler:8786 [KGRAPH_DASK_SCHEDULER].")
def build(corpus: Path | None, store: Path | None, base: str | None, quiet: bool, jobs: int | None,
          no_cache: bool, executor: str, scheduler: str | None) -> None:
    """Build the knowledge graph from the notes and swap it in atomically."""
    from kgraph.build import build as run_build

    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS (or KGRAPH_DASK_SCHEDULER)")
    settings = settings_from(corpus=corpus, store=store, base=base, jobs=jobs, cache=False if no_cache else None,
                             scheduler=scheduler if executor == "dask" else None)
    try:
        report = run_build(settings, progress=not quiet and sys.stderr.isatty())
    except KgraphError as error:
        fail(error)
    report_build(report, quiet)


@main.command()
@store_option
@base_option
def validate(store: Path | None, base: str | None) -> None:
    """Check the live store against ontology/shapes.ttl (SHACL)."""
    from kgraph.validate import validate_store

    settings = settings_from(store=store, base=base)
    try:
        violations = validate_store(settings)
    except KgraphError as error:
        fail(error)
    for violation in violations:
        click.echo(str(violation), err=True)
    click.echo(f"{len(violations)} violation(s)")
    sys.exit(1 if violations else 0)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["trig", "nquads", "turtle"]), default="trig", show_default=True)
@click.option("--graph", type=click.Choice(GRAPH_NAMES), help="Only this named graph [default: all of them].")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
def export(store: Path | None, fmt: str, graph: str | None, out: Path | None) -> None:
    """Dump the live store, with the predeclared prefixes (turtle merges the named graphs)."""
    from kgraph.sparql.dataset import predeclared_prefixes
    from kgraph.store import current_version, export as dump

    settings = settings_of_store(store=store)
    try:
        name = str(Iris(settings.base).graph(graph)) if graph else None
        data = dump(current_version(settings.store), fmt, predeclared_prefixes(settings.base), name)
    except KgraphError as error:
        fail(error)
    if out:
        out.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
