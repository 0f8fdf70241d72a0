"""``SparqlEngine``: the one object through which kgraph runs SPARQL.

In: a built store version and the settings. Out:
- for the project's own code (answerer, glossary, linked data): ``select`` (rows of rdflib terms),
  ``ask``, ``construct`` (an rdflib ``Graph``), ``describe_concept``, ``stats`` — evaluated in this
  process, trusted query texts; ``**bindings`` become a VALUES row at the top of the WHERE group,
  written by Oxigraph's term serializer (pyoxigraph's ``substitutions`` only accept projected
  variables), so user text is never spliced into a query;
- for the SPARQL protocol: ``prepare`` (safety checks, dataset and row bound, before anything
  runs; the last 1,024 prepared texts are remembered), then ``run`` (in a killable query worker,
  with the time and row limits; in this process, with the row limit, when ``bounded`` proves the
  query cheap — a worker's round trip cost more than such a query's evaluation; or from the
  ``ResultCache`` when the same query already ran on this store version) → ``Result``;
  ``execute`` does both.
Must not: know HTTP (the web layer maps ``Accept`` and parameters onto these calls).

One engine per process and store version; it opens the store read-only on first use, so create it
after the server starts its worker processes (``KnowledgeBase`` does). ``open`` leases the live
generation (``kgraph.store.lease_current``) and ``close`` gives the lease back, so a rebuild never
deletes the files an engine reads.
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kgraph.config import Settings
from kgraph.iri import Iris
from kgraph.sparql import formats, service
from kgraph.sparql.bounded import Fanout, is_in_process, row_bound
from kgraph.sparql.cache import ResultCache
from kgraph.sparql.dataset import Dataset, predeclared_prefixes
from kgraph.sparql.evaluate import Context, Evaluator, Job
from kgraph.sparql.formats import Format
from kgraph.sparql.safety import QueryInfo, inspect_query, with_values
from kgraph.sparql.worker import WorkerPool
from kgraph.locks import Lease
from kgraph.store import StoreVersion, lease_current, to_oxigraph

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PREPARED_QUERIES = 1024  # distinct query texts whose safety checks are remembered
# Only queries holding up to this many bytes (as Python stores the text: 1, 2 or 4 bytes a character)
# are remembered, prepared or with their results: the caches hold the text, and a POSTed query may
# be 1 MiB. Worst case: 1,024 x 16 KiB prepared, whatever the script the query is written in.
REMEMBERED_QUERY_BYTES = 16_384
DEFAULT_QUERY_SLOTS = 4
STAT_NAMES = ("triples", "concepts", "facts", "notes", "passages", "evidence")


@dataclass(frozen=True)
class PreparedQuery:
    """A query that passed the safety checks, with the dataset it will see."""

    text: str
    info: QueryInfo
    dataset: Dataset
    bound: int | None = None  # ``bounded.row_bound``: None when the query is not provably cheap

    @property
    def kind(self) -> str:
        return self.info.kind

    @property
    def in_process(self) -> bool:
        """Cheap enough for the web worker to evaluate, without a query worker (``bounded``)."""
        return is_in_process(self.bound)


@dataclass(frozen=True)
class Result:
    """A serialized protocol result."""

    body: bytes
    format: Format
    form: str
    rows: int
    truncated: bool
    row_limit: int
    cached: bool = False  # served from the ResultCache rather than evaluated for this request
    in_process: bool = False  # evaluated by this process (provably cheap), not by a query worker

    @property
    def content_type(self) -> str:
        return self.format.content_type

    @property
    def size(self) -> int:
        return sys.getsizeof(self.body)


class SparqlEngine:
    def __init__(self, version: StoreVersion, settings: Settings, lease: Lease | None = None) -> None:
        self.version = version
        self._lease = lease
        self.settings = settings
        self.prefixes = predeclared_prefixes(settings.base)
        self.context = Context(str(version.oxigraph_path), settings.base, self.prefixes)
        self.query_slots = DEFAULT_QUERY_SLOTS  # queries evaluating at once; ``warm`` sets it
        self._lock = threading.Lock()
        self.results: ResultCache[Result] = ResultCache(int(settings.result_cache_mb * 1024 * 1024))
        self._prepare = lru_cache(maxsize=PREPARED_QUERIES)(self._check)
        self._descriptions = lru_cache(maxsize=None)(self._describe_service)

    @classmethod
    def open(cls, settings: Settings) -> SparqlEngine:
        """The engine for the live store version, leased (``StoreMissing`` if none was built)."""
        version, lease = lease_current(settings.store)
        return cls(version, settings, lease)

    @cached_property
    def _pool(self) -> WorkerPool:
        return WorkerPool(self.context, self.query_slots)

    @cached_property
    def evaluator(self) -> Evaluator:
        with self._lock:
            return Evaluator.open(self.context)

    @cached_property
    def fanout(self) -> Fanout:
        """The store's largest fan-outs, for the row bounds of protocol queries (``bounded``)."""
        return self.evaluator.fanout()

    @cached_property
    def graphs(self) -> frozenset[str]:
        """Names of the named graphs in the store."""
        return frozenset(g.value for g in self.evaluator.store.named_graphs() if isinstance(g, ox.NamedNode))

    # --- the project's own queries (in-process) -------------------------------------------------

    def select(self, query: str, **bindings: object) -> list[dict[str, Node]]:
        """Rows of a SELECT as {variable: rdflib term}; unbound variables are left out."""
        solutions = self._local(query, bindings)
        names = [v.value for v in solutions.variables]
        return [{n: to_rdflib(t) for n, t in zip(names, row) if t is not None} for row in solutions]

    def ask(self, query: str, **bindings: object) -> bool:
        return bool(self._local(query, bindings))

    def construct(self, query: str, **bindings: object) -> Graph:
        """The triples of a CONSTRUCT or DESCRIBE as an rdflib ``Graph`` with the prefixes bound."""
        return _to_graph(self._local(query, bindings), self.prefixes)

    def describe_concept(self, iri: str) -> list[ox.Triple]:
        """A concept's labels, types, relations in and out and evidence (empty if unknown)."""
        return self.evaluator.describe_concepts([iri])

    def concept_labels(self) -> dict[str, str]:
        """Every concept's key and labels, each mapped to the concept's key (for "did you mean")."""
        return dict(self._concept_labels)

    @cached_property
    def _concept_labels(self) -> dict[str, str]:
        iris = Iris(self.settings.base)
        labels: dict[str, str] = {}
        for row in self.select(CONCEPT_LABELS):
            key = iris.key_of(str(row["c"]))
            if key:
                labels.setdefault(key, key)
                if "label" in row:
                    labels.setdefault(str(row["label"]), key)
        return labels

    def serialize_graph(self, triples: list[ox.Triple], fmt: Format) -> bytes:
        return formats.serialize_triples(triples, fmt, self.prefixes)

    def _local(self, query: str, bindings: dict[str, object]) -> object:
        values = {name: str(to_pyoxigraph(value)) for name, value in bindings.items()}
        return self.evaluator.query(with_values(query, values))

    # --- the SPARQL protocol (checked, limited, in a query worker) -----------------------------

    def prepare(
        self, query: str, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
    ) -> PreparedQuery:
        """Check ``query`` and the graphs a request names; raises before anything is evaluated."""
        check = self._prepare if _rememberable(query) else self._check
        return check(query, tuple(default_graphs), tuple(named_graphs))

    def _check(self, query: str, default_graphs: tuple[str, ...], named_graphs: tuple[str, ...]) -> PreparedQuery:
        info = inspect_query(query, self.prefixes)
        dataset = Dataset.choose(
            self.graphs,
            protocol=(default_graphs, named_graphs),
            query=(info.from_graphs, info.from_named),
        )
        bound = row_bound(query, self.fanout, self.prefixes) if info.form in ("SELECT", "ASK") else None
        return PreparedQuery(query, info, dataset, bound)

    def run(self, prepared: PreparedQuery, fmt: Format) -> Result:
        """Evaluate in a query worker within ``settings.query_timeout`` (else ``QueryTimeout``), or
        answer from the result cache when this query already ran on this store version."""
        limit = self.settings.max_rows
        job = Job(prepared.text, prepared.info.form, fmt.name, limit, prepared.dataset)
        cached = self.results.get(job)
        if cached is not None:
            return replace(cached, cached=True)
        if prepared.in_process:
            outcome = self.evaluator.run(job, within_limit=prepared.bound <= limit)
        else:
            outcome = self._pool.run(job, self.settings.query_timeout)
        result = Result(outcome.body, fmt, prepared.info.form, outcome.rows, outcome.truncated, limit,
                        in_process=prepared.in_process)
        if _rememberable(prepared.text):
            self.results.put(job, result)
        return result

    def execute(
        self,
        query: str,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        accept: str | None = None,
        format: str | None = None,
    ) -> Result:
        """``prepare`` + negotiate (``format`` name wins over ``accept``) + ``run``."""
        prepared = self.prepare(query, default_graphs, named_graphs)
        fmt = formats.negotiate(prepared.kind, accept, [format] if format else [])
        return self.run(prepared, fmt)

    def service_description(self, fmt: Format) -> bytes:
        """The endpoint's SPARQL Service Description (with VoID counts and prefixes) in ``fmt``.

        Made once per format: its blank nodes get fresh labels on every parse, and the bytes must
        not change under one ETag."""
        return self._descriptions(fmt)

    def _describe_service(self, fmt: Format) -> bytes:
        endpoint = f"{self.settings.base}/sparql"
        triples = service.describe_service(endpoint, self.prefixes, self.stats, sorted(self.graphs),
                                           self.version.name)
        return service.serialize(triples, fmt, self.prefixes)

    def etag(self, variant: str) -> str:
        """A strong validator: a response changes only when the store version (or its format) does."""
        return f'"{self.version.name}.{variant}"'

    # --- lifecycle and statistics --------------------------------------------------------------

    def warm(self, query_workers: int = 1) -> None:
        """Open the store and start ``query_workers`` query workers now rather than on first requests
        (one per request the process serves at once: a worker started mid-request costs ~1 s);
        at most that many protocol queries then evaluate at once (``WorkerPool``)."""
        if "_pool" not in self.__dict__:
            self.query_slots = max(1, query_workers)
        _ = self.graphs, self.fanout
        self._pool.warm(query_workers)

    @property
    def query_workers(self) -> int:
        """Query worker processes running for this engine."""
        return self._pool.running

    def close(self) -> None:
        """Stop the query workers and give the generation's lease back."""
        self._pool.close()
        if self._lease is not None:
            self._lease.release()

    @cached_property
    def stats(self) -> dict[str, int]:
        """VoID-style counts: from the build's ``meta.json`` when present, else counted now."""
        recorded = self.version.meta.get("stats") or {}
        return {name: int(recorded[name]) if name in recorded else self._count(name) for name in STAT_NAMES}

    def _count(self, name: str) -> int:
        if name == "triples":
            return len(self.evaluator.store)
        rows = self.select(COUNTS[name].replace("<asserted>", f"<{self.context.graph('asserted')}>"))
        return int(rows[0]["n"])


CONCEPT_LABELS = """SELECT ?c ?label {
  ?c a skos:Concept OPTIONAL { ?c skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label } }"""
COUNTS = {
    "concepts": "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?c a skos:Concept }",
    "facts": "SELECT (COUNT(*) AS ?n) { GRAPH <asserted> { ?s ?p ?o } ?s a skos:Concept . ?o a skos:Concept }",
    "notes": "SELECT (COUNT(DISTINCT ?x) AS ?n) { ?x a kg:Note }",
    "passages": "SELECT (COUNT(DISTINCT ?x) AS ?n) { ?x a kg:Passage }",
    "evidence": "SELECT (COUNT(DISTINCT ?x) AS ?n) { ?x a kg:Evidence }",
}


def _rememberable(query: str) -> bool:
    return sys.getsizeof(query) <= REMEMBERED_QUERY_BYTES


def to_pyoxigraph(value: object) -> object:
    """A binding value as a pyoxigraph term: rdflib terms as they are, Python values as literals."""
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return value
    return to_oxigraph(value if isinstance(value, Node) else Literal(value))


def to_rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r} to rdflib")


def _to_graph(triples: object, prefixes: dict[str, str]) -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace)
    for t in triples:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph
