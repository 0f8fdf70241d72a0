"""kgraph.web.limits: an over-long URI (414) or header block (431) gets the one error shape — JSON, or
the error page for a browser — on both doors, in-process and from a live server (whose HTTP layer
would otherwise answer them itself with an empty body)."""
from __future__ import annotations

import json
import socket
import urllib.parse

import pytest

from kgraph.web.limits import MAX_HEADER_BYTES, MAX_HEADER_FIELDS, MAX_URI_BYTES

LONG_QUERY = "ASK {} #" + "x" * MAX_URI_BYTES
MANY_FIELDS = {f"X-Field-{n}": "1" for n in range(MAX_HEADER_FIELDS + 1)}
BIG_FIELD = {"X-Big": "y" * (MAX_HEADER_BYTES + 1)}


@pytest.mark.parametrize("path", ["/sparql", "/healthz", "/api/search"])
def test_long_uri_is_414_json(client, path: str) -> None:
    response = client.get(path, query_string={"query": LONG_QUERY, "q": "x"})
    assert response.status_code == 414
    body = response.get_json()
    assert body["error"] == "uri_too_long" and body["status"] == 414 and body["limit_bytes"] == MAX_URI_BYTES
    assert "POST" in body["message"]


@pytest.mark.parametrize("headers", [MANY_FIELDS, BIG_FIELD], ids=["many", "big"])
@pytest.mark.parametrize("path", ["/sparql?query=ASK%7B%7D", "/"])
def test_big_header_block_is_431_json(client, path: str, headers: dict) -> None:
    response = client.get(path, headers=headers)
    assert response.status_code == 431
    assert response.get_json()["error"] == "headers_too_large"


def test_a_browser_gets_the_error_page(client) -> None:
    response = client.get("/", query_string={"q": LONG_QUERY}, headers={"Accept": "text/html"})
    assert response.status_code == 414 and response.content_type.startswith("text/html")
    assert "uri too long" in response.get_data(as_text=True)


def test_within_the_limits_nothing_changes(client) -> None:
    response = client.get("/sparql", query_string={"query": "ASK {} #" + "x" * (MAX_URI_BYTES // 2)},
                          headers={f"X-Field-{n}": "1" for n in range(MAX_HEADER_FIELDS // 2)})
    assert response.status_code == 200


def raw_exchange(url: str, head: bytes) -> tuple[int, dict[str, str], bytes]:
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(head)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    top, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = top.decode("latin-1").split("\r\n")
    headers = {name.lower(): value for name, value in (line.split(": ", 1) for line in lines)}
    return int(status_line.split()[1]), headers, body


def request_head(path: str, fields: dict[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: localhost", "Connection: close",
             *(f"{name}: {value}" for name, value in fields.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def test_live_server_answers_414_with_the_json_body(live_server: str) -> None:
    path = "/sparql?" + urllib.parse.urlencode({"query": LONG_QUERY})
    status, headers, body = raw_exchange(live_server, request_head(path, {}))
    assert status == 414 and headers["content-type"].startswith("application/json")
    assert json.loads(body)["error"] == "uri_too_long"


@pytest.mark.parametrize("fields", [MANY_FIELDS, BIG_FIELD], ids=["many", "big"])
def test_live_server_answers_431_with_the_json_body(live_server: str, fields: dict) -> None:
    status, headers, body = raw_exchange(live_server, request_head("/healthz", fields))
    assert status == 431 and headers["content-type"].startswith("application/json")
    assert json.loads(body)["error"] == "headers_too_large"
    assert headers["x-content-type-options"] == "nosniff"  # the common headers, as on every response
