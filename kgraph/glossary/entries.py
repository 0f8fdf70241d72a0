"""Glossary entries from the store: one per concept, names merged, the best definition chosen.

In: a ``SparqlEngine`` and ``GlossaryOptions`` (language, whether to keep concepts the notes do
not define). Out: a ``Glossary`` of ``GlossaryEntry`` values in glossary order (see ``order``).
Must not: render, or run SPARQL other than through the engine (``queries`` holds the texts).

Which definition (a concept may have several, from several notes) — the first by:
1. the glossary's language: ``zh`` prefers Chinese definitions, ``en`` English ones, and a
   concept defined only in the other language keeps that definition; ``both`` keeps the best
   English and the best Chinese definition, English first;
2. within a language, ``kgraph.reads.definition_order`` (the ranking answers use too): the form
   (the term's own glossary page, an explicit definition, naming or the first sentence under its
   heading, any other rule), a note named for the term, confidence, then where the notes say it first.
Every definition comes from a note and is cited with its lines; a concept without one is left out
unless ``include_undefined``, and then has no definition and no citations.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kgraph.errors import BadRequest
from kgraph.glossary.model import LANGS, Definition, Glossary, GlossaryEntry, Named, Related
from kgraph.glossary.names import Names, bilingual, heading, names_of
from kgraph.glossary.order import anchors, sort_key
from kgraph.glossary.queries import GraphFacts, read_graph
from kgraph.reads import DefinitionRead, definition_order



@dataclass(frozen=True)
class GlossaryOptions:
    lang: str = "both"
    include_undefined: bool = False

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise BadRequest(f"unknown glossary language {self.lang!r}; use one of {', '.join(LANGS)}")


def load_glossary(engine, options: GlossaryOptions) -> Glossary:
    """The glossary of the live store behind ``engine`` (a ``SparqlEngine``)."""
    return build_glossary(read_graph(engine, engine.settings.base), options)


def build_glossary(graph: GraphFacts, options: GlossaryOptions) -> Glossary:
    names = _names(graph)
    definitions = _definitions(graph.definitions, options.lang, names)
    keys = [k for k in graph.concepts if definitions.get(k) or options.include_undefined]
    keep = set(keys)
    anchor_of = {k: a for k, a in anchors(graph.concepts).items() if k in keep}
    context = _Context(graph, names, anchor_of, options.lang, _group(graph.facts, lambda f: f.subject),
                       _group(graph.types, lambda pair: pair[0]))
    entries = [_entry(key, definitions.get(key, ()), context) for key in keys]
    return Glossary(options.lang, tuple(sorted(entries, key=lambda e: e.sort_key)))


@dataclass(frozen=True)
class _Context:
    graph: GraphFacts
    names: dict[str, Names]
    anchors: dict[str, str]  # entries only
    lang: str
    facts: dict[str, list]  # subject key -> its facts
    types: dict[str, list]  # concept key -> (key, class) pairs


def _group(items: Iterable, key: Callable[[object], str]) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return grouped


def _names(graph: GraphFacts) -> dict[str, Names]:
    by_key = defaultdict(list)
    for label in graph.labels:
        by_key[label.key].append(label)
    return {key: names_of(by_key[key]) for key in graph.concepts}


def _entry(key: str, definitions: tuple[Definition, ...], context: _Context) -> GlossaryEntry:
    names = context.names[key]
    return GlossaryEntry(
        id=key,
        iri=str(context.graph.iris.concept(key)),
        url=_url(key, context),
        anchor=context.anchors[key],
        term=heading(names, key, context.lang),
        label_en=names.label_en,
        label_zh=names.label_zh,
        aliases=names.aliases,
        abbreviations=names.abbreviations,
        definitions=definitions,
        related=_related(key, context),
        types=tuple(_named(cls, context) for _key, cls in context.types.get(key, ())),
        sort_key=sort_key(key, names.label_en, names.label_zh),
        linkable=names.linkable,
    )


def _url(key: str, context: _Context) -> str:
    """``/id/<Key>``: the concept IRI's path (percent-encoded as ``Iris`` mints it)."""
    return str(context.graph.iris.concept(key))[len(context.graph.iris.base):]


def _named(name: str, context: _Context) -> Named:
    labels = context.graph.vocabulary.get(name, {})
    label = bilingual(labels.get("en"), labels.get("zh"), context.lang) or name
    return Named(name, label, tuple(sorted(labels.items())))


def _related(key: str, context: _Context) -> tuple[Related, ...]:
    related = []
    for fact in context.facts.get(key, ()):
        names = context.names.get(fact.object)
        term = heading(names, fact.object, context.lang) if names else fact.object
        anchor = context.anchors.get(fact.object)
        related.append(Related(_named(fact.relation, context), fact.object, term, anchor, _url(fact.object, context)))
    return tuple(sorted(related, key=lambda r: (r.relation.id, _target_order(r, context))))


def _target_order(related: Related, context: _Context) -> tuple[str, ...]:
    names = context.names.get(related.target)
    return sort_key(related.target, names.label_en if names else None, names.label_zh if names else None)


def _definitions(rows: Iterable[DefinitionRead], lang: str, names: dict[str, Names]) -> dict[str, tuple[Definition, ...]]:
    """Concept key -> its chosen definitions (see the module docstring)."""
    candidates: dict[str, list[DefinitionRead]] = defaultdict(list)
    for row in rows:
        candidates[row.key].append(row)
    return {key: choose_definitions(rows, lang, names.get(key)) for key, rows in candidates.items()}


def choose_definitions(rows: list[DefinitionRead], lang: str, names: Names | None = None) -> tuple[Definition, ...]:
    best: dict[str, DefinitionRead] = {}
    labels = tuple(n for n in (names.label_en, names.label_zh, *names.aliases) if n) if names else ()
    for row in sorted(rows, key=definition_order(names=lambda _key: labels)):
        best.setdefault(row.lang, row)
    first = "en" if lang == "both" else lang
    langs = sorted(best, key=lambda l: (l != first, l))
    return tuple(_definition(best[l]) for l in (langs if lang == "both" else langs[:1]))


def _definition(row: DefinitionRead) -> Definition:
    return Definition(row.text, row.lang, row.rule, row.confidence, row.citation, row.date)
