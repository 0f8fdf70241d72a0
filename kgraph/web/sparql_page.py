"""The ``/sparql`` query editor for browsers, and its results rendered on the server.

In: a protocol request that prefers ``text/html`` (see ``kgraph.web.browser``), with or without a
query. Out: the editor page: the query, the predeclared prefixes, example queries, the endpoint URL
for tools, and — when a query was given — its result as a table (SELECT, ASK) or as Turtle
(CONSTRUCT, DESCRIBE), or the error that stopped it, in words. With JavaScript the page runs
queries through the protocol itself (``web/static/sparql.js``); without it the form is a plain GET
to this URL and the table comes from here. Either way the query runs through
``SparqlEngine.prepare``/``run`` — the same checks, time and row limits as any protocol client.
Must not: evaluate anything itself.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote

from flask import Response, render_template, request

from kgraph.errors import KgraphError
from kgraph.sparql import SparqlEngine
from kgraph.sparql.dataset import compact
from kgraph.sparql.formats import RESULTS, by_name
from kgraph.web.engine import knowledge_base

MAX_SHOWN_ROWS = 1000  # table rows rendered into the page; the rest are counted


@dataclass(frozen=True)
class Example:
    title: str
    query: str

    @property
    def href(self) -> str:
        return "/sparql?query=" + quote(self.query, safe="")


EXAMPLES = (
    Example("The manages chain: everything a Deployment manages, directly or not", """\
SELECT ?managed ?label WHERE {
  id:Deployment kg:manages+ ?managed .
  OPTIONAL { ?managed skos:prefLabel ?label FILTER(lang(?label) = "en") }
}
ORDER BY ?label"""),
    Example("Facts with the note lines that state them", """\
SELECT ?subject ?relation ?object ?note ?start ?end ?quote WHERE {
  ?e a kg:Evidence ; rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object ;
     kg:startLine ?start ; kg:endLine ?end ; oa:hasSelector/oa:exact ?quote ;
     prov:wasDerivedFrom/dct:isPartOf/kg:path ?note .
  ?object a skos:Concept .
}
ORDER BY ?note ?start
LIMIT 100"""),
    Example("Labels by language", """\
SELECT ?concept ?en ?zh WHERE {
  ?concept a skos:Concept .
  OPTIONAL { ?concept skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?concept skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }
}
ORDER BY ?concept"""),
    Example("A concept as Turtle (CONSTRUCT)", """\
CONSTRUCT { id:Pod ?p ?o } WHERE { id:Pod ?p ?o }"""),
)


@dataclass(frozen=True)
class Cell:
    text: str
    kind: str = ""  # "uri", "literal", "bnode" or "" (unbound)
    lang: str = ""
    href: str = ""


@dataclass(frozen=True)
class Outcome:
    """What one query gave: a table, a boolean, Turtle text, or an error."""

    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()
    total_rows: int = 0
    truncated: bool = False
    boolean: bool | None = None
    turtle: str | None = None
    error: KgraphError | None = None


def editor_page(query: str | None, default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()) -> Response:
    engine = knowledge_base().sparql
    outcome = run_for_page(engine, query, default_graphs, named_graphs) if query else None
    status = outcome.error.status if outcome and outcome.error else 200
    page = render_template(
        "sparql.html", query=query or EXAMPLES[0].query, ran=query is not None, outcome=outcome,
        examples=EXAMPLES, prefixes=engine.prefixes, endpoint=request.host_url + "sparql",
        base=engine.settings.base,
    )
    return Response(page, status=status, content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})


def run_for_page(engine: SparqlEngine, query: str, default_graphs: tuple[str, ...], named_graphs: tuple[str, ...]) -> Outcome:
    try:
        prepared = engine.prepare(query, default_graphs, named_graphs)
        fmt = by_name("json" if prepared.kind == RESULTS else "turtle")
        result = engine.run(prepared, fmt)
    except KgraphError as error:  # shown on the page, with the status it carries
        return Outcome(error=error)
    if prepared.kind != RESULTS:
        return Outcome(turtle=result.body.decode("utf-8"), truncated=result.truncated)
    return table(json.loads(result.body), engine, result.truncated)


def table(data: dict, engine: SparqlEngine, truncated: bool) -> Outcome:
    if "boolean" in data:
        return Outcome(boolean=bool(data["boolean"]))
    columns = tuple(data["head"]["vars"])
    bindings = data["results"]["bindings"]
    rows = tuple(tuple(cell(b.get(c), engine) for c in columns) for b in bindings[:MAX_SHOWN_ROWS])
    return Outcome(columns=columns, rows=rows, total_rows=len(bindings), truncated=truncated)


def cell(term: dict | None, engine: SparqlEngine) -> Cell:
    """A result term for display: IRIs as prefixed names, linked when they are this service's pages."""
    if term is None:
        return Cell("")
    value = term["value"]
    if term["type"] == "uri":
        return Cell(compact(value, engine.prefixes), "uri", href=local_href(value, engine.settings.base))
    if term["type"] == "bnode":
        return Cell(f"_:{value}", "bnode")
    return Cell(value, "literal", lang=term.get("xml:lang", ""))


def local_href(iri: str, base: str) -> str:
    """The path of a concept or note IRI on this server, "" for any other IRI (never linked away)."""
    for kind in ("/id/", "/notes/"):
        if iri.startswith(base + kind):
            return iri[len(base):]
    return ""
