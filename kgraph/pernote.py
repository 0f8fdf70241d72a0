"""The per-note stage of a build: each note read, parsed and extracted, reused from the cache or
computed by the workers.

In: the notes (or their parses), what reading and extracting need from the rest of the corpus, a
``NoteCache`` and a ``pool.Executor``. Out: ``ParsedNote``s and one ``Extraction``, in note order,
the same whether each note came from the cache, a local process or a Dask worker. Also ``Laps``,
the seconds each build stage took (recorded in the build report). Must not: read files (the cache
does its own; ``corpus`` reads, this module only remembers what it decoded) or build RDF.
"""
from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Iterable
from dataclasses import replace

from kgraph import pool
from kgraph.buildcache import NoteCache, digest
from kgraph.config import Settings
from kgraph.extract import Extraction, Extractor
from kgraph.corpus import Loader, load_note
from kgraph.model import Note, Problem
from kgraph.parse import ParsedNote, parse_note
from kgraph.parse.context import Reading


class Laps:
    """Seconds spent per named stage: each call ends the stage running since the last one."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._since = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self._since, 3)
        self._since = now



def executor(settings: Settings) -> pool.Executor:
    """Where the build's per-note work runs: ``--jobs`` processes here, or the Dask cluster at ``--scheduler``."""
    return pool.Executor(settings.jobs, settings.scheduler)


def remembered_loader(cache: NoteCache) -> Loader:
    """``corpus.load_note`` through ``cache`` (stage ``read``, keyed by the file's path and bytes):
    an unchanged file is not decoded, nor its front matter parsed, again."""
    def load(path: str, raw: bytes) -> tuple[Note | None, tuple[Problem, ...]]:
        key = cache.key("read", path, hashlib.sha256(raw).hexdigest())
        found = cache.get(key)
        if found is None:
            found = load_note(path, raw)
            cache.put(key, found)
        return found

    return load


def parse_all(notes: Iterable[Note], reading: Reading, progress: bool, workers: pool.Executor,
               cache: NoteCache) -> list[ParsedNote]:
    """Every note parsed, in order; a note parsed before with the same inputs comes from ``cache``."""
    from tqdm import tqdm

    notes = list(notes)
    context = digest(sorted((k, sorted(v.items())) for k, v in reading.term_titles.items()))
    keys = [cache.key("parse", note, context) for note in notes]
    found = {i: cache.get(key) for i, key in enumerate(keys)}
    missing = [i for i, value in found.items() if value is None]
    parse = lambda note: parse_note(note, replace(reading, lang=note.lang))  # noqa: E731
    if workers.jobs > 1 or workers.scheduler:
        fresh = _computed(parse, notes, keys, missing, cache, workers)
    else:
        fresh = [parse(notes[i]) for i in tqdm(missing, desc="notes", unit="note", disable=not progress, file=sys.stderr)]
        for i, value in zip(missing, fresh):
            cache.write(keys[i], value)
    for i, value in zip(missing, fresh):
        cache.mark(keys[i])
        found[i] = value
    return [found[i] for i in range(len(notes))]


def _computed(task, items: list, keys: list, selected: list[int], cache: NoteCache, workers: pool.Executor) -> list:
    """``task(items[i])`` for each selected ``i``, each written to the cache by whoever computed it:
    a forked worker writes its own entries (in parallel, not one by one in this process); the
    results of a Dask cluster, which cannot reach this disk, are written here."""
    if workers.scheduler:
        fresh = pool.run_selected(task, items, selected, workers)
        for i, value in zip(selected, fresh):
            cache.write(keys[i], value)
        return fresh

    def computed(i: int) -> object:
        value = task(items[i])
        cache.write(keys[i], value)
        return value

    return pool.run(computed, selected, workers)


def extract_all(extractor: Extractor, parsed: list[ParsedNote], cache: NoteCache, context: str,
                 workers: pool.Executor) -> Extraction:
    """The extraction of every note, in note order (the same as one run over all passages: the
    extractor carries nothing from one note to the next); a note extracted before with the same
    lexicon, page topic and passages comes from ``cache``."""
    keys = [cache.key("extract", item.passages, context, extractor.page_keys.get(item.note.path)) for item in parsed]
    found = {i: cache.get(key) for i, key in enumerate(keys)}
    missing = [i for i, value in found.items() if value is None]
    fresh = _computed(lambda item: extractor.run(item.passages), parsed, keys, missing, cache, workers)
    for i, value in zip(missing, fresh):
        cache.mark(keys[i])
        found[i] = value
    parts = [found[i] for i in range(len(parsed))]
    readings = {k: v for part in parts for k, v in part.readings.items()}
    return Extraction(tuple(a for part in parts for a in part.assertions),
                      tuple(d for part in parts for d in part.definitions), readings)
