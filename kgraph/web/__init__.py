"""The Flask app: ``create_app(settings)`` builds it; nothing is read at import time.

In: ``Settings`` (or the ``KGRAPH_*`` environment when none is given). Out: a WSGI app with the
``/sparql`` and ``/id/<Name>`` blueprints, the search pages (``/``, ``/notes/<path>``) and
``/api/terms``, templates from ``web/templates`` and assets from ``web/static`` (served at
``/static``, never from a CDN), the one error handler, and CORS for every response:
``Access-Control-Allow-Origin: *`` and never credentials (the service is public and read-only), with
preflight ``OPTIONS`` answered by Flask's automatic OPTIONS plus the headers added here.
The per-process ``KnowledgeBase`` lives in ``app.extensions["kgraph"]``.
"""
from __future__ import annotations

from flask import Flask, Response, request

from kgraph.config import PROJECT_ROOT, Settings
from kgraph.web import api, engine, errors, glossary, linked_data, pages, sparql, terms

MAX_REQUEST_BYTES = 1 << 20  # a query body larger than 1 MiB is refused with 413
EXPOSED_HEADERS = "ETag, X-Kgraph-Truncated, X-Kgraph-Row-Limit, X-Kgraph-Rows"
WEB = PROJECT_ROOT / "web"


def create_app(settings: Settings | None = None, test_config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(WEB / "templates"), static_folder=str(WEB / "static"))
    app.config.from_mapping(MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES)
    if test_config:
        app.config.update(test_config)
    engine.init_app(app, settings or Settings.from_env())
    errors.init_app(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(linked_data.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(terms.bp)
    app.register_blueprint(glossary.bp)
    app.after_request(add_cors_headers)
    return app


def add_cors_headers(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "GET, POST, OPTIONS")
        asked = request.headers.get("Access-Control-Request-Headers")
        response.headers["Access-Control-Allow-Headers"] = asked or "Accept, Content-Type, If-None-Match"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response
