"""``kgraph.reads``: definitions with their evidence in one query, and the one ranking of them."""
from __future__ import annotations

from pathlib import Path

import pytest

from kgraph import reads
from kgraph.build import build
from kgraph.config import Settings
from kgraph.model import Citation
from kgraph.reads import DefinitionRead, definition_order
from kgraph.sparql import SparqlEngine


NOTES = Path(__file__).resolve().parent / "data" / "answer" / "notes"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Settings:
    settings = Settings(corpus=NOTES, store=tmp_path_factory.mktemp("reads-store"))
    build(settings)
    return settings


def row(rule: str, lang: str, source: str, confidence: float = 0.9, line: int = 1) -> DefinitionRead:
    return DefinitionRead("Operator", f"{rule} {lang} {source}", lang, rule, confidence,
                          Citation(source, line, line, "", "q"), 0)


def test_the_language_asked_for_comes_first_then_the_form() -> None:
    glossary_zh = row("def-glossary", "zh", "zh/glossary/operator.md")
    copula_en = row("def-copula", "en", "en/concepts/_index.md")
    heading_en = row("def-heading", "en", "en/concepts/a.md", confidence=0.95)
    assert sorted([heading_en, glossary_zh, copula_en], key=definition_order("en"))[0] is copula_en
    assert sorted([heading_en, glossary_zh, copula_en], key=definition_order("zh"))[0] is glossary_zh
    assert sorted([heading_en, copula_en], key=definition_order())[0] is copula_en  # form before confidence


def test_a_note_named_for_the_concept_wins_a_tie_of_form() -> None:
    elsewhere = row("def-copula", "en", "en/concepts/extend-kubernetes/_index.md")
    own = row("def-copula", "en", "en/concepts/extend-kubernetes/operator.md")
    assert sorted([elsewhere, own], key=definition_order("en", lambda key: ("Operator",)))[0] is own
    assert reads.about(own, ["operator pattern", "Operator"]) and not reads.about(elsewhere, ["Operator"])


def test_definitions_are_read_with_their_citations_in_one_query(tiny) -> None:
    engine = SparqlEngine.open(tiny)
    found = reads.definitions(engine, tiny.base, ["StatefulSet"])
    assert [(d.key, d.text, d.lang, d.citation.source, d.citation.start_line) for d in found.rows] == [
        ("StatefulSet", "StatefulSet 是用来管理有状态应用的工作负载控制器。", "zh", "workloads.md", 11)]
    assert found.sparql.startswith("PREFIX kg:") and "VALUES ?c" in found.sparql
    assert engine.select(found.sparql)  # the query shown runs as given
    everything = reads.definitions(engine, tiny.base).rows
    assert {d.key for d in everything} >= {"StatefulSet"} and all(d.citation.quote for d in everything)


def test_labels_types_and_titles_are_one_query_each(tiny) -> None:
    engine = SparqlEngine.open(tiny)
    base = tiny.base
    labels = reads.labels(engine, base, ["StatefulSet"]).rows
    assert [(l.kind, l.text, l.lang) for l in labels if l.kind in ("pref", "hidden")] == [
        ("hidden", "StatefullSet", "en"), ("pref", "StatefulSet", "en"), ("pref", "有状态集", "zh")]
    assert {l.key for l in labels} == {"StatefulSet"} and all(l.kind in reads.LABEL_KINDS for l in labels)
    everything = reads.labels(engine, base).rows
    assert {"StatefulSet", "Deployment", "Pod"} <= {l.key for l in everything}
    assert reads.labels(engine, base, ["NoSuchConcept"]).rows == ()
    assert reads.types(engine, base, ["StatefulSet"]).rows == (("StatefulSet", "WorkloadController"),)
    assert reads.titles(engine) == {"scheduling.md": "Scheduling", "workloads.md": "工作负载"}
    assert reads.titles(engine, ["workloads.md"]) == {"workloads.md": "工作负载"}
