"""``ResultCache``: serialized protocol results kept per process, bounded by the memory they hold.

In: a key (query text, dataset, format name, row limit) and the ``Result`` produced for it. Out:
the same ``Result`` on a later identical request, without a trip to the query worker.

Why this is safe: a store version never changes once built (a rebuild writes a new version, and a
new ``SparqlEngine`` with a new cache serves it), so one query over one version always has one
answer. That is also what the ETag already promises to HTTP caches; this cache keeps the promise
server-side for clients that do not revalidate. An entry costs its key's ``size`` (the query text
is most of it: up to 16 KiB of text, as Python stores it) plus its value's ``size`` plus
``ENTRY_OVERHEAD`` for the objects around them (measured ~380 bytes). Unique queries with tiny
answers once grew a server by 1.2 GB in 30 s when only the answers were counted. Entries are
evicted least recently used first once ``capacity`` bytes are held; an entry costing more than
``capacity / 8`` is never kept, so one huge answer cannot flush everything else. ``capacity=0``
turns the cache off.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, Protocol, TypeVar


class HasSize(Protocol):
    @property
    def size(self) -> int: ...


V = TypeVar("V", bound=HasSize)


ENTRY_OVERHEAD = 512  # bytes per entry beyond the key's and value's own sizes


class ResultCache(Generic[V]):
    """A thread-safe LRU map bounded by the summed ``size`` of its keys and values."""

    def __init__(self, capacity: int) -> None:
        self.capacity = max(0, capacity)
        self.largest = self.capacity // 8
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()  # key -> (value, cost)
        self._held = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    @property
    def held(self) -> int:
        """Bytes currently held."""
        return self._held

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> V | None:
        if not self.enabled:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[0]

    def put(self, key: HasSize, value: V) -> None:
        """Keep ``value`` under ``key`` unless the entry costs too much; evict the least recently
        used to make room."""
        cost = key.size + value.size + ENTRY_OVERHEAD
        if not self.enabled or cost > self.largest:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._held -= old[1]
            self._entries[key] = (value, cost)
            self._held += cost
            while self._held > self.capacity:
                _, (_, evicted) = self._entries.popitem(last=False)
                self._held -= evicted
