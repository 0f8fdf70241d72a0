"""Which graphs a query sees, and the prefixes it may use without declaring them.

In: the deployment's base IRI, the graph names present in the store, and the graphs a request names
(protocol parameters or the query's own ``FROM``/``FROM NAMED``). Out: ``predeclared_prefixes`` (and
``compact``: an IRI written with them, for people to read) and a validated ``Dataset`` that
``evaluate`` turns into pyoxigraph's keyword arguments.

The default graph is the union of the ontology, asserted, inferred and evidence graphs, so facts,
labels and their evidence join without ``GRAPH`` clauses; the candidate graph (facts below the
confidence threshold, with their evidence) is a named graph only (``GRAPH graph:candidate``). A request may narrow
the dataset, but only to graphs already in the store: nothing is ever fetched or read from disk
(Oxigraph never dereferences ``FROM`` IRIs; this module also refuses names it does not hold, so a
typo gets a clear 400 instead of an empty result).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kgraph.errors import QueryNotAllowed

STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "void": "http://rdfs.org/ns/void#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
}


def predeclared_prefixes(base: str) -> dict[str, str]:
    """The project's namespaces (``kg``, ``id``, ``graph``) plus the standard ones, in that order."""
    base = base.rstrip("/")
    own = {"kg": f"{base}/ontology#", "id": f"{base}/id/", "graph": f"{base}/graph/"}
    return {**own, **STANDARD_PREFIXES}


def compact(iri: str, prefixes: dict[str, str]) -> str:
    """``kg:manages`` for ``<base>/ontology#manages``; the IRI itself when no prefix fits."""
    for prefix, namespace in prefixes.items():
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and all(ch.isalnum() or ch in "_-." for ch in local):
            return f"{prefix}:{local}"
    return iri


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset of one query.

    ``source`` says who chose it: ``"union"`` (the service default), ``"protocol"``
    (``default-graph-uri``/``named-graph-uri``, which override the query's own clauses, as the
    SPARQL 1.1 Protocol says) or ``"query"`` (the query's ``FROM``/``FROM NAMED``).
    """

    source: str = "union"
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @classmethod
    def choose(
        cls,
        known: Iterable[str],
        protocol: tuple[tuple[str, ...], tuple[str, ...]],
        query: tuple[tuple[str, ...], tuple[str, ...]],
    ) -> Dataset:
        """The dataset for (protocol default, named) and (query FROM, FROM NAMED) graph lists."""
        known = frozenset(known)
        for source, (default, named) in (("protocol", protocol), ("query", query)):
            if default or named:
                _check_known(known, (*default, *named), source)
                return cls(source, tuple(default), tuple(named))
        return cls()


def _check_known(known: frozenset[str], names: tuple[str, ...], source: str) -> None:
    unknown = sorted(set(names) - known)
    if unknown:
        where = "default-graph-uri/named-graph-uri" if source == "protocol" else "FROM/FROM NAMED"
        raise QueryNotAllowed(
            f"{where} may only name graphs in this store; unknown: {', '.join(unknown)}",
            details={"unknown_graphs": unknown, "available_graphs": sorted(known)},
        )
