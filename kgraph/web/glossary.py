"""``/glossary``: the glossary page — an A–Z / 拼音 index, a filter, a language toggle, the entries.

In: ``GET /glossary?lang=both|en|zh&q=TEXT`` (``lang`` defaults to ``both``, anything else is a
400; ``q`` filters on the server, so the page works without JavaScript). Out:
``web/templates/glossary.html`` over the glossary's entries grouped by letter
(``kgraph.glossary.index``): each entry's term links to its ``/id/<Key>`` page, each definition
ends in a compact citation (``workloads.md L9``) linking to the cited lines, then its aliases and
related terms. ``web/static/glossary.js`` filters the same entries as the user types, without a
reload, by the same folded text (``data-search``). The ETag follows the store version, the
language and the filter; the loaded glossary is kept per store version and language in
``app.extensions``. Must not: build entries or choose definitions (the glossary package does).
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request

from kgraph.glossary import LANGS, Glossary, GlossaryOptions, load_glossary
from kgraph.glossary.index import LETTERS, filter_glossary, letter_groups, search_text
from kgraph.glossary.text import by_relation, one_line, words
from kgraph.web.engine import knowledge_base
from kgraph.web.sparql import cache_headers, is_fresh, not_modified

bp = Blueprint("glossary", __name__)

CACHE_EXTENSION = "kgraph.glossary"
PAGE_LANG = {"both": "en", "en": "en", "zh": "zh-CN"}
MAX_QUERY = 200  # characters of ?q= kept


@bp.get("/glossary")
def glossary_page() -> Response:
    options = GlossaryOptions(lang=request.args.get("lang", "both"))  # BadRequest for an unknown one
    query = request.args.get("q", "")[:MAX_QUERY]
    engine = knowledge_base().sparql
    etag = engine.etag(f"glossary.{options.lang}.{query.encode('utf-8').hex()}")
    if is_fresh(request, etag):
        return not_modified(etag)
    everything = _glossary(engine, options)
    shown = filter_glossary(everything, query)
    body = render_template("glossary.html", page_lang=PAGE_LANG[options.lang], w=words(options.lang),
                           groups=letter_groups(shown), letters=LETTERS, lang=options.lang, langs=LANGS,
                           query=query, shown=len(shown.entries), total=len(everything.entries),
                           search_text=search_text, by_relation=by_relation, one_line=one_line)
    return Response(body, content_type="text/html; charset=utf-8", headers=cache_headers(etag))


def _glossary(engine, options: GlossaryOptions) -> Glossary:
    cache = current_app.extensions.setdefault(CACHE_EXTENSION, {})
    key = (engine.version.name, options)
    if key not in cache:
        for old in [k for k in cache if k[0] != engine.version.name]:  # keep the live version's only
            del cache[old]
        cache[key] = load_glossary(engine, options)
    return cache[key]
