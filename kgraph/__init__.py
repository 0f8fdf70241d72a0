"""kgraph: Markdown notes to a cited RDF knowledge graph, served over SPARQL, questions and a glossary.

``version()`` is the installed distribution's version (``kgraph --version`` prints it with the
store format, ``kgraph.store.STORE_FORMAT``).
"""
from __future__ import annotations

from importlib import metadata


def version() -> str:
    try:
        return metadata.version("kgraph")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"
