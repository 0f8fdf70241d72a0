"""Whether the live generation's files are whole, checked before serving it and by ``kgraph validate``.

In: a store folder. Out: the ``StoreVersion`` when its Oxigraph store opens and holds the triples
the build recorded, its note table parses, and its search index loads with one BM25 document per
passage; else one ``StoreCorrupt`` naming the generation, the file and what is wrong, ending
"run kgraph build". A store without a search index (written before there was one) is not corrupt:
it serves SPARQL and answers 503 for questions.
Must not: change anything, or judge the graph's content (that is SHACL's job in ``validate``).

Why before serving: a damaged generation made every server worker crash as it loaded, and
Granian's respawning turned that into tracebacks and "Worker crash loop detected" instead of a reason.
"""
from __future__ import annotations

import json
from pathlib import Path

from kgraph.errors import StoreCorrupt, StoreMissing
from kgraph.store import NOTES_FILE, StoreVersion, current_version, open_oxigraph


def check_store(root: Path) -> StoreVersion:
    """The live generation, if whole; ``StoreMissing`` if none, ``StoreCorrupt`` if damaged."""
    version = current_version(root)
    _check_graph(version)
    _check_notes(version)
    _check_search_index(version)
    return version


def _check_graph(version: StoreVersion) -> None:
    try:
        held = len(open_oxigraph(version))
    except (OSError, RuntimeError) as error:  # RocksDB reports corruption as a RuntimeError
        raise _corrupt(version, "oxigraph", _first_line(error)) from None
    recorded = (version.meta.get("stats") or {}).get("triples")
    if recorded is not None and held != int(recorded):
        raise _corrupt(version, "oxigraph", f"holds {held} triples, the build wrote {recorded}")


def _check_notes(version: StoreVersion) -> None:
    path = version.path / NOTES_FILE
    if not path.exists():
        return  # a store written without the note table: note pages answer 404
    try:
        notes = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise _corrupt(version, NOTES_FILE, _first_line(error)) from None
    if not isinstance(notes, dict) or not all(isinstance(text, str) for text in notes.values()):
        raise _corrupt(version, NOTES_FILE, "is not a table of note paths and texts")


def _check_search_index(version: StoreVersion) -> None:
    from kgraph.search.index import INDEX_DIR, SearchIndex  # numpy, bm25s and jieba: only when checking

    try:
        index = SearchIndex.load(version.path)
    except StoreMissing:
        return
    except Exception as error:  # whatever a truncated file makes json, marshal, numpy or bm25s raise
        raise _corrupt(version, INDEX_DIR, f"does not load ({type(error).__name__}: {_first_line(error)})") from None
    if index.documents != index.size:
        raise _corrupt(version, INDEX_DIR, f"has {index.documents} BM25 documents for {index.size} passages")


def _corrupt(version: StoreVersion, part: str, problem: str) -> StoreCorrupt:
    return StoreCorrupt(f"store generation {version.name} is damaged: {part} {problem}: run kgraph build",
                        details={"generation": version.name, "part": part})


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]
