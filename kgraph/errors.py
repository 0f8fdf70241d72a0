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


class BuildFailed(KgraphError):
    """The build could not produce a valid store; the previous store is left in place."""

    code = "build_failed"


class ValidationFailed(BuildFailed):
    """SHACL validation found violations; ``report`` lists them as ``file:line: message``."""

    code = "validation_failed"

    def __init__(self, message: str, report: list[str]) -> None:
        super().__init__(message, details={"violations": report})
        self.report = report


class OntologyError(KgraphError):
    """The ontology, lexicon or pattern files are malformed (names the file)."""

    code = "ontology_error"
