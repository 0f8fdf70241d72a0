"""``/id/<Name>``: each concept IRI dereferences to its description.

In: a concept name and ``Accept`` (or ``format=``). Out: the concept's labels, types, relations in
and out, and the evidence of its facts (quote, rule, note and lines) as Turtle, JSON-LD, N-Triples
or RDF/XML; an unknown name is a 404 whose ``close_matches`` suggest concepts. A browser (which
prefers ``text/html``) gets the Turtle as ``text/plain`` until the HTML view (web page issue) lands.
"""
from __future__ import annotations

import difflib

from flask import Blueprint, Response, request

from kgraph.errors import NotFound
from kgraph.iri import Iris
from kgraph.sparql import Format, negotiate
from kgraph.sparql.formats import FORMATS, GRAPH, by_name, parse_accept, quality
from kgraph.web.engine import knowledge_base
from kgraph.web.sparql import cache_headers, is_fresh, not_modified

bp = Blueprint("linked_data", __name__)

PLACEHOLDER_TYPE = "text/plain; charset=utf-8"


@bp.get("/id/<path:name>")
def concept(name: str) -> Response:
    engine = knowledge_base().sparql
    fmt, content_type = choose_format(request.headers.get("Accept"), request.args.getlist("format"))
    variant = fmt.name if content_type == fmt.content_type else "text"
    etag = engine.etag(f"id.{variant}")
    if is_fresh(etag):
        return not_modified(etag)
    iri = str(Iris(engine.settings.base).concept(name))
    triples = engine.describe_concept(iri)
    if not triples:
        raise unknown_concept(name, engine.concept_labels())
    return Response(engine.serialize_graph(triples, fmt), content_type=content_type, headers=cache_headers(etag))


def choose_format(accept: str | None, requested: list[str]) -> tuple[Format, str]:
    """The RDF format and the Content-Type to send it with (text/plain for browsers, for now)."""
    if not requested and accept and _prefers_html(accept):
        return by_name("turtle"), PLACEHOLDER_TYPE
    fmt = negotiate(GRAPH, accept, requested)
    return fmt, fmt.content_type


def _prefers_html(accept: str) -> bool:
    ranges = parse_accept(accept)
    html = quality(ranges, "text/html")
    return html > 0 and all(html > quality(ranges, f.media_type) for f in FORMATS if f.kind == GRAPH)


def unknown_concept(name: str, labels: dict[str, str]) -> NotFound:
    """404 naming up to five concepts whose name or label is close to ``name``."""
    by_text = {text.casefold(): key for text, key in labels.items()}
    close = difflib.get_close_matches(name.casefold(), by_text, n=10, cutoff=0.6)
    keys = list(dict.fromkeys(by_text[text] for text in close))[:5]
    return NotFound(f"no concept named {name!r}", details={"close_matches": keys})
