"""``ResultCache`` on its own, then through ``SparqlEngine.run``: what is kept, for how long, for whom."""
from __future__ import annotations

import sys
from dataclasses import dataclass, replace

import pytest

from kgraph.config import Settings
from kgraph.errors import QuerySyntaxError
from kgraph.sparql import SparqlEngine
from kgraph.sparql.cache import ENTRY_OVERHEAD, ResultCache

ONE_HOP = "SELECT ?o WHERE { id:Deployment kg:manages ?o }"


@dataclass(frozen=True)
class Blob:
    size: int


@dataclass(frozen=True)
class Key:
    name: str
    size: int = 0


COST = 100 + ENTRY_OVERHEAD  # of a Blob(100) under a Key of size 0


def test_least_recently_used_goes_first_once_the_bytes_run_out() -> None:
    cache: ResultCache[Blob] = ResultCache(capacity=8 * COST)
    for key in "abc":
        cache.put(Key(key), Blob(100))
    assert cache.get(Key("a")) == Blob(100)  # "a" is now the most recently used
    for key in "defgh":
        cache.put(Key(key), Blob(100))  # 8 entries held: full
    cache.put(Key("i"), Blob(100))
    assert cache.get(Key("b")) is None and cache.get(Key("a")) == Blob(100)
    assert cache.held == 8 * COST and len(cache) == 8


def test_keys_count_as_much_as_values() -> None:
    cache: ResultCache[Blob] = ResultCache(capacity=8 * COST)
    cache.put(Key("long", size=COST - ENTRY_OVERHEAD - 1), Blob(1))
    assert cache.held == COST
    for key in "abcdefgh":  # unique keys, tiny answers: still bounded
        cache.put(Key(key, size=99), Blob(1))
    assert cache.held == 8 * COST and cache.get(Key("long", size=COST - ENTRY_OVERHEAD - 1)) is None


def test_an_entry_over_an_eighth_of_the_capacity_is_not_kept() -> None:
    cache: ResultCache[Blob] = ResultCache(capacity=8 * COST)
    cache.put(Key("small"), Blob(100))
    cache.put(Key("huge"), Blob(101))
    cache.put(Key("long", size=1), Blob(100))
    assert cache.get(Key("huge")) is None and cache.get(Key("long", size=1)) is None
    assert cache.get(Key("small")) == Blob(100)


def test_replacing_a_key_counts_its_bytes_once() -> None:
    cache: ResultCache[Blob] = ResultCache(capacity=8 * COST)
    cache.put(Key("a"), Blob(100))
    cache.put(Key("a"), Blob(50))
    assert (cache.held, len(cache), cache.get(Key("a"))) == (50 + ENTRY_OVERHEAD, 1, Blob(50))


def test_hits_and_misses_are_counted() -> None:
    cache: ResultCache[Blob] = ResultCache(capacity=8 * COST)
    cache.get(Key("a"))
    cache.put(Key("a"), Blob(1))
    cache.get(Key("a"))
    assert (cache.hits, cache.misses) == (1, 1)


def test_capacity_zero_keeps_nothing() -> None:
    cache: ResultCache[Blob] = ResultCache(capacity=0)
    cache.put(Key("a"), Blob(1))
    assert not cache.enabled and cache.get(Key("a")) is None


def test_a_cached_query_costs_its_text_too(settings: Settings) -> None:
    engine = SparqlEngine.open(settings)
    try:
        short = engine.execute(ONE_HOP)
        held = engine.results.held
        engine.execute(ONE_HOP + " " * 10_000)  # the same answer under a 10 KB longer key
        assert engine.results.held - held == held + 10_000
        assert held == sys.getsizeof(ONE_HOP) + sys.getsizeof(short.body) + ENTRY_OVERHEAD
    finally:
        engine.close()


def test_the_engine_answers_a_repeated_query_from_the_cache(settings: Settings) -> None:
    engine = SparqlEngine.open(settings)
    try:
        first = engine.execute(ONE_HOP)
        again = engine.execute(ONE_HOP)
        other_format = engine.execute(ONE_HOP, format="csv")
        assert (first.cached, again.cached, other_format.cached) == (False, True, False)
        assert again.body == first.body and again.rows == first.rows == 1
        assert replace(again, cached=False) == first
    finally:
        engine.close()


def test_the_cache_can_be_turned_off(settings: Settings) -> None:
    engine = SparqlEngine.open(replace(settings, result_cache_mb=0))
    try:
        engine.execute(ONE_HOP)
        assert engine.execute(ONE_HOP).cached is False
    finally:
        engine.close()


def test_the_graphs_a_request_names_are_part_of_the_key(settings: Settings) -> None:
    engine = SparqlEngine.open(settings)
    try:
        union = engine.execute("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
        ontology = engine.execute("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", default_graphs=[f"{settings.base}/graph/ontology"])
        assert not ontology.cached and ontology.body != union.body
    finally:
        engine.close()


def test_a_failed_query_is_not_remembered(settings: Settings) -> None:
    engine = SparqlEngine.open(settings)
    try:
        for _ in range(2):
            with pytest.raises(QuerySyntaxError):
                engine.execute("SELECT ?x { ?x ?y }")
        assert len(engine.results) == 0
    finally:
        engine.close()


def test_a_very_long_query_text_is_not_remembered(settings: Settings) -> None:
    engine = SparqlEngine.open(settings)
    try:
        long_query = "# " + "x" * 20_000 + "\n" + ONE_HOP
        engine.execute(long_query)
        assert engine.execute(long_query).cached is False and len(engine.results) == 0
    finally:
        engine.close()


def test_a_query_is_remembered_by_the_bytes_it_holds_not_its_length(settings: Settings) -> None:
    engine = SparqlEngine.open(settings)
    try:
        wide = "# " + "副" * 9_000 + "\n" + ONE_HOP  # 9,000 characters, 18 KB as Python holds them
        narrow = "# " + "x" * 9_000 + "\n" + ONE_HOP
        engine.execute(wide)
        engine.execute(narrow)
        assert (engine.execute(wide).cached, engine.execute(narrow).cached) == (False, True)
    finally:
        engine.close()
