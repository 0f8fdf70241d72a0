"""``kgraph publish`` against Oxigraph's real server: the layout, what a republish sends, and a
server killed mid-publish (the previous dataset stays in force, the next publish completes);
HTTP Basic credentials against a small loopback Graph Store that requires them."""
from __future__ import annotations

import base64
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kgraph.build import build
from kgraph.cli import main
from kgraph.config import Settings
from kgraph.errors import RemoteStoreError
from kgraph.publish import live_manifest, publish
from kgraph.publish.gsp import GraphStore
from kgraph.publish.layout import DCT_HAS_PART, Layout, canonical_ntriples
from kgraph.store import current_version, open_oxigraph
from oxigraph_server import OxigraphServer

BASE = "http://localhost:8000"
LAYOUT = Layout(BASE)


@pytest.fixture
def notes(tmp_path, small_corpus) -> Path:
    target = tmp_path / "notes"
    shutil.copytree(small_corpus, target)
    return target


@pytest.fixture
def settings(notes, tmp_path) -> Settings:
    return Settings(corpus=notes, store=tmp_path / "store", jobs=1)


@pytest.fixture
def server(tmp_path):
    server = OxigraphServer(tmp_path / "oxigraph").start()
    yield server
    server.stop()


@pytest.fixture
def remote(server):
    store = GraphStore(server.store_url, timeout=10)
    yield store
    store.close()


def change_one_note(notes: Path) -> None:
    with open(notes / "workloads.md", "a", encoding="utf-8") as handle:
        handle.write("\n补充：这一段是新加的。\n")


def remote_graph(remote: GraphStore, name: str) -> bytes | None:
    body = remote.get(name)
    return None if body is None else canonical_ntriples(body.splitlines(keepends=True))


def assert_live(remote: GraphStore, settings: Settings) -> None:
    """The remote pointer names the local generation, and every data graph holds what the build wrote."""
    version = current_version(settings.store)
    local = LAYOUT.data_graphs(open_oxigraph(version))
    manifest = live_manifest(remote, LAYOUT)
    assert manifest is not None and manifest.generation == version.name
    assert manifest.graphs == {g.name: g.logical for g in local}
    for graph in local:
        assert remote_graph(remote, graph.name) == graph.body, graph.name


def test_layout_one_evidence_graph_per_note(settings):
    build(settings)
    graphs = LAYOUT.data_graphs(open_oxigraph(current_version(settings.store)))
    by_logical = {}
    for g in graphs:
        by_logical.setdefault(g.logical.rsplit("/", 1)[1], []).append(g)
    assert sorted((name, len(items)) for name, items in by_logical.items()) == [
        ("asserted", 1), ("evidence", 2), ("inferred", 1), ("ontology", 1)]
    notes = sorted(t.subject.value for g in by_logical["evidence"]
                   for t in ox.parse(g.body, format=ox.RdfFormat.N_TRIPLES)
                   if t.object == ox.NamedNode(BASE + "/ontology#Note"))
    assert notes == [BASE + "/notes/sub/english.md", BASE + "/notes/workloads.md"]
    # each evidence graph holds one note only: its passages and evidence point at no other note
    for g in by_logical["evidence"]:
        text = g.body.decode()
        assert ((BASE + "/notes/workloads.md") in text) != ((BASE + "/notes/sub/english.md") in text)
    # the same build gives the same names (the ontology's blank nodes are canonicalized)
    assert [g.name for g in LAYOUT.data_graphs(open_oxigraph(current_version(settings.store)))] == [g.name for g in graphs]


def test_publish_then_republish_one_note_changed(settings, notes, remote):
    build(settings)
    first = publish(current_version(settings.store), remote)
    assert (first.previous, len(first.sent), first.removed) == (None, first.graphs, 0)
    assert_live(remote, settings)
    assert publish(current_version(settings.store), remote).sent == ()  # already live: nothing sent

    change_one_note(notes)
    build(settings)
    second = publish(current_version(settings.store), remote)
    assert second.previous == first.generation
    sent = sorted(name.rsplit("/", 2)[1] for name in second.sent)
    assert sent == ["evidence"]  # the changed note's graph only: facts, ontology and the other note unchanged
    assert second.triples_sent < sum(1 for _ in open_oxigraph(current_version(settings.store))) / 2
    assert_live(remote, settings)

    change_one_note(notes)
    build(settings)
    third = publish(current_version(settings.store), remote)
    # the first generation is gone (its manifest and the graph only it used); the second is kept
    assert remote.get(LAYOUT.manifest_name(first.generation)) is None
    assert remote.get(LAYOUT.manifest_name(second.generation)) is not None
    gone = set(first.sent) - set(live_manifest(remote, LAYOUT).graphs) - set(_manifest_graphs(remote, second.generation))
    assert gone and all(remote.get(name) is None for name in gone)
    assert LAYOUT.read_links(remote.get(LAYOUT.generations), DCT_HAS_PART) == sorted([second.generation, third.generation])


def _manifest_graphs(remote: GraphStore, generation: str) -> list[str]:
    return list(LAYOUT.read_manifest(remote.get(LAYOUT.manifest_name(generation))).graphs)


def test_server_killed_mid_publish_leaves_previous_dataset(settings, notes, server, remote):
    build(settings)
    first = publish(current_version(settings.store), remote)
    change_one_note(notes)
    (notes / "third.md").write_text("# Service\n\nService 选择 Pod。\n", encoding="utf-8")
    build(settings)
    second = current_version(settings.store)

    def kill_after_first(_graph) -> None:
        server.kill()

    with pytest.raises(RemoteStoreError, match="cannot reach the store"):
        publish(second, remote, on_sent=kill_after_first)
    server.start()
    manifest = live_manifest(remote, LAYOUT)
    assert manifest is not None and manifest.generation == first.generation
    for name in manifest.graphs:  # every graph of the old generation is whole
        assert remote.get(name) is not None

    done = publish(second, remote)
    assert done.previous == first.generation
    assert_live(remote, settings)
    assert LAYOUT.read_links(remote.get(LAYOUT.generations), DCT_HAS_PART) == sorted([first.generation, second.name])


def test_cli_publish_and_unreachable_store(settings, server):
    build(settings)
    runner = CliRunner()
    ok = runner.invoke(main, ["publish", "--to", server.store_url, "--store", str(settings.store)])
    assert ok.exit_code == 0, ok.output
    generation = current_version(settings.store).name
    assert ok.output.startswith(f"published {generation} to {server.store_url}")
    again = runner.invoke(main, ["publish", "--to", server.store_url, "--store", str(settings.store)])
    assert again.output == f"{generation} is already live at {server.store_url}\n"

    server.stop()
    down = runner.invoke(main, ["publish", "--to", server.store_url, "--store", str(settings.store)])
    assert down.exit_code == 1
    assert f"at {server.store_url}: cannot reach the store" in down.output
    bad = runner.invoke(main, ["publish", "--to", server.store_url, "--auth", "nopassword", "--store", str(settings.store)])
    assert bad.exit_code == 2 and "expected user:password" in bad.output


class _BasicAuthStore(BaseHTTPRequestHandler):
    """A Graph Store endpoint that wants HTTP Basic ``kgraph:secret`` (as Virtuoso's does) and keeps
    the graphs it is sent in memory."""

    graphs: dict[str, bytes] = {}

    def _allowed(self) -> bool:
        expected = "Basic " + base64.b64encode(b"kgraph:secret").decode()
        if self.headers.get("Authorization") == expected:
            return True
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="store"')
        self.send_header("Content-Length", "0")
        self.end_headers()
        return False

    def _graph(self) -> str:
        return parse_qs(urlparse(self.path).query)["graph"][0]

    def _reply(self, status: int, body: bytes = b"") -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's names)
        if self._allowed():
            body = self.graphs.get(self._graph())
            self._reply(404) if body is None else self._reply(200, body)

    def do_PUT(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self._allowed():
            self.graphs[self._graph()] = body
            self._reply(204)

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self._allowed():
            self.graphs[self._graph()] = self.graphs.get(self._graph(), b"") + body
            self._reply(204)

    def do_DELETE(self) -> None:  # noqa: N802
        if self._allowed():
            self._reply(204 if self.graphs.pop(self._graph(), None) is not None else 404)

    def log_message(self, *_args) -> None:
        pass


def test_auth_is_sent_and_a_refusal_says_to_check_it(settings):
    build(settings)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BasicAuthStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/store"
    try:
        runner = CliRunner()
        refused = runner.invoke(main, ["publish", "--to", url, "--auth", "kgraph:wrong", "--store", str(settings.store)])
        assert refused.exit_code == 1 and "refused with 401: check --auth" in refused.output
        ok = runner.invoke(main, ["publish", "--to", url, "--store", str(settings.store)],
                           env={"KGRAPH_REMOTE_AUTH": "kgraph:secret"})
        assert ok.exit_code == 0, ok.output
        assert LAYOUT.pointer in _BasicAuthStore.graphs
    finally:
        server.shutdown()
        server.server_close()
