"""``/sparql``: the SPARQL 1.1 Protocol, query operation only.

In: ``GET ?query=``, ``POST`` form-encoded, ``POST application/sparql-query``; ``default-graph-uri``,
``named-graph-uri``; ``format=`` or ``Accept``. Out: the result in the negotiated format, with an
ETag tied to the store version, ``X-Kgraph-Truncated``/``X-Kgraph-Row-Limit``, or one of the typed
errors (400 malformed/refused query or parameters, 403 update, 406, 415). ``GET /sparql`` without a
query returns the Service Description. The view only maps HTTP onto ``SparqlEngine``. A browser's
``GET`` (``text/html`` preferred, no ``format=``) gets the query editor instead, with the query's
result rendered into it when one is given (``kgraph.web.sparql_page``).

Parameters are decoded here, strictly as UTF-8 (Werkzeug's form parser would replace bad bytes with
U+FFFD and run a different query than the client sent), and repeated ``query`` parameters are refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from flask import Blueprint, Request, Response, request

from kgraph.errors import BadRequest, Forbidden, UnsupportedMediaType
from kgraph.sparql import Result, negotiate
from kgraph.sparql.formats import GRAPH
from kgraph.web.browser import prefers_html
from kgraph.web.engine import knowledge_base
from kgraph.web.sparql_page import editor_page

bp = Blueprint("sparql", __name__)

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


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    protocol = read_protocol_request(request)
    if request.method == "GET" and not protocol.formats and prefers_html(request.headers.get("Accept")):
        return editor_page(protocol.query, protocol.default_graphs, protocol.named_graphs)
    engine = knowledge_base().sparql
    if protocol.query is None:
        return service_description(protocol)
    prepared = engine.prepare(protocol.query, protocol.default_graphs, protocol.named_graphs)
    fmt = negotiate(prepared.kind, request.headers.get("Accept"), protocol.formats)
    etag = engine.etag(fmt.name)
    if is_fresh(etag):
        return not_modified(etag)
    return result_response(engine.run(prepared, fmt), etag)


def service_description(protocol: ProtocolRequest) -> Response:
    engine = knowledge_base().sparql
    fmt = negotiate(GRAPH, request.headers.get("Accept"), protocol.formats)
    etag = engine.etag(f"sd.{fmt.name}")
    if is_fresh(etag):
        return not_modified(etag)
    return Response(engine.service_description(fmt), content_type=fmt.content_type, headers=cache_headers(etag))


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
        return decode_params(req.get_data(cache=True), "the form body")
    if kind == QUERY_BODY:
        charset = req.mimetype_params.get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8", "us-ascii"):
            raise UnsupportedMediaType(f"{QUERY_BODY} bodies must be UTF-8, not {charset}")
        return [("query", _utf8(req.get_data(cache=True), "the query body"))]
    raise UnsupportedMediaType(
        f"POST bodies must be {FORM} or {QUERY_BODY}, not {kind or 'untyped'}",
        details={"accepted": [FORM, QUERY_BODY]},
    )


def decode_params(raw: bytes, where: str) -> list[tuple[str, str]]:
    """``name=value`` pairs of a URL-encoded string, percent-decoded strictly as UTF-8."""
    try:
        return parse_qsl(_utf8(raw, where), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadRequest(f"{where} is not valid UTF-8 once percent-decoded") from None


def _utf8(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(f"{where} is not valid UTF-8 (byte {error.start})") from None


def _values(params: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    return tuple(value for key, value in params if key == name)


def is_fresh(etag: str) -> bool:
    """Whether a GET's ``If-None-Match`` already holds ``etag`` (weak comparison, RFC 9110 §13.1.2)."""
    return request.method in ("GET", "HEAD") and request.if_none_match.contains_weak(etag.strip('"'))


def not_modified(etag: str) -> Response:
    return Response(status=304, headers=cache_headers(etag))


def cache_headers(etag: str) -> dict[str, str]:
    # no-cache: caches may keep the response but must revalidate (cheap: a 304 runs no query).
    return {"ETag": etag, "Cache-Control": "no-cache", "Vary": "Accept"}


def result_response(result: Result, etag: str) -> Response:
    headers = {
        **cache_headers(etag),
        "X-Kgraph-Truncated": "true" if result.truncated else "false",
        "X-Kgraph-Row-Limit": str(result.row_limit),
        "X-Kgraph-Rows": str(result.rows),
    }
    return Response(result.body, content_type=result.content_type, headers=headers)
