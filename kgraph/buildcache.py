"""The per-note build cache: what parsing and extracting one note gave, kept between builds.

In: the store folder, the version of everything a note's results depend on besides the note
(``code_version``: kgraph's code and the ontology folder — ontology, lexicon, patterns, thresholds,
shortcodes) and, per stage, a digest of that stage's inputs from the rest of the corpus (the
glossary titles for parsing; the lexicon, glossary term ids and the page's topic for extraction).
Out: ``get``/``put`` of any picklable value under a key made from all of these and the note's own
content, so an entry can only be found again by a build that would compute the same value.

Layout: ``<store>/cache/<stage>/<key>.pickle``, written atomically. ``prune`` removes every entry a
build did not use, so the cache holds one build's worth. A damaged entry is a miss, never an error.
Must not: know what the values mean (``build`` does).
"""
from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

CACHE_DIR = "cache"


def digest(*parts: object) -> str:
    """sha256 of the parts' reprs (frozen dataclasses, tuples, sorted items: stable across runs)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


@lru_cache(maxsize=8)
def code_version(ontology: Path) -> str:
    """A digest of kgraph's Python code and every file of the ontology folder."""
    package = Path(__file__).resolve().parent
    ontology = Path(ontology).resolve()
    files = [("code", package, p) for p in sorted(package.rglob("*.py"))]
    files += [("ontology", ontology, p) for p in sorted(ontology.rglob("*")) if p.is_file()]
    h = hashlib.sha256()
    for kind, root, path in files:
        h.update(f"{kind}:{path.relative_to(root)}\x1f".encode("utf-8"))
        h.update(path.read_bytes())
    return h.hexdigest()


class NoteCache:
    """Entries of one build's stages under ``<store>/cache``; ``enabled=False`` stores nothing."""

    def __init__(self, store: Path, version: str, enabled: bool = True) -> None:
        self.root = Path(store) / CACHE_DIR
        self.version = version
        self.enabled = enabled
        self.used: set[Path] = set()
        self.hits = 0

    def key(self, stage: str, *parts: object) -> Path:
        return self.root / stage / f"{digest(self.version, *parts)}.pickle"

    def get(self, key: Path) -> object | None:
        if not self.enabled:
            return None
        try:
            value = pickle.loads(key.read_bytes())
        except Exception:  # missing, truncated or from an incompatible Python: compute it again
            return None
        self.used.add(key)
        self.hits += 1
        return value

    def put(self, key: Path, value: object) -> None:
        self.write(key, value)
        self.mark(key)

    def write(self, key: Path, value: object) -> None:
        """Store ``value`` under ``key`` (safe in a forked worker: it touches only the file)."""
        if not self.enabled:
            return
        key.parent.mkdir(parents=True, exist_ok=True)
        tmp = key.with_name(f".{key.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, key)

    def mark(self, key: Path) -> None:
        """Count ``key`` as used by this build (a worker's ``write`` is marked by the parent)."""
        self.used.add(key)

    def prune(self) -> None:
        """Remove the entries this build did not use (other stages' folders included)."""
        if not self.enabled or not self.root.exists():
            return
        for path in self.root.glob("*/*.pickle"):
            if path not in self.used:
                path.unlink(missing_ok=True)
