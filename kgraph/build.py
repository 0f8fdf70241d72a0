"""The build pipeline: notes folder -> validated RDF dataset in a new store generation.

In: ``Settings`` (corpus folder, store folder, ontology folder, base IRI). Out: a ``BuildReport``
(counts, facts per relation, warnings as ``file:line: message``) after the new generation has
been made live. A ``ValidationFailed`` (SHACL) or any error leaves the previous store in place.

Stages: read (``corpus``) -> parse (``parse``) -> discover terms (``discover``) -> extract facts
and definitions (``extract``) -> RDF (``graph``) -> validate (``validate``) -> store (``store``).
Parsing and extraction run per note (``pernote``: cached in ``<store>/cache`` by ``buildcache``,
spread over processes or a Dask cluster by ``pool``); the other stages run on the whole corpus.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace

from kgraph.buildcache import NoteCache, code_version, digest
from kgraph.pernote import Laps, executor, extract_all, parse_all, remembered_loader
from kgraph.search.index import write_index
from kgraph.config import Settings
from kgraph.corpus import read_corpus
from kgraph.discover import Discovery, Member, discover, load_words
from kgraph.errors import ValidationFailed
from kgraph.extract import Extraction, Extractor
from kgraph.extract.confidence import load_priors, load_threshold, load_untyped, split_facts
from kgraph.extract.definitions import glossary_definitions
from kgraph.extract.rules import RuleIndex, load_rules, relation_words, with_priors
from kgraph.extract.topics import page_topics
from kgraph.extract.typing import class_labels, direction_of, inverses, type_check
from kgraph.graph import GraphInput, quads, used_concepts
from kgraph.iri import Iris
from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Assertion, Definition, Passage, Problem, Term
from kgraph.ontology import Ontology, load_ontology
from kgraph.parse import ParsedNote
from kgraph.parse.context import Reading
from kgraph.parse.shortcodes import load_shortcodes
from kgraph.store import NOTES_FILE, new_generation
from kgraph.structure import glossary_pages, term_titles
from kgraph.validate import load_shapes, validate_graph


@dataclass(frozen=True)
class BuildReport:
    version: str
    notes: int
    passages: int
    concepts: int
    facts: dict[str, int]  # relation -> number of distinct facts
    definitions: int
    candidates: int  # distinct facts below the confidence threshold (graph:candidate)
    evidence: int
    triples: int
    seconds: float
    warnings: tuple[Problem, ...] = field(default=())
    reused: int = 0  # per-note results (parses, extractions, search documents) taken from the build cache
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage: read, parse, discover, extract, rdf, validate, store

    def to_dict(self) -> dict:
        data = asdict(self)
        data["warnings"] = [str(w) for w in self.warnings]
        return data


@dataclass(frozen=True)
class Knowledge:
    """Everything extracted from one corpus, before it becomes RDF."""

    ontology: Ontology
    data: GraphInput
    problems: tuple[Problem, ...]
    laps: Laps = field(default_factory=lambda: Laps())  # seconds per stage so far


def extract_corpus(settings: Settings, progress: bool = False, cache: NoteCache | None = None) -> Knowledge:
    """Read, parse, discover and extract: the part of the build that does not touch the store
    (per-note results are read from and added to ``cache`` when one is given)."""
    lap = Laps()
    ontology = load_ontology(settings.ontology, settings.base)
    cache = cache or NoteCache(settings.store, "", enabled=False)
    read = read_corpus(settings.corpus, remembered_loader(cache))
    workers = executor(settings)
    lap("read")
    parsed = parse_all(read.notes, Reading(load_shortcodes(settings.ontology / "shortcodes.yaml"),
                                            term_titles(read.notes)), progress, workers, cache)
    lap("parse")
    notes = [item.note for item in parsed]
    passages = [p for item in parsed for p in item.passages]
    pages = glossary_pages(parsed)
    curated = Lexicon(ontology.lexicon)
    words = load_words(settings.ontology / "discovery.yaml")
    discovered = discover(passages, curated, class_labels(ontology), pages, notes, words, ontology.is_a,
                          relation_words(ontology.relations))
    discoveries = list(discovered.discoveries)
    lap("discover")
    lexicon_terms = list(ontology.lexicon) + [d.term for d in discoveries]
    lexicon = Lexicon(lexicon_terms)
    problems = _ambiguous(lexicon, discoveries)
    discoveries = _kept(discoveries, lexicon)
    rules = with_priors(load_rules(settings.ontology / "patterns.yaml", ontology.relations), load_priors(settings.ontology))
    extractor = Extractor(lexicon, RuleIndex(rules), type_check(ontology, lexicon, load_untyped(settings.ontology)), direction_of(ontology),
                          discovered.term_keys, page_topics(notes, discovered.term_keys, lexicon))
    context = digest(lexicon_terms, sorted(discovered.term_keys.items()))
    extraction = extract_all(extractor, parsed, cache, context, workers)
    lap("extract")
    extraction = replace(extraction, assertions=_member_facts(extraction.assertions, discovered.members, lexicon))
    extraction = replace(extraction, definitions=_one_each(glossary_definitions(pages, discovered.term_keys)
                                                           + list(extraction.definitions)))
    threshold = settings.fact_threshold if settings.fact_threshold is not None else load_threshold(settings.ontology)
    kept, candidates = split_facts(extraction.assertions, threshold)
    extraction = replace(extraction, assertions=kept)
    data = GraphInput(notes, passages, lexicon.terms, discoveries, extraction, inverses(ontology), candidates)
    problems = [p for item in parsed for p in item.problems] + _unknown_shortcodes(parsed) + problems
    all_problems = tuple(read.problems) + tuple(problems) + tuple(curated.problems)
    return Knowledge(ontology, data, all_problems, lap)


def _member_facts(assertions: tuple[Assertion, ...], members: Iterable[Member], lexicon: Lexicon) -> tuple[Assertion, ...]:
    """The assertions and ``member subtypeOf kind`` for each name a list gives as a member of a
    kind, cited from its item (once per item; not where a rule already found it there)."""
    def cited(a: Assertion) -> tuple:
        return (a.subject, a.relation, a.object, a.evidence.note_path, a.evidence.span)

    seen = {cited(a) for a in assertions}
    out = list(assertions)
    for m in members:
        fact = Assertion(m.key, "subtypeOf", m.kind, m.evidence)
        if m.key != m.kind and m.key in lexicon.terms and m.kind in lexicon.terms and cited(fact) not in seen:
            seen.add(cited(fact))
            out.append(fact)
    return tuple(out)


def _one_each(definitions: list[Definition]) -> tuple[Definition, ...]:
    """One definition per (concept, note, lines, text): the first (the strongest rule) wins."""
    seen: dict[tuple, Definition] = {}
    for d in definitions:
        seen.setdefault((d.key, d.evidence.note_path, d.evidence.span, d.text), d)
    return tuple(seen.values())


def _kept(discoveries: Iterable[Discovery], lexicon: Lexicon) -> list[Discovery]:
    """The discoveries with only the labels the lexicon kept (an ambiguous one goes to its first owner)."""
    kept = []
    for d in discoveries:
        term = lexicon.terms.get(d.term.key)
        have = {fold_label(text) for text, _l, _k in term.labels} if term else set()
        labels = tuple(label for label in d.term.labels if fold_label(label[0]) in have)
        if labels:
            kept.append(Discovery(Term(d.term.key, labels, d.term.types, d.term.source), d.evidence))
    return kept


def _ambiguous(lexicon: Lexicon, discoveries: Iterable[Discovery]) -> list[Problem]:
    """One warning per name the notes give two concepts, where the losing one was found."""
    found = {(d.term.key, fold_label(text)): d.evidence for d in discoveries for text, _l, _k in d.term.labels}
    problems = []
    for text, owner, loser in lexicon.conflicts:
        evidence = found.get((loser, fold_label(text)))
        if evidence is not None:
            problems.append(Problem(evidence.note_path, f"ambiguous alias {text!r}: it names both {owner} and {loser};"
                                    f" kept for {owner}", line=evidence.span.start_line, kind="ambiguous-alias"))
    return problems


def _unknown_shortcodes(parsed: Iterable[ParsedNote]) -> list[Problem]:
    """One warning per unknown shortcode name, at its first use, with the number of uses."""
    uses: dict[str, list[tuple[str, int]]] = {}
    for item in parsed:
        for name, line in item.unknown_shortcodes:
            uses.setdefault(name, []).append((item.note.path, line))
    return [Problem(where[0][0], f"unknown shortcode {{{{< {name} >}}}}: its inner text is read as prose"
                    f" ({len(where)} use{'s' if len(where) > 1 else ''})", line=where[0][1], kind="unknown-shortcode")
            for name, where in sorted(uses.items())]


def build(settings: Settings, progress: bool = False, on_stage: Callable[[str], None] | None = None) -> BuildReport:
    """Build the store for ``settings.corpus`` and make it live; see the module docstring."""
    started = time.perf_counter()
    stage = on_stage or (lambda _name: None)
    cache = NoteCache(settings.store, code_version(settings.ontology), settings.cache)
    knowledge = extract_corpus(settings, progress, cache)
    lap = knowledge.laps
    stage("rdf")
    iris = Iris(settings.base, knowledge.ontology.terms)
    dataset = list(dict.fromkeys(quads(knowledge.data, knowledge.ontology.graph, iris)))
    lap("rdf")
    stage("validate")
    _validate(settings, dataset, iris)
    lap("validate")
    stage("store")
    report = _report(knowledge, dataset, started)
    with new_generation(settings.store) as generation:
        generation.add(dataset)
        generation.write_json(NOTES_FILE, {note.path: note.text for note in knowledge.data.notes})
        # the search documents are tokenized here (``--jobs``) even on a cluster: jieba's tokenizer does not pickle
        write_index(generation.path, knowledge.data.passages, knowledge.data.extraction.readings,
                    knowledge.data.terms.values(), settings.jobs, cache)
        lap("store")
        report = replace(report, reused=cache.hits, timings=dict(lap.seconds))
        generation.meta = {"base": settings.base, "stats": _stats(report), "report": report.to_dict()}
    cache.prune()
    seconds = round(time.perf_counter() - started, 3)
    return BuildReport(**{**asdict(report), "version": generation.path.name, "seconds": seconds, "warnings": report.warnings})


def _validate(settings: Settings, dataset: list[tuple], iris: Iris) -> None:
    """SHACL over what extraction produced (asserted + evidence graphs; the curated ontology and
    the inferred inverses carry no evidence by design)."""
    checked = {iris.graph("asserted"), iris.graph("evidence")}
    data = ((s, p, o) for s, p, o, g in dataset if g in checked)
    violations = validate_graph(data, load_shapes(settings.ontology, settings.base))
    if violations:
        lines = [str(v) for v in violations]
        raise ValidationFailed(f"{len(lines)} SHACL violation(s); first: {lines[0]}", lines)


def _report(knowledge: Knowledge, dataset: list[tuple], started: float) -> BuildReport:
    extraction: Extraction = knowledge.data.extraction
    facts = Counter(relation for _s, relation, _o in {(a.subject, a.relation, a.object) for a in extraction.assertions})
    evidence = len(extraction.assertions) + len(extraction.definitions)
    return BuildReport(
        version="",
        notes=len(knowledge.data.notes),
        passages=len(knowledge.data.passages),
        concepts=len(used_concepts(knowledge.data)),
        facts=dict(sorted(facts.items())),
        definitions=len(extraction.definitions),
        candidates=len({(a.subject, a.relation, a.object) for a in knowledge.data.candidates}),
        evidence=evidence,
        triples=len(dataset),
        seconds=round(time.perf_counter() - started, 3),
        warnings=knowledge.problems,
    )


def _stats(report: BuildReport) -> dict[str, int]:
    return {
        "triples": report.triples,
        "concepts": report.concepts,
        "facts": sum(report.facts.values()),
        "notes": report.notes,
        "passages": report.passages,
        "evidence": report.evidence,
    }
