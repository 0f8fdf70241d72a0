"""``/id/<Name>``: each concept IRI dereferences to its description.

In: a concept name and ``Accept`` (or ``format=``). Out: the concept's labels, types, relations in
and out, and the evidence of its facts (quote, rule, note and lines) as Turtle, JSON-LD, N-Triples
or RDF/XML; an unknown name is a 404 whose ``close_matches`` suggest concepts. A browser (which
prefers ``text/html`` and names no ``format=``) gets the concept page: ``concept_view`` reads it,
``diagram`` draws its neighbourhood, ``web/templates/concept.html`` lays it out.
"""
from __future__ import annotations

import difflib

from flask import Blueprint, Response, render_template, request

from kgraph.errors import NotFound
from kgraph.iri import Iris
from kgraph.sparql import Format, negotiate
from kgraph.sparql.formats import FORMATS, GRAPH
from kgraph.web.browser import prefers_html
from kgraph.web.concept_view import concept_view, diagram_input
from kgraph.web.diagram import neighbourhood_svg
from kgraph.web.engine import knowledge_base
from kgraph.web.sparql import cache_headers, is_fresh, not_modified

bp = Blueprint("linked_data", __name__)

HTML_TYPE = "text/html; charset=utf-8"


@bp.get("/id/<path:name>")
def concept(name: str) -> Response:
    engine = knowledge_base().sparql
    fmt = choose_format(request.headers.get("Accept"), request.args.getlist("format"))
    etag = engine.etag(f"id.{fmt.name if fmt else 'html'}")
    if is_fresh(request, etag):
        return not_modified(etag)
    iri = str(Iris(engine.settings.base).concept(name))
    if fmt is None:
        return concept_page(name, iri, etag)
    triples = engine.describe_concept(iri)
    if not triples:
        raise unknown_concept(name, engine.concept_labels())
    return Response(engine.serialize_graph(triples, fmt), content_type=fmt.content_type, headers=cache_headers(etag))


def concept_page(name: str, iri: str, etag: str) -> Response:
    engine = knowledge_base().sparql
    view = concept_view(engine, iri)
    if view is None:
        raise unknown_concept(name, engine.concept_labels())
    page = render_template("concept.html", view=view, diagram=neighbourhood_svg(*diagram_input(view)))
    return Response(page, content_type=HTML_TYPE, headers=cache_headers(etag))


def choose_format(accept: str | None, requested: list[str]) -> Format | None:
    """The RDF format asked for, or ``None`` when a browser asks for the page."""
    if not requested and prefers_html(accept, tuple(f.media_type for f in FORMATS if f.kind == GRAPH)):
        return None
    return negotiate(GRAPH, accept, requested)


def unknown_concept(name: str, labels: dict[str, str]) -> NotFound:
    """404 naming up to five concepts whose name or label is close to ``name``."""
    by_text = {text.casefold(): key for text, key in labels.items()}
    close = difflib.get_close_matches(name.casefold(), by_text, n=10, cutoff=0.6)
    keys = list(dict.fromkeys(by_text[text] for text in close))[:5]
    return NotFound(f"no concept named {name!r}", details={"close_matches": keys})
