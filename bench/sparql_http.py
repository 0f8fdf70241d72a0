"""HTTP benchmark of /sparql: kgraph vs the same Flask handler over rdflib vs Oxigraph's own server.

Usage:
    python bench/sparql_http.py                      # synthetic graph of ~100k triples
    python bench/sparql_http.py --store .kgraph/store --concept Deployment   # a real build
    python bench/sparql_http.py --duration 10 --connections 8 --skip rdflib

For each server and each query — (a) lookup by label, (b) one-hop relation, (c) the ``kg:manages+``
path, (d) a fact-with-evidence join, and (b*) the one-hop query for a different subject on every
request, cycling through up to 3,000 concepts — it measures requests/s and p50/p99 latency over
loopback with wrk (``apt-get install wrk``) or, without it, a bounded Python client, and prints a
Markdown table. Servers (all with 2 worker processes where they have the notion):
- ``kgraph``: ``kgraph serve`` (Granian, 2 workers × 2 threads, safety checks, time and row limits,
  the result cache on: a repeated query is answered without evaluating it again);
- ``kgraph-nocache``: the same with ``KGRAPH_RESULT_CACHE_MB=0``, so every request is evaluated in a
  query worker: the engine's own speed;
- ``rdflib``: the same app and handler under the same server, evaluating with rdflib over an
  in-memory ``Dataset`` (one thread per worker: rdflib's query parser is not thread-safe, RDFLib#1282);
- ``oxigraph``: ``oxigraph serve-read-only --union-default-graph`` on the same store
  (``pip install -e '.[bench]'``; skipped when the ``oxigraph`` command is missing).
Every server is started on a free loopback port and stopped at the end; load is loopback only. The
servers run side by side and each query is measured on each server in turn, so the figures of one
row come from the same minute of a machine other work may share.

For the two kgraph servers one more row, (e): the one-hop query measured while 8 clients keep
sending a runaway query (a 4-way cartesian product, stopped at the 10 s time limit, retried at
once, also after a 503 ``query_busy``): the cheap query's p99 is what a user sees while someone
else's queries run away. The other servers have no time limit to stop such queries.

A second table puts kgraph beside Oxigraph for the rows kgraph is held to (``AGAINST_OXIGRAPH``:
one-hop with the cache off, with a new subject each request, repeated through the cache, and the
fact-with-evidence join with the cache off), with the ratio of their requests/s, and the cheap
query's p99 while the runaways run.
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from kgraph.config import Settings
from kgraph.sparql.dataset import predeclared_prefixes
from kgraph.store import current_version, new_generation, open_oxigraph

OA = Namespace("http://www.w3.org/ns/oa#")
HERE = Path(__file__).resolve().parent
DEFAULT_BASE = "http://localhost:8000"


# --- the synthetic graph (the layout `kgraph build` writes) ---------------------------------------

def synthetic_quads(base: str, concepts: int, seed: int = 7) -> Iterator[tuple]:
    """Concepts in chains of six (manages), labels in en/zh, each fact with evidence and a passage."""
    rnd, kg = random.Random(seed), Namespace(f"{base}/ontology#")
    graph = {name: URIRef(f"{base}/graph/{name}") for name in ("ontology", "asserted", "inferred", "evidence")}
    scheme = URIRef(f"{base}/id")
    yield scheme, RDF.type, SKOS.ConceptScheme, graph["asserted"]
    yield kg.manages, RDF.type, URIRef("http://www.w3.org/2002/07/owl#ObjectProperty"), graph["ontology"]
    for i in range(concepts):
        yield from ((q[0], q[1], q[2], graph["asserted"]) for q in _concept(base, kg, scheme, i))
    for i in range(concepts):
        targets = {i + 1} if i % 6 != 5 else set()
        if i % 6 < 4 and rnd.random() < 0.3:
            targets.add(i + 2)
        for j in sorted(t for t in targets if t < concepts):
            yield from _fact(base, kg, graph, i, j)


def _concept(base: str, kg: Namespace, scheme: URIRef, i: int) -> Iterator[tuple]:
    c = URIRef(f"{base}/id/C{i}")
    yield c, RDF.type, SKOS.Concept
    yield c, RDF.type, kg.WorkloadController
    yield c, SKOS.inScheme, scheme
    yield c, SKOS.prefLabel, Literal(f"Concept{i}", lang="en")
    yield c, SKOS.prefLabel, Literal(f"概念{i}", lang="zh")
    yield c, SKOS.altLabel, Literal(f"c{i}", lang="en")
    yield c, SKOS.definition, Literal(f"概念{i}用于管理其他资源。", lang="zh")


def _fact(base: str, kg: Namespace, graph: dict, i: int, j: int) -> Iterator[tuple]:
    s, o = URIRef(f"{base}/id/C{i}"), URIRef(f"{base}/id/C{j}")
    note = URIRef(f"{base}/notes/{i // 100:03d}_synthetic.md")
    line = (i % 100) * 3 + (j - i)
    passage, evidence = URIRef(f"{note}#L{line}-L{line}"), URIRef(f"{base}/evidence/e{i}-{j}")
    selector = URIRef(f"{evidence}#quote")
    yield s, kg.manages, o, graph["asserted"]
    yield o, kg.managedBy, s, graph["inferred"]
    ev = graph["evidence"]
    for p, v in ((RDF.type, kg.Evidence), (RDF.subject, s), (RDF.predicate, kg.manages), (RDF.object, o),
                 (PROV.wasDerivedFrom, passage), (OA.hasSelector, selector), (kg.startLine, Literal(line)),
                 (kg.endLine, Literal(line)), (kg.text, Literal(f"C{i} manages C{j}")),
                 (kg.rule, Literal("manages-en")), (kg.confidence, Literal(0.9))):
        yield evidence, p, v, ev
    yield selector, RDF.type, OA.TextQuoteSelector, ev
    yield selector, OA.exact, Literal(f"**C{i}** manages C{j}"), ev
    for p, v in ((RDF.type, kg.Passage), (DCTERMS.isPartOf, note), (kg.startLine, Literal(line)),
                 (kg.endLine, Literal(line)), (kg.headingPath, Literal("Synthetic > Chain")),
                 (kg.text, Literal(f"C{i} manages C{j}")), (kg.mentions, s), (kg.mentions, o)):
        yield passage, p, v, ev
    yield note, RDF.type, kg.Note, ev
    yield note, kg.path, Literal(f"{i // 100:03d}_synthetic.md"), ev


def write_synthetic(root: Path, base: str, concepts: int) -> int:
    with new_generation(root) as writer:
        writer.add(synthetic_quads(base, concepts))
        return writer.quads


# --- queries --------------------------------------------------------------------------------------

def queries(base: str, concept: str, label: str) -> dict[str, str]:
    """The four benchmark queries, with PREFIX lines so every server runs the same text."""
    return {
        "a label": prologue(base) + f'SELECT ?c WHERE {{ ?c skos:prefLabel|skos:altLabel "{label}"@en }}',
        "b one-hop": one_hop(base, concept),
        "c manages+": prologue(base) + f"SELECT ?o WHERE {{ id:{concept} kg:manages+ ?o }}",
        "d evidence": prologue(base) + (
            f"SELECT ?o ?quote ?path ?line WHERE {{ ?e rdf:subject id:{concept} ; rdf:predicate kg:manages ;"
            " rdf:object ?o ; oa:hasSelector/oa:exact ?quote ; prov:wasDerivedFrom ?p ."
            " ?p kg:startLine ?line ; dct:isPartOf/kg:path ?path }"),
    }


def prologue(base: str) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in predeclared_prefixes(base).items())


def one_hop(base: str, concept: str) -> str:
    return prologue(base) + f"SELECT ?o ?label WHERE {{ id:{concept} kg:manages ?o . ?o skos:prefLabel ?label }}"


def concept_keys(store_root: Path, base: str, limit: int = 3000) -> list[str]:
    """Keys of up to ``limit`` concepts, for the one-hop query with a new subject on every request."""
    store = open_oxigraph(current_version(store_root))
    rows = store.query(f"SELECT ?c {{ ?c a skos:Concept }} ORDER BY ?c LIMIT {limit}",
                       prefixes=predeclared_prefixes(base), use_default_graph_as_union=True)
    keys = [row["c"].value.rsplit("/", 1)[1] for row in rows]
    del store
    return keys


def busiest_concept(store_root: Path, base: str) -> tuple[str, str]:
    """(key, English label) of the concept with the most outgoing kg:manages facts."""
    store = open_oxigraph(current_version(store_root))
    rows = list(store.query(
        "SELECT ?c ?l (COUNT(?o) AS ?n) { ?c kg:manages ?o ; skos:prefLabel ?l FILTER(lang(?l) = 'en') }"
        " GROUP BY ?c ?l ORDER BY DESC(?n) ?c LIMIT 1",
        prefixes=predeclared_prefixes(base), use_default_graph_as_union=True))
    del store
    if not rows:
        raise SystemExit("no kg:manages facts in this store; pass --concept NAME --label TEXT")
    return rows[0]["c"].value.rsplit("/", 1)[1], rows[0]["l"].value


# --- servers --------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kgraph_command(store: Path, port: int) -> list[str]:
    return [sys.executable, "-c", "from kgraph.cli import main; main()", "serve", "--host", "127.0.0.1",
            "--port", str(port), "--workers", "2", "--store", str(store)]


def rdflib_command(store: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "granian", "--interface", "wsgi", "--factory", "--host", "127.0.0.1",
            "--port", str(port), "--workers", "2", "--blocking-threads", "1", "--log-level", "warning",
            "--working-dir", str(HERE), "sparql_http:create_rdflib_app"]


def oxigraph_command(store: Path, port: int) -> list[str] | None:
    binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if binary is None:
        return None
    location = current_version(store).oxigraph_path
    return [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
            "--union-default-graph"]


class Server:
    def __init__(self, command: list[str], port: int, env: dict[str, str]) -> None:
        self.url = f"http://127.0.0.1:{port}/sparql"
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)

    def wait(self, probe: str, seconds: float = 180.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}?{urllib.parse.urlencode({'query': probe})}", timeout=5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.url} did not come up")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()


# --- load -----------------------------------------------------------------------------------------

@dataclass
class Measure:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def load_client() -> str:
    """Which client loads the servers. The Python fallback tops out near 4k req/s on 2 cores, so
    with it the fast servers' figures, and the ratios to Oxigraph, measure the client, not them."""
    if shutil.which("wrk"):
        return "wrk " + subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split()[1]
    return ("the Python fallback: its ceiling (~4k req/s here) is below Oxigraph's, so the ratios to Oxigraph"
            " are too kind; install wrk (apt-get install wrk) for figures to compare")


def measure(urls: list[str], duration: float, connections: int) -> Measure:
    """Load the server with ``urls``, in turn, one after another, from ``connections`` connections."""
    if shutil.which("wrk"):
        return _wrk(urls, duration, connections)
    return _python_client(urls, duration, connections)


WRK_SCRIPT = """
local paths = {%s}
local next_path = 0
request = function()
  next_path = next_path %% #paths + 1
  return wrk.format("GET", paths[next_path])
end
"""


def _wrk(urls: list[str], duration: float, connections: int) -> Measure:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration:g}s", "--latency", urls[0]]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if len(urls) > 1:
            paths = ",".join(f'"{urllib.parse.urlsplit(url)._replace(scheme="", netloc="").geturl()}"' for url in urls)
            script.write(WRK_SCRIPT % paths)
            script.flush()
            command[1:1] = ["-s", script.name]
        out = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:Non-2xx or 3xx responses|errors: connect|timeout):?\s*(\d+)", out))
    return Measure(rps, _wrk_ms(out, "50%"), _wrk_ms(out, "99%"), errors)


def _wrk_ms(out: str, percentile: str) -> float:
    value, unit = re.search(rf"\s{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _python_client(urls: list[str], duration: float, connections: int) -> Measure:
    """A bounded closed-loop client: ``connections`` threads, each one request at a time."""
    latencies: list[float] = []
    errors = [0]
    deadline = time.monotonic() + duration
    turns = itertools.cycle(urls)

    def loop() -> None:
        while time.monotonic() < deadline:
            url = next(turns)
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
            except OSError:
                errors[0] += 1
            latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=loop) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return Measure(len(latencies) / duration, pick(0.5), pick(0.99), errors[0])


# --- the rdflib baseline: the same app and handler, rdflib evaluating --------------------------------

def create_rdflib_app():
    """``create_app`` with the engine's evaluation swapped for rdflib over an in-memory Dataset."""
    from kgraph.kb import Snapshot
    from kgraph.web import create_app

    app = create_app(Settings.from_env())
    knowledge_base = app.extensions["kgraph"]
    knowledge_base._snapshot = Snapshot(_rdflib_engine_class().open(knowledge_base.settings), knowledge_base.settings)
    return app


def _rdflib_engine_class():
    from rdflib import Dataset

    from kgraph.sparql.engine import Result, SparqlEngine

    class RdflibEngine(SparqlEngine):
        """Prepares exactly like kgraph (same safety checks), then evaluates with rdflib, in-process."""

        def __init__(self, version, settings, lease=None) -> None:
            super().__init__(version, settings, lease)
            self.dataset = Dataset(default_union=True)
            nquads = self.evaluator.store.dump(format=ox.RdfFormat.N_QUADS)
            self.dataset.parse(data=nquads, format="nquads")

        def run(self, prepared, fmt):
            result = self.dataset.query(prepared.text, initNs=self.prefixes)
            body = result.serialize(format={"json": "json", "xml": "xml", "csv": "csv"}.get(fmt.name, "json"))
            return Result(body, fmt, prepared.info.form, len(result), False, self.settings.max_rows)

    return RdflibEngine


# --- main -----------------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> list[tuple[str, str, Measure]]:
    workdir = Path(tempfile.mkdtemp(prefix="kgraph-bench-"))
    store, base = args.store, args.base
    if store is None:
        store = workdir / "store"
        print(f"writing a synthetic graph of {args.concepts} concepts …", file=sys.stderr)
        print(f"  {write_synthetic(store, base, args.concepts)} quads", file=sys.stderr)
    concept, label = (args.concept, args.label) if args.concept else busiest_concept(store, base)
    texts = {name: [text] for name, text in queries(base, concept, label or concept).items()}
    texts[VARIED] = [one_hop(base, key) for key in concept_keys(store, base)]
    env = {**os.environ, "KGRAPH_BASE": base, "KGRAPH_STORE": str(store), "KGRAPH_QUERY_TIMEOUT": "10"}
    running: dict[str, Server] = {}
    try:
        for name, (command, port, extra_env) in servers(store).items():
            if name in args.skip or command is None:
                print(f"skipping {name}", file=sys.stderr)
                continue
            running[name] = Server(command, port, {**env, **extra_env})
        for server in running.values():
            server.wait(texts["b one-hop"][0])
        return bench_servers(running, texts, args)
    finally:
        for server in running.values():
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


SERVERS = ("kgraph", "kgraph-nocache", "rdflib", "oxigraph")
VARIED = "b* one-hop, new subject each request"
UNDER_LOAD = "e one-hop while 8 runaways run"
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
RUNAWAYS = 8


def servers(store: Path) -> dict[str, tuple[list[str] | None, int, dict[str, str]]]:
    port = {name: free_port() for name in SERVERS}
    return {"kgraph": (kgraph_command(store, port["kgraph"]), port["kgraph"], {}),
            "kgraph-nocache": (kgraph_command(store, port["kgraph-nocache"]), port["kgraph-nocache"],
                               {"KGRAPH_RESULT_CACHE_MB": "0"}),
            "rdflib": (rdflib_command(store, port["rdflib"]), port["rdflib"], {}),
            "oxigraph": (oxigraph_command(store, port["oxigraph"]), port["oxigraph"], {})}


def bench_servers(running: dict[str, Server], texts: dict[str, list[str]], args) -> list[tuple]:
    """Each query on each server in turn, so one row's figures come from the same minute of a shared
    machine; then the runaway row of each kgraph server (it leaves query workers restarting)."""
    rows = []
    for query_name, group in texts.items():
        for name, server in running.items():
            urls = [f"{server.url}?{urllib.parse.urlencode({'query': text})}" for text in group]
            measure(urls[:1], 1.0, args.connections)  # warm-up (for b*, the rotation starts cold)
            result = measure(urls, args.duration, args.connections)
            print(f"{name:9} {query_name:11} {result.rps:8.0f} req/s  p50 {result.p50_ms:.2f} ms  "
                  f"p99 {result.p99_ms:.2f} ms  errors {result.errors}", file=sys.stderr)
            rows.append((name, query_name, result))
    for name, server in running.items():
        if name.startswith("kgraph"):
            urls = [f"{server.url}?{urllib.parse.urlencode({'query': texts['b one-hop'][0]})}"]
            result = under_runaways(server.url, urls, args)
            print(f"{name:9} {UNDER_LOAD}: {result.rps:8.0f} req/s  p99 {result.p99_ms:.2f} ms  "
                  f"errors {result.errors}", file=sys.stderr)
            rows.append((name, UNDER_LOAD, result))
    return sorted(rows, key=lambda row: SERVERS.index(row[0]))


def under_runaways(endpoint: str, urls: list[str], args) -> Measure:
    """``measure(urls)`` while ``RUNAWAYS`` clients send the runaway query over and over."""
    stop = threading.Event()

    def keep_running_away(n: int) -> None:
        url = f"{endpoint}?{urllib.parse.urlencode({'query': f'{RUNAWAY} # {n}'})}"
        while not stop.is_set():
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
            except OSError:  # 503 query_timeout or query_busy: the point of the exercise
                pass

    clients = [threading.Thread(target=keep_running_away, args=(n,), daemon=True) for n in range(RUNAWAYS)]
    for client in clients:
        client.start()
    time.sleep(1.0)  # let the runaways take the query workers
    try:
        return measure(urls, args.duration, args.connections)
    finally:
        stop.set()
        for client in clients:
            client.join(30)


def table(rows: list[tuple[str, str, Measure]]) -> str:
    lines = ["| server | query | req/s | p50 ms | p99 ms | errors |", "|---|---|---:|---:|---:|---:|"]
    for server, query, m in rows:
        lines.append(f"| {server} | {query} | {m.rps:,.0f} | {m.p50_ms:.2f} | {m.p99_ms:.2f} | {m.errors} |")
    return "\n".join(lines)


# The rows of the bar kgraph is held to (issue 12): (row, kgraph server, query), each against
# ``oxigraph serve-read-only`` running the same query on the same store in the same run.
AGAINST_OXIGRAPH = (
    ("one-hop, cache off", "kgraph-nocache", "b one-hop"),
    ("one-hop, new subject each request", "kgraph", VARIED),
    ("one-hop, repeated (cached)", "kgraph", "b one-hop"),
    ("fact with evidence, cache off", "kgraph-nocache", "d evidence"),
)


def comparison(rows: list[tuple[str, str, Measure]]) -> str:
    """kgraph's req/s beside Oxigraph's for the rows of ``AGAINST_OXIGRAPH``, and their ratio; then the
    cheap query's p99 while runaways run."""
    found = {(server, query): m for server, query, m in rows}
    lines = ["| query | kgraph req/s | `oxigraph serve-read-only` req/s | kgraph / Oxigraph |",
             "|---|---:|---:|---:|"]
    for label, server, query in AGAINST_OXIGRAPH:
        ours, theirs = found.get((server, query)), found.get(("oxigraph", query))
        if ours is None or theirs is None:
            continue
        lines.append(f"| {label} | {ours.rps:,.0f} | {theirs.rps:,.0f} | {ours.rps / theirs.rps:.0%} |")
    for server in ("kgraph", "kgraph-nocache"):
        m = found.get((server, UNDER_LOAD))
        if m is not None:
            lines.append(f"| {UNDER_LOAD} ({server}): p99 {m.p99_ms:,.0f} ms, p50 {m.p50_ms:,.1f} ms | "
                         f"{m.rps:,.0f} | — | — |")
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="a built store (default: generate a synthetic one)")
    parser.add_argument("--base", default=os.environ.get("KGRAPH_BASE", DEFAULT_BASE), help="the store's base IRI")
    parser.add_argument("--concepts", type=int, default=3000, help="synthetic concepts (3000 ≈ 100k triples)")
    parser.add_argument("--concept", help="concept key for the queries (default: the busiest manager)")
    parser.add_argument("--label", help="English label for the label lookup")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--skip", action="append", default=[], choices=SERVERS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    measured = run(parse_args())
    print(f"load client: {load_client()}")
    print()
    print(table(measured))
    print()
    print(comparison(measured))
