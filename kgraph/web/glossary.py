"""``/glossary``: the glossary as an HTML page inside the site's layout.

In: ``GET /glossary?lang=both|en|zh`` (default ``both``; anything else is a 400). Out:
``web/templates/glossary.html`` around ``kgraph.glossary``'s HTML fragment — the same entries as
``kgraph glossary --format html``: each term links to its ``/id/<Key>`` page, each definition to
its cited lines ``/notes/<path>#L<a>-L<b>``. The ETag follows the store version, so a reload after
no rebuild is a 304 that runs no query. The built glossary is kept per store version and language
in ``app.extensions``. Must not: build entries or escape text itself (the glossary package does).
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request

from kgraph.glossary import LANGS, GlossaryOptions, html_fragment, load_glossary
from kgraph.glossary.text import words
from kgraph.web.engine import knowledge_base
from kgraph.web.sparql import cache_headers, is_fresh, not_modified

bp = Blueprint("glossary", __name__)

CACHE_EXTENSION = "kgraph.glossary"
PAGE_LANG = {"both": "en", "en": "en", "zh": "zh-CN"}


@bp.get("/glossary")
def glossary_page() -> Response:
    options = GlossaryOptions(lang=request.args.get("lang", "both"))  # BadRequest for an unknown one
    engine = knowledge_base().sparql
    etag = engine.etag(f"glossary.{options.lang}")
    if is_fresh(request, etag):
        return not_modified(etag)
    body = render_template("glossary.html", page_lang=PAGE_LANG[options.lang], title=words(options.lang).title,
                           glossary=_fragment(engine, options), lang=options.lang, langs=LANGS)
    return Response(body, content_type="text/html; charset=utf-8", headers=cache_headers(etag))


def _fragment(engine, options: GlossaryOptions):
    cache = current_app.extensions.setdefault(CACHE_EXTENSION, {})
    key = (engine.version.name, options)
    if key not in cache:
        for old in [k for k in cache if k[0] != engine.version.name]:  # keep the live version's only
            del cache[old]
        cache[key] = html_fragment(load_glossary(engine, options))
    return cache[key]
