"""The size limits of a request's head: its URI and its header fields, checked before anything else.

In: a WSGI ``environ``. Out: nothing, or ``UriTooLong`` (414) / ``HeadersTooLarge`` (431), which the
one error handler renders as every other error (JSON, or the error page for a browser). Called by
the Flask app's first ``before_request`` and by the ``/sparql`` fast path, so both doors refuse alike.

Why limits of our own. Granian's HTTP layer (hyper) refuses a URI of 65,534 bytes or more (414), a
request with more than 100 header fields or a head over its read buffer (431) itself, with an empty
body and no way for the app to render it (hyper's limits are compiled in; Granian exposes only the
buffer size). The limits here are below those, so a client that sends a long ``GET`` query or a
bloated header block is told what is wrong, and what to do, in the project's error shape; only a
head beyond hyper's own limits still gets hyper's empty answer.
"""
from __future__ import annotations

from kgraph.errors import HeadersTooLarge, UriTooLong

MAX_URI_BYTES = 32_768  # path and query string; a longer query goes in a POST body (up to 1 MiB)
MAX_HEADER_FIELDS = 64  # hyper refuses more than 100 itself
MAX_HEADER_BYTES = 32_768  # names and values together


def check_request_head(environ: dict) -> None:
    """Raise ``UriTooLong`` or ``HeadersTooLarge`` when the request's head is over a limit."""
    uri = len(environ.get("PATH_INFO", "")) + len(environ.get("QUERY_STRING", "")) + 1
    if uri > MAX_URI_BYTES:
        raise UriTooLong(f"the request URI is {uri} bytes, over the limit of {MAX_URI_BYTES}: "
                         "send a long SPARQL query with POST (up to 1 MiB)",
                         details={"limit_bytes": MAX_URI_BYTES})
    fields = held = 0
    for name, value in environ.items():
        if name.startswith("HTTP_") or name in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            fields += 1
            held += len(name) + len(value) if isinstance(value, str) else len(name)
    if fields > MAX_HEADER_FIELDS or held > MAX_HEADER_BYTES:
        raise HeadersTooLarge(f"the request has {fields} header fields of {held} bytes, over the limit of "
                              f"{MAX_HEADER_FIELDS} fields or {MAX_HEADER_BYTES} bytes",
                              details={"limit_fields": MAX_HEADER_FIELDS, "limit_bytes": MAX_HEADER_BYTES})
