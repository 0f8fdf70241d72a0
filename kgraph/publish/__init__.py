"""Publish a built generation to a remote SPARQL store over the Graph Store Protocol.

In: the live local generation (``StoreVersion``) and a ``GraphStore``. Out: a ``PublishReport``
(which generation is now live there, how many data graphs it has, how many were sent and with how
many triples, how many old graphs were removed). The layout is ``kgraph.publish.layout``'s.

Order of writes, so that readers never see a mix of two builds and a publish that fails half-way
leaves the previous dataset in force:

1. read the pointer and the live manifest: the data graphs already there;
2. record the new manifest's name in ``graph/generations`` (so a later publish can clean up
   after this one if it dies), then write the new manifest;
3. PUT each data graph the live generation lacks (names are content digests: an unchanged
   note's graph is already there, under the same name);
4. PUT the pointer: one graph of one triple, replaced in one request — the switch;
5. remove every generation but the new one and the one it replaced (kept for readers still on
   it, as the local store keeps the one before): their manifests and the data graphs no kept
   generation uses.

A failure before step 4 leaves the old pointer, and every graph it reaches, untouched; the next
publish sends what is missing and removes the half-written generation in step 5.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from kgraph.publish.gsp import GraphStore
from kgraph.publish.layout import DCT_HAS_PART, DCT_HAS_VERSION, DataGraph, Layout, Manifest
from kgraph.store import StoreVersion, open_oxigraph


@dataclass(frozen=True)
class PublishReport:
    generation: str  # now live in the remote store
    previous: str | None  # the one it replaced (kept until the next publish)
    graphs: int  # data graphs of the generation
    sent: tuple[str, ...]  # data graphs written by this publish
    triples_sent: int
    removed: int  # graphs (data graphs and manifests) removed after the switch
    seconds: float

    def to_dict(self) -> dict:
        return {**asdict(self), "sent": list(self.sent)}


def publish(version: StoreVersion, target: GraphStore, on_sent: Callable[[DataGraph], None] | None = None) -> PublishReport:
    """Make ``version`` the live generation of ``target``; see the module docstring."""
    started = time.perf_counter()
    layout = Layout(version.meta.get("base") or "")
    live = live_manifest(target, layout)
    if live is not None and live.generation == version.name:
        return PublishReport(version.name, None, len(live.graphs), (), 0, 0, round(time.perf_counter() - started, 3))
    graphs = layout.data_graphs(open_oxigraph(version))
    manifest = Manifest(version.name, {g.name: g.logical for g in graphs})
    target.post(layout.generations, layout.generations_body([version.name]))
    target.put(layout.manifest_name(version.name), layout.manifest_body(manifest))
    have = set(live.graphs) if live else set()
    sent = [g for g in graphs if g.name not in have]
    for graph in sent:
        target.put(graph.name, graph.body)
        if on_sent:
            on_sent(graph)
    target.put(layout.pointer, layout.pointer_body(version.name))
    previous = live.generation if live else None
    removed = _remove_old(target, layout, manifest, live)
    return PublishReport(version.name, previous, len(graphs), tuple(g.name for g in sent),
                         sum(g.triples for g in sent), removed, round(time.perf_counter() - started, 3))


def live_manifest(target: GraphStore, layout: Layout) -> Manifest | None:
    """The manifest the remote pointer names, or None before the first publish."""
    pointer = target.get(layout.pointer)
    names = layout.read_links(pointer, DCT_HAS_VERSION) if pointer else []
    if not names:
        return None
    return _manifest(target, layout, names[0])


def _manifest(target: GraphStore, layout: Layout, generation: str) -> Manifest | None:
    body = target.get(layout.manifest_name(generation))
    return layout.read_manifest(body) if body is not None else None


def _remove_old(target: GraphStore, layout: Layout, new: Manifest, previous: Manifest | None) -> int:
    """Drop every generation but ``new`` and ``previous``, and their graphs no kept one uses."""
    kept = [m for m in (new, previous) if m is not None]
    keep_graphs = {name for m in kept for name in m.graphs}
    listed = target.get(layout.generations) or b""
    removed = 0
    for generation in layout.read_links(listed, DCT_HAS_PART):
        if generation in {m.generation for m in kept}:
            continue
        old = _manifest(target, layout, generation)
        for name in sorted(set(old.graphs) - keep_graphs) if old else ():
            target.delete(name)
            removed += 1
        target.delete(layout.manifest_name(generation))
        removed += 1
    target.put(layout.generations, layout.generations_body(m.generation for m in kept))
    return removed
