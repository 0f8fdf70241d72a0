"""SPARQL for kgraph: the only package that evaluates queries.

In: a built store (``kgraph.store``) and query texts. Out: rows, booleans and graphs for the
project's own code, serialized results for the SPARQL 1.1 Protocol. Nothing here imports Flask.

- ``engine``: ``SparqlEngine``, the API everything else calls (``select``/``ask``/``construct``
  in-process; ``prepare``/``run``/``execute`` for untrusted protocol queries).
- ``safety``: refuses SERVICE and update text before evaluation; finds the query form and FROM graphs.
- ``dataset``: predeclared prefixes; which graphs a query may see (only graphs in the store).
- ``formats``: result formats, content negotiation, serialization (Oxigraph's serializers).
- ``evaluate``: runs one query on an open store (in-process or in a query worker).
- ``worker``: query worker processes, killed at the time limit.
- ``service``: the SPARQL Service Description with VoID statistics.

The names below are imported on first use, so a query worker (which imports only ``worker``,
``evaluate`` and ``formats``) starts without loading rdflib.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kgraph.sparql.dataset import predeclared_prefixes
    from kgraph.sparql.engine import PreparedQuery, Result, SparqlEngine
    from kgraph.sparql.formats import FORMATS, Format, negotiate

_EXPORTS = {
    "SparqlEngine": "engine", "PreparedQuery": "engine", "Result": "engine",
    "FORMATS": "formats", "Format": "formats", "negotiate": "formats",
    "predeclared_prefixes": "dataset",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kgraph.sparql' has no attribute {name!r}")
    return getattr(import_module(f"kgraph.sparql.{_EXPORTS[name]}"), name)
