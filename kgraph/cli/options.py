"""What the subcommands share: the common options, settings from them, and how errors end a command.

In: option values (each falls back to ``KGRAPH_*``, then the defaults in ``Settings``). Out:
``Settings``; for a failure, ``error: message`` on stderr and exit 1 (``fail``); the summary of a
build as ``kgraph build`` prints it (``report_build``), which ``kgraph serve`` prints too when it
builds on first start.
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from kgraph.config import Settings
from kgraph.errors import KgraphError

corpus_option = click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), help="Folder of notes [default: corpus/].")
store_option = click.option("--store", type=click.Path(file_okay=False, path_type=Path), help="Store folder [default: .kgraph/store].")
base_option = click.option("--base", help="Base IRI of the graph [default: http://localhost:8000].")


def settings_from(**options: object) -> Settings:
    return Settings.from_env(**options)


def settings_of_store(**options: object) -> Settings:
    """Settings for reading a built store: its base is the one it was built with, unless ``--base``
    or ``KGRAPH_BASE`` says otherwise (so ``id:`` and the pages' links match the store's IRIs)."""
    from kgraph.store import current_version

    settings = settings_from(**options)
    if options.get("base") is not None or "KGRAPH_BASE" in os.environ:
        return settings
    try:
        recorded = current_version(settings.store).meta.get("base")
    except KgraphError:  # the command itself meets it again and says so
        return settings
    return replace(settings, base=recorded) if recorded else settings


def fail(error: KgraphError) -> NoReturn:
    click.echo(f"error: {error.message}", err=True)
    for line in error.details.get("violations", [])[:50]:
        click.echo(f"  {line}", err=True)
    sys.exit(1)


def report_build(report, quiet: bool = False, err: bool = False) -> None:
    """The build's warnings on stderr, then (unless ``quiet``) its summary on stdout or ``err``."""
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not quiet:
        click.echo(summary(report), err=err)


def summary(report) -> str:
    lines = [
        f"built {report.version} in {report.seconds:.2f} s",
        f"  notes       {report.notes}",
        f"  passages    {report.passages}",
        f"  concepts    {report.concepts}",
        f"  definitions {report.definitions}",
        f"  evidence    {report.evidence}",
        f"  triples     {report.triples}",
        f"  facts       {sum(report.facts.values())}",
    ]
    lines += [f"    {relation:<14}{count}" for relation, count in report.facts.items()]
    lines.append(f"  candidates  {report.candidates} (below the confidence threshold: graph:candidate)")
    lines.append(f"  reused      {report.reused} (per-note results from the build cache: parses, extractions, search documents)")
    lines.append(f"  warnings    {len(report.warnings)}")
    kinds = Counter(w.kind for w in report.warnings)
    lines += [f"    {kind:<18}{count}" for kind, count in sorted(kinds.items())]
    return "\n".join(lines)
