"""``ResultCache`` on its own, then through ``SparqlEngine.run``: what is kept, for how long, for whom."""
from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from kgraph.config import Settings
from kgraph.errors import QuerySyntaxError
from kgraph.sparql import SparqlEngine
from kgraph.sparql.cache import ResultCache

ONE_HOP = "SELECT ?o WHERE { id:Deployment kg:manages ?o }"


@dataclass(frozen=True)
class Blob:
    size: int


def test_least_recently_used_goes_first_once_the_bytes_run_out() -> None:
    cache: ResultCache[Blob] = ResultCache(capacity=800)
    for key in "abc":
        cache.put(key, Blob(100))
    assert cache.get("a") == Blob(100)  # "a" is now the most recently used
    for key in "defgh":
        cache.put(key, Blob(100))  # 800 bytes held: full
    cache.put("i", Blob(100))
    assert cache.get("b") is None and cache.get("a") == Blob(100)
    assert cache.held == 800 and len(cache) == 8


def test_a_result_over_an_eighth_of_the_capacity_is_not_kept() -> None:
    cache: ResultCache[Blob] = ResultCache(capacity=800)
    cache.put("small", Blob(100))
    cache.put("huge", Blob(101))
    assert cache.get("huge") is None and cache.get("small") == Blob(100)


def test_replacing_a_key_counts_its_bytes_once() -> None:
    cache: ResultCache[Blob] = ResultCache(capacity=800)
    cache.put("a", Blob(100))
    cache.put("a", Blob(50))
    assert (cache.held, len(cache), cache.get("a")) == (50, 1, Blob(50))


def test_hits_and_misses_are_counted() -> None:
    cache: ResultCache[Blob] = ResultCache(capacity=800)
    cache.get("a")
    cache.put("a", Blob(1))
    cache.get("a")
    assert (cache.hits, cache.misses) == (1, 1)


def test_capacity_zero_keeps_nothing() -> None:
    cache: ResultCache[Blob] = ResultCache(capacity=0)
    cache.put("a", Blob(1))
    assert not cache.enabled and cache.get("a") is None


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
