"""The one place errors become HTTP responses.

In: a ``KgraphError`` (domain code; it carries its status) or a Werkzeug ``HTTPException`` (routing:
404 for an unknown URL, 405 for a wrong method, 500 for a bug). Out: a JSON response of one shape,
``{"error": code, "status": n, "message": text, …details}``, with the exception's headers (e.g.
``Allow`` on 405). A browser navigating to a page (``browser.wants_page``: ``text/html`` preferred,
not under ``/api/``) gets the same payload as an HTML page (``web/templates/error.html``), which
links the ``close_matches`` a 404 suggests. Each error's code is counted for ``/metrics``.
Must not: turn an unexpected exception into a 4xx.
"""
from __future__ import annotations

import re

from flask import Flask, Response, json, render_template
from werkzeug.exceptions import HTTPException

from kgraph.errors import KgraphError
from kgraph.web.browser import wants_page
from kgraph.web.metrics import note_error

JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"


def init_app(app: Flask) -> None:
    app.register_error_handler(KgraphError, render_kgraph_error)
    app.register_error_handler(HTTPException, render_http_exception)


def render_kgraph_error(error: KgraphError) -> Response:
    return error_response(error.to_dict(), list(error.headers.items()))


def render_http_exception(error: HTTPException) -> Response:
    code = re.sub(r"(?<!^)(?=[A-Z])", "_", type(error).__name__).lower()
    payload = {"error": code, "status": error.code or 500, "message": error.description or error.name}
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return error_response(payload, headers)


def error_response(payload: dict, headers: list[tuple[str, str]] | None = None) -> Response:
    note_error(payload["error"])
    if wants_page():
        page = render_template("error.html", error=payload)
        return Response(page, status=payload["status"], headers=headers, content_type=HTML_TYPE)
    body = json.dumps(payload, ensure_ascii=False, indent=None) + "\n"
    return Response(body, status=payload["status"], headers=headers, content_type=JSON_TYPE)
