"""CORS for every response: the service is public and read-only.

In: a response's headers, the request's method and headers. Out: the headers with
``Access-Control-Allow-Origin: *`` (never credentials), the kgraph headers scripts may read, and,
for a preflight ``OPTIONS``, the allowed methods and headers. Used by the Flask app's
``after_request`` and by the ``/sparql`` fast path, so both answer alike.
"""
from __future__ import annotations

from collections.abc import Mapping

from werkzeug.datastructures import Headers

EXPOSED_HEADERS = "ETag, X-Kgraph-Truncated, X-Kgraph-Row-Limit, X-Kgraph-Rows, X-Kgraph-Cache, X-Kgraph-Generation"
PREFLIGHT_MAX_AGE = "86400"
# What every response but a preflight's carries (the /sparql fast path sends these as they are).
SIMPLE_CORS_HEADERS = (("Access-Control-Allow-Origin", "*"), ("Access-Control-Expose-Headers", EXPOSED_HEADERS))


def apply_cors(headers: Headers, method: str, request_headers: Mapping[str, str]) -> None:
    for name, value in SIMPLE_CORS_HEADERS:
        headers[name] = value
    if method == "OPTIONS":
        headers["Access-Control-Allow-Methods"] = headers.get("Allow", "GET, POST, OPTIONS")
        asked = request_headers.get("Access-Control-Request-Headers")
        headers["Access-Control-Allow-Headers"] = asked or "Accept, Content-Type, If-None-Match"
        headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
