"""Extraction: concept mentions, relation facts and definitions from parsed passages.

In: the passages of the notes, the final ``Lexicon`` (curated + discovered terms), the compiled
rules and a ``Typing`` (concept types and the ontology's domain/range). Out: an ``Extraction``
holding every ``Assertion`` and ``Definition`` with its evidence, and what it read in each passage
(``PassageReading``: its sentences and concept mentions, which the search index reuses so that
answers and the graph cite the same sentences). Code blocks yield mentions only. Must not: read
files or build RDF.

Sentences come from ``kgraph.text.sentence_spans``. A sentence's *topics* — what fills a rule's
optional {A?}/{B?} — are, in order: the sentence's own subject (a mention opening it, for its later
clauses without one: "kube-scheduler 选择节点，并将…"); the mentions of the previous sentence when
this one opens with a connective or demonstrative (而, 这, 该, 此, 它, 其); the concept its section
heading names; else the concept the page is about (a glossary page's term, or the one concept its
title names: "Kubernetes 调度器"). A list item nested under a colon-ended passage that opens
with a subject ("1. The kube proxy:" / "- runs on each node") has that subject as its topic
instead of the heading's.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kgraph.extract.definitions import definitions_in, item_definitions
from kgraph.extract.mentions import mentions_in
from kgraph.extract.reference import opening, pronoun_mentions
from kgraph.extract.relations import Direction, Sentence, TypeCheck, link_titles, mask, relations_in, subject_like
from kgraph.extract.rules import MAX_MENTIONS, RuleIndex
from kgraph.lexicon import Lexicon
from kgraph.model import Assertion, Definition, Evidence, Mention, Passage, PassageReading
from kgraph.structure import described_terms
from kgraph.text import detect_lang, sentence_spans

_ITEM_HEAD = re.compile(r"[：:，,。（(]")


def _item_head_end(text: str) -> int:
    """Where a list item's lead term ends: at its first colon, comma, stop or bracket."""
    match = _ITEM_HEAD.search(text)
    return min(match.start() if match else len(text), 60) or len(text)


def _rehome(assertion: Assertion, item: Passage, head_end: int) -> Assertion:
    """The same fact, cited from the list item that names its object."""
    quote, span = item.quote(0, head_end)
    e = assertion.evidence
    evidence = Evidence(item.note_path, item.index, span, quote, item.text[:head_end], e.rule, e.confidence)
    return Assertion(assertion.subject, assertion.relation, assertion.object, evidence)


def _indent(passage: Passage) -> int:
    """How deep a list item sits (the spaces before its marker); other passages are above every item."""
    if passage.kind != "list_item":
        return -1
    return len(passage.source) - len(passage.source.lstrip(" "))


_HEADING_RESIDUE = re.compile(r"[\s\d.、:：（）()，,*]+")
_CONNECTIVE = re.compile(r"^[\s*>“\"]*(?:而|这|该|此|它|其|那么|因此|所以|such|this|these|it|they)", re.IGNORECASE)


@dataclass(frozen=True)
class Extraction:
    assertions: tuple[Assertion, ...]
    definitions: tuple[Definition, ...]
    readings: dict[tuple[str, int], PassageReading] = field(default_factory=dict)  # by (note, passage index)


@dataclass(frozen=True)
class Extractor:
    lexicon: Lexicon
    rules: RuleIndex
    check: TypeCheck
    direction: Direction
    term_keys: Mapping[str, str] = field(default_factory=dict)  # glossary term id -> concept key
    page_keys: Mapping[str, str] = field(default_factory=dict)  # note path -> the concept the page is about
    _headings: dict[str, tuple[str | None, bool]] = field(default_factory=dict, compare=False, repr=False)

    def run(self, passages: Sequence[Passage]) -> Extraction:
        assertions: list[Assertion] = []
        definitions: list[Definition] = []
        readings: dict[tuple[str, int], PassageReading] = {}
        seen_sections: set[tuple[str, tuple[str, ...]]] = set()
        lead: tuple[Passage, PassageReading] | None = None  # a colon-ended lead-in and what was read in it
        subjects: list[tuple[int, str | None]] = []  # (indent, opening subject) of colon-ended passages above
        note = ""
        described = described_terms(passages)  # a definition list's description is defined by its term
        for passage in passages:
            found = mentions_in(passage, self.lexicon, self.term_keys)
            reading = readings[(passage.note_path, passage.index)] = PassageReading(
                tuple(sentence_spans(passage.text)), tuple(found))
            if passage.kind == "code":
                continue
            section = (passage.note_path, passage.heading_path)
            first = section not in seen_sections
            seen_sections.add(section)
            indent = _indent(passage)
            if passage.kind != "list_item" or passage.note_path != note:
                subjects = []
            subjects, note = [s for s in subjects if s[0] < indent], passage.note_path
            term = described.get((passage.note_path, passage.index))
            named = self._described(term[1]) if term else None
            a, d, last = self._passage(passage, reading, first or bool(named and named[0] and named[1]),
                                       subjects[-1][1] if subjects else None, named)
            assertions += a
            definitions += d
            if passage.text.rstrip().endswith(("：", ":")):
                subjects.append((indent, last.opening[0] if last is not None and last.opening else None))
            lead = self._follow_lead_in(lead, passage, reading, assertions)
        return Extraction(tuple(assertions), tuple(definitions), readings)

    def _follow_lead_in(self, lead, passage: Passage, reading: PassageReading, assertions: list[Assertion]):
        """Track a colon-ended lead-in sentence and the list items that continue it."""
        if lead is not None and passage.kind == "list_item" and passage.note_path == lead[0].note_path:
            assertions += self._lead_in(lead[0], lead[1], passage, reading)
            return lead
        return (passage, reading) if passage.text.rstrip().endswith(("：", ":")) else None

    def _lead_in(self, lead: Passage, lead_read: PassageReading, item: Passage, item_read: PassageReading) -> list[Assertion]:
        start, end = lead_read.sentences[-1]
        lead_mentions = tuple(m for m in lead_read.mentions if m.start >= start and m.end <= end)
        head_end = _item_head_end(item.text)
        item_mentions = tuple(m for m in item_read.mentions if m.end <= head_end)
        masked = mask(lead.text, start, end, lead_mentions) + mask(item.text, 0, head_end, item_mentions, len(lead_mentions))
        sentence = Sentence(lead, start, end, lead_mentions + item_mentions, masked, detect_lang(lead.text[start:end]))
        found = relations_in(sentence, self.rules, self.check, self.direction, scope_name="lead-in")
        return found + [_rehome(a, item, head_end) for a in found]

    def _passage(self, passage: Passage, reading: PassageReading, first_in_section: bool,
                 lead_subject: str | None, described: tuple[str | None, bool] | None = None,
                 ) -> tuple[list[Assertion], list[Definition], Sentence | None]:
        """What one passage says; ``described`` is the concept of the definition-list term it
        describes (and whether the term is just its name), which its first sentence may define."""
        heading_key, own_heading = self._heading_key(passage)
        term_key, own_term = described if described and described[0] else (None, False)
        topic = lead_subject or heading_key or self.page_keys.get(passage.note_path)
        assertions: list[Assertion] = []
        definitions: list[Definition] = []
        previous: Sentence | None = None
        titles = link_titles(passage)  # once a passage: every sentence of it checks its matches against them
        for start, end in reading.sentences:
            sentence = self._sentence(passage, start, end, reading.mentions, topic, previous, titles)
            assertions += relations_in(sentence, self.rules, self.check, self.direction)
            if lead_subject and previous is None:
                assertions += relations_in(sentence, self.rules, self.check, self.direction, scope_name="item")
                definitions += item_definitions(sentence, lead_subject)
            defined = term_key if own_term else heading_key if own_heading else None
            definitions += definitions_in(sentence, defined, first_in_section and previous is None)
            previous = sentence
        return assertions, definitions, previous

    def _sentence(self, passage: Passage, start: int, end: int, found: Iterable[Mention],
                  heading_key: str | None, previous: Sentence | None,
                  titles: tuple[tuple[int, int], ...] = ()) -> Sentence:
        inside = [m for m in found if m.start >= start and m.end <= end]
        text = passage.text[start:end]
        first_mask = mask(passage.text, start, end, inside)
        own = opening(first_mask, inside, passage.text, start)
        resolved, from_previous = pronoun_mentions(passage.text, start, end, own, previous.opening if previous else ())
        if resolved:
            inside = sorted(inside + resolved, key=lambda m: m.start)
        inside = tuple(inside[:MAX_MENTIONS])
        masked = mask(passage.text, start, end, inside) if resolved else first_mask
        topics, quote_start = ((heading_key,) if heading_key else ()), None
        if previous is not None and previous.mentions and _CONNECTIVE.match(text):
            subjects = [m.key for i, m in enumerate(previous.mentions) if subject_like(previous.masked, i)]
            topics = tuple(dict.fromkeys(subjects)) + topics
            quote_start = previous.start
        if from_previous and previous is not None:
            quote_start = previous.start
        topics = tuple(dict.fromkeys(own[:1] + topics))
        return Sentence(passage, start, end, inside, masked, detect_lang(text), topics, quote_start, own, titles)

    def _described(self, name: str) -> tuple[str | None, bool]:
        """The concept a definition-list term names: by any of its labels (weak ones too: `Never`), else as a heading."""
        key = self.lexicon.key_for(name)
        return (key, True) if key else self._heading_topic(name)

    def _heading_key(self, passage: Passage) -> tuple[str | None, bool]:
        """The concept a section heading names when it names exactly one, and whether the heading
        is nothing but that name (possibly glossed: 持久卷（PersistentVolume，PV）)."""
        if not passage.heading_path:
            return None, False
        return self._heading_topic(passage.heading_path[-1])

    def _heading_topic(self, heading: str) -> tuple[str | None, bool]:
        if heading not in self._headings:  # a note repeats its heading for every passage under it
            self._headings[heading] = self._read_heading(heading)
        return self._headings[heading]

    def _read_heading(self, heading: str) -> tuple[str | None, bool]:
        found = self.lexicon.find(heading)
        keys = {m.key for m in found}
        if len(keys) != 1:
            return None, False
        key = keys.pop()
        rest = "".join(ch for i, ch in enumerate(heading) if not any(m.start <= i < m.end for m in found))
        for text, _lang, _kind in self.lexicon.terms[key].labels:  # 部署(Deployment): 部署 is a weak label
            rest = rest.replace(text, "")
        return key, not _HEADING_RESIDUE.sub("", rest)
