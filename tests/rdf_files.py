"""Reading the test's RDF files (TriG) into rdflib through Oxigraph's parser.

A plain module beside the top ``conftest.py`` (importable as ``rdf_files`` from any test folder).
Why not ``rdflib.Dataset.parse``: rdflib 7's TriG and JSON-LD parsers build a ``ConjunctiveGraph``
internally, which warns that ``ConjunctiveGraph`` is deprecated on every parse.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.term import Node

from kgraph.sparql.engine import to_rdflib


def trig_quads(path: Path) -> Iterator[tuple[Node, Node, Node, Node]]:
    """The quads of a TriG file as rdflib terms (every quad of ours is in a named graph)."""
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
        yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object), to_rdflib(quad.graph_name)


def trig_dataset(path: Path) -> Dataset:
    dataset = Dataset()
    for s, p, o, g in trig_quads(path):
        dataset.graph(g).add((s, p, o))
    return dataset


def parsed_graph(data: bytes, format: ox.RdfFormat) -> Graph:
    """An rdflib ``Graph`` of RDF bytes in ``format`` (the triples of every graph)."""
    graph = Graph()
    for quad in ox.parse(data, format=format):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph
