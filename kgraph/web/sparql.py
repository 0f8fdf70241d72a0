"""``/sparql``: the SPARQL 1.1 Protocol, query operation only.

In: ``GET ?query=``, ``POST`` form-encoded, ``POST application/sparql-query``; ``default-graph-uri``,
``named-graph-uri``; ``format=`` or ``Accept``. Out: the result in the negotiated format, with an
ETag tied to the store version, ``X-Kgraph-Truncated``/``X-Kgraph-Row-Limit``/``X-Kgraph-Cache``, or
one of the typed errors (400 malformed/refused query or parameters, 403 update, 406, 413, 415; 414 and
431 for a head over ``kgraph.web.limits``).
``GET /sparql`` without a query returns the Service Description. A browser's ``GET`` (``text/html``
preferred, no ``format=``) gets the query editor instead, with the query's result rendered into it
when one is given (``kgraph.web.sparql_page``). The views only map HTTP onto ``SparqlEngine``.

Two doors, one protocol. ``FastPath`` is WSGI middleware (installed by ``create_app``) that answers
protocol ``GET``/``POST`` requests with Werkzeug's request and response objects and no Flask
dispatch: Flask's per-request work (contexts, URL matching, sessions, hooks) cost more than
evaluating a one-hop query (measured in ``bench/sparql_http.py``). Both doors call the same
``read_protocol_request`` and ``answer``; errors on the fast path are rendered by the app's one error
handler; the Flask view serves the editor page, ``HEAD`` and ``OPTIONS``. A query's result leaves the
fast path as a plain WSGI header list (``result_headers`` plus the CORS and security headers every
response carries): building and checking Werkzeug's ``Response`` and ``Headers`` for it cost about a
tenth of a cold query's time in the web worker (profiled).

Parameters are decoded here, strictly as UTF-8 (Werkzeug's form parser would replace bad bytes with
U+FFFD and run a different query than the client sent), and repeated ``query`` parameters are refused.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl

from flask import Blueprint, Flask, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wrappers import Request, Response

from kgraph.errors import BadRequest, Forbidden, KgraphError, UnsupportedMediaType
from kgraph.sparql import Result, SparqlEngine, negotiate
from kgraph.sparql.formats import GRAPH
from kgraph.web.browser import prefers_html
from kgraph.web.cors import SIMPLE_CORS_HEADERS, apply_cors
from kgraph.web.engine import EXTENSION, knowledge_base
from kgraph.web.headers import GENERATION, SECURITY_HEADERS, apply_common_headers
from kgraph.web.limits import check_request_head
from kgraph.web.metrics import ROUTE_KEY, note_result
from kgraph.web.sparql_page import editor_page

bp = Blueprint("sparql", __name__)

PATH = "/sparql"
MAX_REQUEST_BYTES = 1 << 20  # a query body larger than 1 MiB is refused with 413
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"


@dataclass(frozen=True)
class ProtocolRequest:
    query: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()


@bp.route(PATH, methods=["GET", "POST"])
def sparql() -> Response:
    """The editor page for browsers; otherwise the protocol (``FastPath`` answers most of it first)."""
    protocol = read_protocol_request(request)
    if wants_editor(request, protocol):
        return editor_page(protocol.query, protocol.default_graphs, protocol.named_graphs)
    return answer(knowledge_base().sparql, request, protocol)


def wants_editor(req: Request, protocol: ProtocolRequest) -> bool:
    """A browser navigating to ``/sparql`` (``text/html`` preferred, no ``format=``) gets the editor."""
    return req.method == "GET" and not protocol.formats and prefers_html(req.headers.get("Accept"))


@dataclass(frozen=True)
class Answered:
    """A query's result, ready to send: what ``answer_protocol`` gives when a query was answered."""

    result: Result
    etag: str
    generation: str  # the generation the engine that answered serves


def answer(engine: SparqlEngine, req: Request, protocol: ProtocolRequest) -> Response:
    """The protocol response: the result, the Service Description or a 304; raises typed errors."""
    return as_response(answer_protocol(engine, req, protocol), engine)


def as_response(found: Response | Answered, engine: SparqlEngine) -> Response:
    if isinstance(found, Answered):
        return Response(found.result.body, headers=result_headers(found))
    found.headers[GENERATION] = engine.version.name  # the one this answer came from
    return found


def answer_protocol(engine: SparqlEngine, req: Request, protocol: ProtocolRequest) -> Response | Answered:
    """``Answered`` for a query run (or from the cache), else the Service Description or a 304."""
    if protocol.query is None:
        return service_description(engine, req, protocol)
    prepared = engine.prepare(protocol.query, protocol.default_graphs, protocol.named_graphs)
    fmt = negotiate(prepared.kind, req.headers.get("Accept"), protocol.formats)
    etag = engine.etag(fmt.name)
    if is_fresh(req, etag):
        return not_modified(etag)
    result = engine.run(prepared, fmt)
    note_result(result.cached)
    return Answered(result, etag, engine.version.name)


def service_description(engine: SparqlEngine, req: Request, protocol: ProtocolRequest) -> Response:
    fmt = negotiate(GRAPH, req.headers.get("Accept"), protocol.formats)
    etag = engine.etag(f"sd.{fmt.name}")
    if is_fresh(req, etag):
        return not_modified(etag)
    return Response(engine.service_description(fmt), content_type=fmt.content_type, headers=cache_headers(etag))


class ProtocolHttpRequest(Request):
    """The fast path's request: Werkzeug's, with the same body limit the app sets for Flask."""

    max_content_length = MAX_REQUEST_BYTES


class FastPath:
    """WSGI middleware answering protocol requests to ``/sparql`` before Flask dispatches.

    In: the Flask app (its ``wsgi_app`` is what this wraps). Out: the protocol response for
    ``GET``/``POST /sparql`` from a client that is not a browser asking for the editor; every other
    request goes on to Flask unchanged.
    """

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.next: Callable[..., Iterable[bytes]] = app.wsgi_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != PATH or environ.get("REQUEST_METHOD") not in ("GET", "POST"):
            return self.next(environ, start_response)
        environ[ROUTE_KEY] = PATH
        req = ProtocolHttpRequest(environ)
        try:
            check_request_head(environ)
            protocol = read_protocol_request(req)
            if wants_editor(req, protocol):  # a GET: no body was read, Flask sees the request intact
                return self.next(environ, start_response)
            engine = self.app.extensions[EXTENSION].sparql
            found = answer_protocol(engine, req, protocol)
            if isinstance(found, Answered):  # the common case, sent without building Werkzeug's Headers
                start_response("200 OK", [*result_headers(found), *SIMPLE_CORS_HEADERS, *SECURITY_HEADERS.items()])
                return [found.result.body]
            response = as_response(found, engine)
        except (KgraphError, HTTPException) as error:
            response = self.render_error(environ, error)
        apply_cors(response.headers, req.method, req.headers)
        apply_common_headers(response.headers, self.app.extensions[EXTENSION])
        return response(environ, start_response)

    def render_error(self, environ: dict, error: Exception) -> Response:
        """The app's one error handler renders ``error``, as it would for the Flask view."""
        with self.app.request_context(environ):
            return self.app.handle_user_exception(error)


def read_protocol_request(req: Request) -> ProtocolRequest:
    """The protocol parameters of ``req``; raises 400/403/415 for what the protocol does not allow."""
    params = decode_params(req.query_string, "the URL query string")
    if req.method == "POST":
        params += _body_params(req)
    names = [name for name, _ in params]
    if "update" in names:
        raise Forbidden(READ_ONLY)
    queries = [value for name, value in params if name == "query"]
    if len(queries) > 1:
        raise BadRequest(f"{len(queries)} query parameters given; send exactly one")
    if req.method == "POST" and not queries:
        raise BadRequest("no query given: send it as the query parameter or an application/sparql-query body")
    return ProtocolRequest(
        query=queries[0] if queries else None,
        default_graphs=_values(params, "default-graph-uri"),
        named_graphs=_values(params, "named-graph-uri"),
        formats=_values(params, "format") + _values(params, "output"),
    )


def _body_params(req: Request) -> list[tuple[str, str]]:
    kind = req.mimetype
    if kind == UPDATE_BODY:
        raise Forbidden(READ_ONLY)
    if kind == FORM:
        return decode_params(read_body(req), "the form body")
    if kind == QUERY_BODY:
        charset = req.mimetype_params.get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8", "us-ascii"):
            raise UnsupportedMediaType(f"{QUERY_BODY} bodies must be UTF-8, not {charset}")
        return [("query", _utf8(read_body(req), "the query body"))]
    raise UnsupportedMediaType(
        f"POST bodies must be {FORM} or {QUERY_BODY}, not {kind or 'untyped'}",
        details={"accepted": [FORM, QUERY_BODY]},
    )


def read_body(req: Request) -> bytes:
    """The whole body, or 413 if it is over ``MAX_REQUEST_BYTES`` — also when it comes chunked, with
    no ``Content-Length`` for Werkzeug to check: its limited stream then just stops at the limit,
    and the query cut there would run."""
    if req.content_length is not None or "wsgi.input_terminated" not in req.environ:
        return req.get_data(cache=True)  # Werkzeug refuses a declared length over the limit
    stream, chunks, held = req.environ["wsgi.input"], [], 0
    while held <= MAX_REQUEST_BYTES and (chunk := stream.read(MAX_REQUEST_BYTES + 1 - held)):
        chunks.append(chunk)
        held += len(chunk)
    if held > MAX_REQUEST_BYTES:
        raise RequestEntityTooLarge(f"the request body is over the limit of {MAX_REQUEST_BYTES} bytes")
    return b"".join(chunks)


REMEMBERED_PARAMS_BYTES = 8192  # longer inputs (form bodies up to 1 MiB) are decoded, not kept


def decode_params(raw: bytes, where: str) -> list[tuple[str, str]]:
    """``name=value`` pairs of a URL-encoded string, percent-decoded strictly as UTF-8."""
    if len(raw) > REMEMBERED_PARAMS_BYTES:
        return list(_parse_params(raw, where))
    return list(_remembered_params(raw, where))


def _parse_params(raw: bytes, where: str) -> tuple[tuple[str, str], ...]:
    try:
        return tuple(parse_qsl(_utf8(raw, where), keep_blank_values=True, encoding="utf-8", errors="strict"))
    except UnicodeDecodeError:
        raise BadRequest(f"{where} is not valid UTF-8 once percent-decoded") from None


# Pure: a popular query's URL is decoded once (~50 µs for a 1 KB query); 1,024 × 8 KiB at most.
_remembered_params = lru_cache(maxsize=1024)(_parse_params)


def _utf8(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(f"{where} is not valid UTF-8 (byte {error.start})") from None


def _values(params: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    return tuple(value for key, value in params if key == name)


def is_fresh(req: Request, etag: str) -> bool:
    """Whether a GET's ``If-None-Match`` already holds ``etag`` (weak comparison, RFC 9110 §13.1.2)."""
    return req.method in ("GET", "HEAD") and req.if_none_match.contains_weak(etag.strip('"'))


def not_modified(etag: str) -> Response:
    return Response(status=304, headers=cache_headers(etag))


def cache_headers(etag: str) -> dict[str, str]:
    # no-cache: caches may keep the response but must revalidate (cheap: a 304 runs no query).
    return {"ETag": etag, "Cache-Control": "no-cache", "Vary": "Accept"}


def result_headers(answered: Answered) -> list[tuple[str, str]]:
    """The headers of a query's result, as the list WSGI takes."""
    result = answered.result
    return [
        ("Content-Type", result.content_type),
        ("Content-Length", str(len(result.body))),
        *cache_headers(answered.etag).items(),
        ("X-Kgraph-Truncated", "true" if result.truncated else "false"),
        ("X-Kgraph-Row-Limit", str(result.row_limit)),
        ("X-Kgraph-Rows", str(result.rows)),
        ("X-Kgraph-Cache", "hit" if result.cached else "miss"),
        (GENERATION, answered.generation),
    ]
