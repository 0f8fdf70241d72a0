"""Where the graph lives on disk: versioned Oxigraph stores, written beside the live one and swapped in.

In: a store folder and, for writing, rdflib quads. Out: ``StoreVersion`` (which generation is live,
its folder and metadata) and, through ``open_oxigraph``, a read-only ``pyoxigraph.Store``.
Must not: run SPARQL (that is ``kgraph.sparql``'s job) or know how the graph is made.

Layout of ``<store>/``::

    CURRENT                 name of the live generation, replaced atomically (os.replace)
    build.lock              held by the build writing the store (``kgraph.locks``)
    gen-<stamp>/oxigraph/   the Oxigraph (RocksDB) store
    gen-<stamp>/meta.json   build summary written last; a generation without it is incomplete
                            (with ``store_format`` and the ``kgraph`` version that wrote it)
    gen-<stamp>/lease       locked (shared) by every server process reading the generation
    gen-<stamp>/notes.json  each note's text as built (``NOTES_FILE``), for the note view
    gen-<stamp>/...         other per-generation files (e.g. the passage search index)

A build writes a new ``gen-*`` folder and only then points ``CURRENT`` at it, so a crash or
Ctrl-C mid-build leaves the previous generation live and loadable. One build writes at a time: it
holds the store's build lock from naming its generation to pruning, so no build deletes a folder
another is writing. After a swap the live generation and the one before it are kept, and so is
every generation a server still leases (``lease_current``); the others are removed.

``STORE_FORMAT`` numbers what a generation holds and how (graph names, side files, index). Raise it
when a change means an older store would be misread; opening a generation written in another
format raises ``StoreIncompatible``, naming both versions and saying to rebuild.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kgraph import version as kgraph_version
from kgraph.errors import StoreCorrupt, StoreIncompatible, StoreMissing
from kgraph.locks import Lease, build_lock, create_lease_file, retire

CURRENT = "CURRENT"
META = "meta.json"
STORE_FORMAT = 1  # see the module docstring; stores written before formats were numbered have none
OXIGRAPH_DIR = "oxigraph"
NOTES_FILE = "notes.json"  # each note's text as built, for the note view: path -> text
Quad = tuple[Node, Node, Node, Node]


@dataclass(frozen=True)
class StoreVersion:
    """One complete generation of the store."""

    root: Path  # the store folder
    name: str  # e.g. gen-20261122T031500-123456
    meta: dict

    @property
    def path(self) -> Path:
        return self.root / self.name

    @property
    def oxigraph_path(self) -> Path:
        return self.path / OXIGRAPH_DIR


def current_version(root: Path) -> StoreVersion:
    """The live generation under ``root``; ``StoreMissing`` if none was built."""
    pointer = root / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
        meta = json.loads((root / name / META).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreMissing(f"no store at {root}: run `kgraph build` first") from None
    except (ValueError, UnicodeDecodeError) as error:  # a truncated or overwritten meta.json
        raise StoreCorrupt(f"store generation {name} is damaged: {META} does not parse ({error}): "
                           f"run kgraph build") from None
    check_format(root, meta)
    return StoreVersion(root=root, name=name, meta=meta)


def check_format(root: Path, meta: dict) -> None:
    """``StoreIncompatible`` unless the generation's ``meta`` says it is in ``STORE_FORMAT``."""
    found = meta.get("store_format")
    if found != STORE_FORMAT:
        writer = f"kgraph {meta['kgraph']}" if meta.get("kgraph") else "an older kgraph"
        written = f"store format {found}" if found is not None else "no store format recorded"
        raise StoreIncompatible(
            f"the store at {root} was written by {writer} ({written}); this is kgraph {kgraph_version()}, "
            f"which reads store format {STORE_FORMAT}: rebuild it with `kgraph build`")


def lease_current(root: Path, attempts: int = 5) -> tuple[StoreVersion, Lease]:
    """The live generation and a lease on it: it stays on disk until ``Lease.release``.

    A build may prune the generation between reading ``CURRENT`` and taking the lease; then the
    generation is found incomplete and ``CURRENT`` is read again."""
    for _ in range(attempts):
        version = current_version(root)
        try:
            lease = Lease.take(version.path)
        except FileNotFoundError:
            continue
        if (version.path / META).exists():
            return version, lease
        lease.release()
    raise StoreMissing(f"the live generation under {root} kept disappearing: is a build pruning it?")


def read_json(version: StoreVersion, name: str) -> object:
    """A JSON side file written with ``GenerationWriter.write_json``."""
    return json.loads((version.path / name).read_text(encoding="utf-8"))


def open_oxigraph(version: StoreVersion) -> ox.Store:
    """A read-only handle on the generation's Oxigraph store (several processes may hold one)."""
    return ox.Store.read_only(str(version.oxigraph_path))


class GenerationWriter:
    """Writes one new generation; obtained from ``new_generation``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._store: ox.Store | None = ox.Store(str(path / OXIGRAPH_DIR))
        self._terms: dict[Node, object] = {}
        self.quads = 0

    def add(self, quads: Iterable[Quad], batch: int = 50_000) -> None:
        """Load rdflib quads (s, p, o, graph) in batches through Oxigraph's bulk loader."""
        assert self._store is not None, "generation already closed"
        buffer: list[ox.Quad] = []
        for s, p, o, g in quads:
            buffer.append(ox.Quad(self._term(s), self._term(p), self._term(o), self._term(g)))
            if len(buffer) >= batch:
                self._flush(buffer)
        self._flush(buffer)

    def _flush(self, buffer: list[ox.Quad]) -> None:
        if buffer:
            self._store.bulk_extend(buffer)
            self.quads += len(buffer)
            buffer.clear()

    def _term(self, term: Node) -> object:
        cached = self._terms.get(term)
        if cached is None:
            cached = to_oxigraph(term)
            if not isinstance(term, Literal) or len(term) < 64:  # long literals (passage text) rarely repeat
                self._terms[term] = cached
        return cached

    def write_json(self, name: str, data: object) -> None:
        """A JSON side file of this generation (e.g. the notes' text for the note view)."""
        (self.path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def close(self) -> None:
        if self._store is not None:
            self._store.flush()
            self._store = None  # drop the handle so RocksDB releases its lock before the swap


def to_oxigraph(term: Node) -> object:
    """The pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store term {term!r} of type {type(term).__name__}")


@contextmanager
def new_generation(root: Path) -> Iterator[GenerationWriter]:
    """Yield a writer for a fresh generation; on clean exit make it live, on error delete it.

    The caller fills the generation and sets ``writer.meta`` (a dict) before leaving the block.
    """
    root.mkdir(parents=True, exist_ok=True)
    with build_lock(root):
        name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 1_000_000_000:09d}"
        path = root / name
        path.mkdir()
        create_lease_file(path)
        writer = GenerationWriter(path)
        writer.meta = {}
        try:
            yield writer
            writer.close()
            meta = {"version": name, "store_format": STORE_FORMAT, "kgraph": kgraph_version(), **writer.meta}
            _write_atomic(path / META, json.dumps(meta, ensure_ascii=False, indent=1))
            _write_atomic(root / CURRENT, name)
        except BaseException:
            writer.close()
            shutil.rmtree(path, ignore_errors=True)
            raise
        _remove_old_generations(root, keep={name, _previous_name(root, name)})


def _write_atomic(target: Path, text: str) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)


def _complete_generations(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob("gen-*") if (p / META).exists())


def _previous_name(root: Path, live: str) -> str | None:
    older = [name for name in _complete_generations(root) if name < live]
    return older[-1] if older else None


def _remove_old_generations(root: Path, keep: set[str | None]) -> None:
    """Under the build lock: every other folder is complete and unleased (remove it), leased (keep
    it), or left incomplete by a build that crashed (remove it: no build is writing one now)."""
    for path in root.glob("gen-*"):
        if path.name not in keep:
            retire(path, first=META)


EXPORT_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE}


def export(version: StoreVersion, fmt: str, prefixes: dict[str, str] | None = None, graph: str | None = None) -> bytes:
    """The dataset, or only the named graph ``graph`` (an IRI), serialized with ``prefixes``.

    TriG and N-Quads keep graph names; ``turtle`` merges the graphs into one (each triple once)."""
    store = open_oxigraph(version)
    target = EXPORT_FORMATS[fmt]
    selected = ox.NamedNode(graph) if graph else None
    if target.supports_datasets:
        if selected is None:
            return store.dump(format=target, prefixes=prefixes)
        return ox.serialize(store.quads_for_pattern(None, None, None, selected), format=target, prefixes=prefixes) or b""
    triples = dict.fromkeys(quad.triple for quad in store.quads_for_pattern(None, None, None, selected))
    return ox.serialize(list(triples), format=target, prefixes=prefixes) or b""
