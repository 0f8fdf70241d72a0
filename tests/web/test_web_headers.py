"""kgraph.web.headers: every response, on either door and for errors too, carries the security
headers and names the generation it was served from."""
from __future__ import annotations

import pytest

from kgraph.web.headers import CONTENT_SECURITY_POLICY

PATHS = [
    "/",  # a page
    "/sparql?query=ASK%20%7B%7D",  # the fast path
    "/sparql",  # the service description
    "/sparql?query=SELECT",  # a fast-path error
    "/api/search?q=Pod",
    "/no/such/page",  # a routing 404
]


@pytest.mark.parametrize("path", PATHS)
def test_security_headers_on_every_response(client, path: str) -> None:
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY and "default-src 'self'" in CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_generation_served_is_named(client, settings) -> None:
    from kgraph.store import current_version

    name = current_version(settings.store).name
    for path in ("/sparql?query=ASK%20%7B%7D", "/sparql", "/"):
        assert client.get(path).headers["X-Kgraph-Generation"] == name
    assert f'owl:versionInfo "{name}"' in client.get("/sparql").get_data(as_text=True)
