"""Typed errors raised by domain code; each carries the HTTP status the web edge answers with.

In: a message (naming the file, line or parameter at fault). Out: exceptions. Only the edges
(``kgraph.web``, ``kgraph.cli``) turn these into responses or exit codes; anything that is not a
``KgraphError`` is a bug and becomes a 500, never a 400.
"""
from __future__ import annotations


class KgraphError(Exception):
    """Base class: ``status`` is the HTTP status, ``code`` a stable machine-readable name."""

    status = 500
    code = "error"
    headers: dict[str, str] = {}  # HTTP headers the response must carry (e.g. Retry-After)

    def __init__(self, message: str, *, details: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def to_dict(self) -> dict:
        return {"error": self.code, "status": self.status, "message": self.message, **self.details}


class BadRequest(KgraphError):
    status = 400
    code = "bad_request"


class NotFound(KgraphError):
    status = 404
    code = "not_found"


class StoreMissing(KgraphError):
    """No built store where one was expected: run ``kgraph build`` first."""

    status = 503
    code = "store_missing"


class StoreIncompatible(StoreMissing):
    """The store was written in a format this kgraph does not read: rebuild it (names both versions)."""

    code = "store_incompatible"


class StoreCorrupt(KgraphError):
    """The live generation's files are damaged (truncated, unreadable): it must be built again."""

    status = 503
    code = "store_corrupt"


class BuildFailed(KgraphError):
    """The build could not produce a valid store; the previous store is left in place."""

    code = "build_failed"


class StoreBusy(BuildFailed):
    """Another build held the store's build lock for longer than this one would wait."""

    code = "store_busy"


class ValidationFailed(BuildFailed):
    """SHACL validation found violations; ``report`` lists them as ``file:line: message``."""

    code = "validation_failed"

    def __init__(self, message: str, report: list[str]) -> None:
        super().__init__(message, details={"violations": report})
        self.report = report


class OntologyError(KgraphError):
    """The ontology, lexicon or pattern files are malformed (names the file)."""

    code = "ontology_error"


class Forbidden(KgraphError):
    """The request asks for something this service never does (e.g. SPARQL Update)."""

    status = 403
    code = "forbidden"


class NotAcceptable(KgraphError):
    """No representation satisfies the request's ``Accept``; ``details["available"]`` lists them."""

    status = 406
    code = "not_acceptable"


class UnsupportedMediaType(KgraphError):
    status = 415
    code = "unsupported_media_type"


class UriTooLong(KgraphError):
    """The request's URI (path and query string) is over the server's limit."""

    status = 414
    code = "uri_too_long"


class HeadersTooLarge(KgraphError):
    """The request has more header fields, or more header bytes, than the server accepts."""

    status = 431
    code = "headers_too_large"


class QuerySyntaxError(BadRequest):
    """The SPARQL parser rejected the query; details carry its ``line`` and ``column``."""

    code = "query_syntax"


class QueryNotAllowed(BadRequest):
    """A well-formed query this endpoint refuses to run (SERVICE, updates, unknown FROM graphs)."""

    code = "query_not_allowed"


class QueryTimeout(KgraphError):
    """The query ran past the configured time limit and was stopped."""

    status = 503
    code = "query_timeout"


class QueryBusy(KgraphError):
    """Every query worker of this server process is busy (e.g. with long queries): try again soon."""

    status = 503
    code = "query_busy"
    headers = {"Retry-After": "1"}


class QueryAborted(KgraphError):
    """The process evaluating the query died (e.g. out of memory); the query was not answered."""

    status = 503
    code = "query_aborted"


class CannotListen(KgraphError):
    """The address a server was asked to listen on is taken (another server is there)."""

    code = "cannot_listen"


class RemoteStoreError(KgraphError):
    """A remote SPARQL / Graph Store endpoint could not be reached or refused a request (names the URL)."""

    status = 502
    code = "remote_store_unavailable"


class RemoteStoreTimeout(RemoteStoreError):
    """A remote SPARQL / Graph Store endpoint did not answer in time (names the URL)."""

    status = 504
    code = "remote_store_timeout"
