"""The Flask app: ``create_app(settings)`` builds it; nothing is read at import time.
(Import it as ``kgraph.web.create_app``, e.g. ``granian --factory kgraph.web:create_app``.)

In: ``Settings`` (or the ``KGRAPH_*`` environment when none is given). Out: a WSGI app with the
``/sparql`` and ``/id/<Name>`` blueprints, the search pages (``/``, ``/notes/<path>``) and
``/api/terms``, the probes ``/healthz`` and ``/readyz``, ``/metrics`` (``kgraph.web.metrics``, whose
middleware counts and times every response), templates from ``web/templates`` and
assets from ``web/static`` (found through ``kgraph.data``, served at
``/static``, never from a CDN), the one error handler, the limits of a request's head (``kgraph.web.limits``), CORS for every response (``kgraph.web.cors``;
preflight ``OPTIONS`` is Flask's automatic OPTIONS plus those headers), the security headers and the
generation served (``kgraph.web.headers``), and the ``/sparql`` fast
path wrapped around Flask's dispatch (``kgraph.web.sparql.FastPath``).
The per-process ``KnowledgeBase`` lives in ``app.extensions["kgraph"]``.
"""
from __future__ import annotations

from flask import Flask, Response, request

from kgraph import data
from kgraph.config import Settings
from kgraph.web import api, engine, errors, glossary, health, linked_data, metrics, pages, sparql, terms
from kgraph.web.limits import check_request_head
from kgraph.web.cors import apply_cors
from kgraph.web.headers import apply_common_headers


def create_app(settings: Settings | None = None, test_config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=data.templates_dir(), static_folder=data.static_dir())
    app.config.from_mapping(MAX_CONTENT_LENGTH=sparql.MAX_REQUEST_BYTES)
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
    app.register_blueprint(health.bp)
    app.register_blueprint(metrics.bp)
    app.before_request(metrics.record_route)
    app.before_request(check_head)  # 414/431 before any view
    app.after_request(add_headers)
    kb = app.extensions[engine.EXTENSION]
    # Flask's documented place for WSGI middleware; the metrics see every response, either door's.
    app.wsgi_app = metrics.Middleware(sparql.FastPath(app), lambda: kb.generation)
    return app


def check_head() -> None:
    check_request_head(request.environ)


def add_headers(response: Response) -> Response:
    apply_cors(response.headers, request.method, request.headers)
    apply_common_headers(response.headers, engine.knowledge_base())
    return response
