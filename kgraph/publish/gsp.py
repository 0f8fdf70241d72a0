"""A client for a SPARQL 1.1 Graph Store HTTP Protocol endpoint (indirect graph identification).

In: the endpoint URL (e.g. Oxigraph server's ``http://host:7878/store``), optional ``user:pass``
for HTTP Basic authentication, a per-request timeout. Out: the bytes of a graph (``get``), or
nothing (``put``, ``post``, ``delete``). Every failure is a ``RemoteStoreError`` (502) — or
``RemoteStoreTimeout`` (504) — naming the method, the graph and the URL; a 401/403 says to check
``--auth``. Bodies are N-Triples. Must not: know what the graphs hold (``layout``) or in which order
they are written (``publisher``).
"""
from __future__ import annotations

import requests

from kgraph.errors import RemoteStoreError, RemoteStoreTimeout

NTRIPLES = "application/n-triples"
DEFAULT_TIMEOUT = 60.0


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    """``user:pass`` as a (user, password) pair; ``BadParameter``-style ``ValueError`` otherwise."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user:
        raise ValueError("expected user:password")
    return user, password


class GraphStore:
    """The graphs of one Graph Store endpoint."""

    def __init__(self, url: str, auth: tuple[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.url = url
        self.timeout = timeout
        self._session = requests.Session()
        self._session.auth = auth

    def get(self, graph: str) -> bytes | None:
        """The graph as N-Triples, or None if the store has no such graph."""
        response = self._send("GET", graph, headers={"Accept": NTRIPLES}, missing_ok=True)
        return None if response.status_code == 404 else response.content

    def put(self, graph: str, body: bytes) -> None:
        """Replace the graph with ``body`` (create it if missing)."""
        self._send("PUT", graph, data=body, headers={"Content-Type": NTRIPLES})

    def post(self, graph: str, body: bytes) -> None:
        """Add ``body``'s triples to the graph."""
        self._send("POST", graph, data=body, headers={"Content-Type": NTRIPLES})

    def delete(self, graph: str) -> None:
        """Remove the graph (a graph already gone is fine)."""
        self._send("DELETE", graph, missing_ok=True)

    def close(self) -> None:
        self._session.close()

    def _send(self, method: str, graph: str, missing_ok: bool = False, **kwargs: object) -> requests.Response:
        what = f"{method} graph <{graph}> at {self.url}"
        try:
            response = self._session.request(method, self.url, params={"graph": graph}, timeout=self.timeout, **kwargs)
        except requests.Timeout:
            raise RemoteStoreTimeout(f"{what}: no answer within {self.timeout:g} s") from None
        except requests.RequestException as error:
            raise RemoteStoreError(f"{what}: cannot reach the store ({type(error).__name__})") from None
        if response.status_code in (401, 403):
            raise RemoteStoreError(f"{what}: refused with {response.status_code}: check --auth")
        if response.status_code >= 400 and not (missing_ok and response.status_code == 404):
            raise RemoteStoreError(f"{what}: answered {response.status_code}: {response.text[:300].strip()}")
        return response
