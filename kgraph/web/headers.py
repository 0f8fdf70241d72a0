"""Headers every response carries: the security policy and the store generation served.

In: a response's headers and the app's ``KnowledgeBase``. Out: the headers with
``Content-Security-Policy`` (scripts, styles, fetches and images from this origin only, no plugins,
never framed), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy``, and ``X-Kgraph-Generation``
naming the generation being served (once a store is open; a SPARQL response already names the one
its engine answered from, which this keeps). Used by the Flask app's ``after_request`` and by the
``/sparql`` fast path, so both answer alike.
"""
from __future__ import annotations

from werkzeug.datastructures import Headers

from kgraph.kb import KnowledgeBase

GENERATION = "X-Kgraph-Generation"
# The pages load their scripts and stylesheet from /static and fetch only this service; notes are
# rendered with every tag escaped, so nothing inline needs allowing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def apply_common_headers(headers: Headers, kb: KnowledgeBase) -> None:
    for name, value in SECURITY_HEADERS.items():
        headers.setdefault(name, value)
    generation = kb.generation
    if generation is not None:
        headers.setdefault(GENERATION, generation)
