"""The build pipeline: notes folder -> validated RDF dataset in a new store generation.

In: ``Settings`` (corpus folder, store folder, ontology folder, base IRI). Out: a ``BuildReport``
(counts, facts per relation, warnings as ``file:line: message``) after the new generation has
been made live. A ``ValidationFailed`` (SHACL) or any error leaves the previous store in place.

Stages: read (``corpus``) -> parse (``parse``) -> discover terms (``discover``) -> extract facts
and definitions (``extract``) -> RDF (``graph``) -> validate (``validate``) -> store (``store``).
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from kgraph.answer.index import write_index
from kgraph.config import Settings
from kgraph.corpus import read_corpus
from kgraph.discover import discover
from kgraph.errors import ValidationFailed
from kgraph.extract import Extraction, Extractor
from kgraph.extract.rules import load_rules
from kgraph.extract.typing import class_labels, direction_of, inverses, type_check
from kgraph.graph import GraphInput, quads, used_concepts
from kgraph.iri import Iris
from kgraph.lexicon import Lexicon
from kgraph.model import Note, Passage, Problem
from kgraph.ontology import Ontology, load_ontology
from kgraph.parse import parse_note
from kgraph.store import new_generation

NOTES_FILE = "notes.json"  # each note's text as built, for the note view: path -> text
from kgraph.validate import load_shapes, validate_graph


@dataclass(frozen=True)
class BuildReport:
    version: str
    notes: int
    passages: int
    concepts: int
    facts: dict[str, int]  # relation -> number of distinct facts
    definitions: int
    evidence: int
    triples: int
    seconds: float
    warnings: tuple[Problem, ...] = field(default=())

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


def extract_corpus(settings: Settings, progress: bool = False) -> Knowledge:
    """Read, parse, discover and extract: the part of the build that does not touch the store."""
    ontology = load_ontology(settings.ontology, settings.base)
    read = read_corpus(settings.corpus)
    notes, passages, problems = _parse_all(read.notes, progress)
    curated = Lexicon(ontology.lexicon)
    discoveries = discover(passages, curated, class_labels(ontology))
    lexicon = Lexicon(list(ontology.lexicon) + [d.term for d in discoveries])
    rules = load_rules(settings.ontology / "patterns.yaml", ontology.relations)
    extractor = Extractor(lexicon, rules, type_check(ontology, lexicon), direction_of(ontology))
    extraction = extractor.run(passages)
    data = GraphInput(notes, passages, lexicon.terms, discoveries, extraction, inverses(ontology))
    all_problems = tuple(read.problems) + tuple(problems) + tuple(curated.problems)
    return Knowledge(ontology, data, all_problems)


def _parse_all(notes: Iterable[Note], progress: bool) -> tuple[list[Note], list[Passage], list[Problem]]:
    from tqdm import tqdm

    notes = list(notes)
    parsed_notes, passages, problems = [], [], []
    for note in tqdm(notes, desc="notes", unit="note", disable=not progress, file=sys.stderr):
        parsed = parse_note(note)
        parsed_notes.append(parsed.note)
        passages += parsed.passages
        problems += parsed.problems
    return parsed_notes, passages, problems


def build(settings: Settings, progress: bool = False, on_stage: Callable[[str], None] | None = None) -> BuildReport:
    """Build the store for ``settings.corpus`` and make it live; see the module docstring."""
    started = time.perf_counter()
    stage = on_stage or (lambda _name: None)
    knowledge = extract_corpus(settings, progress)
    stage("rdf")
    iris = Iris(settings.base, knowledge.ontology.terms)
    dataset = list(dict.fromkeys(quads(knowledge.data, knowledge.ontology.graph, iris)))
    stage("validate")
    _validate(settings, dataset, iris)
    stage("store")
    report = _report(knowledge, dataset, started)
    with new_generation(settings.store) as generation:
        generation.add(dataset)
        generation.write_json(NOTES_FILE, {note.path: note.text for note in knowledge.data.notes})
        write_index(generation.path, knowledge.data.passages, knowledge.data.terms.values())
        generation.meta = {"base": settings.base, "stats": _stats(report), "report": report.to_dict()}
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
