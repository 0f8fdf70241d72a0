"""Whether a request is a person's browser asking for a page, and the page's language.

In: the request's ``Accept`` header, path and ``format=`` parameters; text shown on a page. Out:
``prefers_html`` / ``wants_page`` (the same URL serves RDF or JSON to tools and HTML to browsers)
and ``tag_lang`` / ``text_lang`` (the BCP 47 tag for an HTML ``lang`` attribute).
Must not: render anything.

A browser's navigation sends ``text/html,…,*/*;q=0.8``; ``fetch()`` sends ``*/*``. HTML is chosen
only when ``text/html`` is strictly preferred over every other type the URL can serve, so scripts,
curl and SPARQL clients keep getting data.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from flask import has_request_context, request

from kgraph.sparql.formats import FORMATS, parse_accept, quality
from kgraph.text import detect_lang

HTML = "text/html"
DATA_TYPES = ("application/json", *(f.media_type for f in FORMATS))
HTML_LANGS = {"zh": "zh-CN", "en": "en"}


@lru_cache(maxsize=256)  # pure; clients send the same few Accept headers over and over
def prefers_html(accept: str | None, others: Iterable[str] = DATA_TYPES) -> bool:
    """True when ``accept`` ranks ``text/html`` above each of ``others`` (a hashable collection)."""
    if not accept:
        return False
    ranges = parse_accept(accept)
    html = quality(ranges, HTML)
    return html > 0 and all(html > quality(ranges, other) for other in others)


def wants_page() -> bool:
    """True for a browser navigating to a non-API URL without asking for a ``format=``."""
    if not has_request_context() or request.path.startswith("/api/"):
        return False
    if request.args.getlist("format") or request.args.getlist("output"):
        return False
    return prefers_html(request.headers.get("Accept"))


def tag_lang(tag: str) -> str:
    """The HTML ``lang`` for an RDF language tag: ``zh`` → ``zh-CN``, ``en`` → ``en``, others as they are."""
    return HTML_LANGS.get(tag.lower(), tag)


def text_lang(text: str) -> str:
    """The HTML ``lang`` of a text: ``zh-CN`` when it is mostly Chinese, else ``en``."""
    return HTML_LANGS[detect_lang(text)]
