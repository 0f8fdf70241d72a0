"""How much of a question a piece of evidence covers: the measure behind "I don't know".

In: a ``Question``, the ``SearchIndex`` (for term rarity), the concepts, the relation words and
the vocabulary (for equivalent words). Out: the question's salient ``Term``s — its concepts and
content words, each weighted by inverse document frequency (a word no note uses weighs the most) —
``Evidence`` (text ready for checks) and ``share(terms, evidence)``: the weighted share of the
terms the evidence states, 0..1, with ``missing_required``.

A concept is stated by any label the notes link (the evidence's mentions), by naming one of its
kinds (in a list question) or by one of its weak labels as a plain word (命名空间); a word by
itself, its core (会变 → 变), its stem, its translation (lifecycle ↔ 生命周期) or, for a relation word,
any word of that relation in either language — an equivalent counts ``EQUIVALENT_CREDIT``, a
heading above the sentence ``CONTEXT_CREDIT``. Concept names are blanked before words are looked
for, so 控制器 never states 控制. ``required`` terms: the question's core concepts (not those in
over ``UBIQUITOUS`` of the passages, unless all are), words of slots naming nothing known
("operator" in "what is a Kubernetes Operator"), capitalised names ("Redis"), and every content
word of a how-to question. English words the notes never use and that have no translation weigh
half (``UNKNOWN_WORD_WEIGHT``): notes in Chinese say "survive" in Chinese.
Must not: choose answers (callers do) or run SPARQL.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kgraph.answer.concepts import Concepts
from kgraph.search.index import SearchIndex, concept_term
from kgraph.answer.intents import Members
from kgraph.answer.question import Question
from kgraph.answer.relations import RelationWords
from kgraph.tokenize import Tokenizer, fold_text, stem
from kgraph.answer.vocabulary import Vocabulary

RELATION_WEIGHT = 0.5  # a relation word says less about the topic than a content word
CONTEXT_CREDIT = 0.85  # a term only the heading above a sentence states
UBIQUITOUS = 0.2
UNKNOWN_WORD_WEIGHT = 0.5
MEMO_SIZE = 100_000  # sentences whose reading is remembered (a few hundred bytes each)
EQUIVALENT_CREDIT = 0.9  # a word stated only by an equivalent (a translation, another word of the relation)
MIN_CONCEPT_WEIGHT = 1.0


@dataclass(frozen=True)
class Term:
    kind: str  # "concept" or "word"
    key: str  # concept key, or the word
    forms: tuple[str, ...]  # words that state it (folded; Latin ones as stems)
    weight: float
    required: bool = False
    concepts: tuple[str, ...] = ()  # concepts whose labels state it too (回滚 is Rollback's label)
    own: tuple[str, ...] = ()  # the forms the question itself uses (others are equivalents)


@dataclass(frozen=True)
class Evidence:
    """Text an answer would cite, prepared for coverage checks: the sentences themselves and their
    context (headings), which counts for a little less (``CONTEXT_CREDIT``)."""

    folded: str
    stems: frozenset[str]
    concepts: frozenset[str]
    context_folded: str = ""
    context_stems: frozenset[str] = frozenset()
    context_concepts: frozenset[str] = frozenset()


class Coverage:
    def __init__(self, index: SearchIndex, concepts: Concepts, relations: RelationWords, vocabulary: Vocabulary) -> None:
        self.index = index
        self.concepts = concepts
        self.tokenizer: Tokenizer = index.tokenizer
        self.relations = relations
        self.vocabulary = vocabulary
        self._memo: dict[str, tuple[frozenset[str], str, frozenset[str]]] = {}

    def terms(self, question: Question, skip: Iterable[str] = ()) -> list[Term]:
        """The question's salient terms; concepts in ``skip`` (e.g. the asked-for kind) left out."""
        skipped = set(skip)
        core = self._required(question.core_keys)
        kinds = self._kinds(question)
        terms = [self.concept(k, k in core, kinds.get(k, ())) for k in question.keys if k not in skipped]
        unresolved = set(question.unresolved)
        seen = set()
        for word in question.words:
            if word.term not in seen:
                seen.add(word.term)
                name = (word.word in unresolved or _looks_like_a_name(question.text[word.start:word.end])
                        or (question.how_to and not word.relation))  # "如何安装": the answer must say 安装
                terms.append(self._class(word.word, word.cls) if word.cls else self._word(word.word, word.relation, name))
        return terms

    def _class(self, word: str, cls: str) -> Term:
        """A slot naming a class ("IP", "workload controllers"): stated by naming any member."""
        forms = {word, *self.vocabulary.class_words.get(cls, ())}
        members = tuple(self.concepts.members(cls))
        weight = max((self.index.idf(concept_term(k)) for k in members), default=MIN_CONCEPT_WEIGHT)
        return Term("word", word, tuple(sorted({_form(f) for f in forms})), weight, True, members)

    def _required(self, keys: Sequence[str]) -> set[str]:
        """The concepts an answer must name: the question's core ones, except those the notes
        mention everywhere (Kubernetes, Pod: in over ``UBIQUITOUS`` of the passages) — unless
        all are, then the rarest."""
        if not keys:
            return set()
        rare = {k for k in keys if self.index.share(concept_term(k)) < UBIQUITOUS}
        return rare or {max(keys, key=lambda k: self.index.idf(concept_term(k)))}

    def concept(self, key: str, required: bool, kinds: tuple[str, ...] = ()) -> Term:
        """A concept: stated by any label the notes link (or ``kinds`` of it), or by its weak
        labels as plain words."""
        forms = tuple(sorted({_form(fold_text(label)) for label in self.concepts.weak_labels(key)}))
        linked = self.index.known(concept_term(key))
        idf = self.index.idf(concept_term(key)) if linked or not forms else min(
            self.index.idf(t) for f in forms for t in self._form_terms(f))
        return Term("concept", key, forms, max(idf, MIN_CONCEPT_WEIGHT), required, kinds)

    def _kinds(self, question: Question) -> dict[str, tuple[str, ...]]:
        """In a list question, the listed concept is stated by naming its kinds (卷 → 临时卷, 持久卷)."""
        if not isinstance(question.intent, Members):
            return {}
        return {s.key: tuple(self.concepts.members(s.key)) for s in question.slots.values() if s.key}

    def _word(self, word: str, relation: str | None, required: bool) -> Term:
        translations = self.vocabulary.translations
        forms = {word, self._core(word), *translations.get(word, ()), *translations.get(stem(word), ())}
        if relation:
            forms.update(fold_text(label) for label in self.relations.labels(relation))
        forms = tuple(sorted({_form(f) for f in forms if f}))
        named = {k for k in (self.concepts.question_matcher.key_for(f) for f in forms if len(f) >= 2) if k}
        known = [self.index.idf(t) for f in forms for t in self._form_terms(f) if self.index.known(t)]
        weight = min(known) if known else self.index.idf(stem(word))
        if relation:
            weight *= RELATION_WEIGHT
        elif not known and not named and word.isascii() and not required:
            weight *= UNKNOWN_WORD_WEIGHT  # "survive": an English word the notes may say in Chinese
        own = tuple(sorted({_form(word), _form(self._core(word))}))
        return Term("word", word, forms, weight, required, tuple(sorted(named)), own)

    def _core(self, word: str) -> str:
        """A Chinese word without function characters at its ends: 会变 → 变, 不变的 → 变."""
        stop = self.vocabulary.stopwords
        while len(word) > 1 and not word.isascii() and (word[0] in stop or word[0] == "不"):
            word = word[1:]
        while len(word) > 1 and not word.isascii() and word[-1] in stop:
            word = word[:-1]
        return word

    def _form_terms(self, form: str) -> list[str]:
        return form.split() if form.isascii() else self.tokenizer.terms(form) or [form]

    def search_weights(self, terms: Sequence[Term]) -> dict[str, float]:
        """BM25 query: each term's weight spread over the index terms that state it."""
        weights: dict[str, float] = {}
        for term in terms:
            keys = [t for f in term.forms for t in self._form_terms(f)]
            if term.kind == "concept":
                keys.append(concept_term(term.key))
            for key in keys:
                weights[key] = max(weights.get(key, 0.0), term.weight)
        return weights

    def evidence(self, texts: Iterable[str], concepts: Iterable[str] = (), context: Iterable[str] = ()) -> Evidence:
        """``texts`` (and ``context``) ready for checks: the concepts they name (plus ``concepts``),
        their words with concept names blanked, so 控制器 (a controller) never counts as 控制."""
        keys, folded, stems = self._read(texts)
        c_keys, c_folded, c_stems = self._read(context)
        return Evidence(folded, stems, frozenset(keys | set(concepts)), c_folded, c_stems, frozenset(c_keys))

    def _read(self, texts: Iterable[str]) -> tuple[set[str], str, frozenset[str]]:
        keys: set[str] = set()
        folded, stems = [], set()
        for text in texts:
            text_keys, text_folded, text_stems = self._read_one(text)
            keys.update(text_keys)
            folded.append(text_folded)
            stems.update(text_stems)
        return keys, " ".join(folded), frozenset(stems)

    def _read_one(self, text: str) -> tuple[frozenset[str], str, frozenset[str]]:
        """One text's concepts, folded words and stems; remembered, as the same sentences come back."""
        known = self._memo.get(text)
        if known is None:
            mentions = self.concepts.find_in_text(text)
            blanked = _blank(text, mentions)
            known = (frozenset(m.key for m in mentions), fold_text(blanked), frozenset(self.tokenizer.terms(blanked)))
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[text] = known
        return known

    def credit(self, term: Term, evidence: Evidence) -> float:
        """1 if the evidence's sentences state ``term``, ``CONTEXT_CREDIT`` if only its headings do, else 0."""
        for credit, folded, stems, concepts in (
            (1.0, evidence.folded, evidence.stems, evidence.concepts),
            (CONTEXT_CREDIT, evidence.context_folded, evidence.context_stems, evidence.context_concepts),
        ):
            if term.own and _says(term.own, folded, stems):
                return credit
            if _states(term, folded, stems, concepts):
                return credit * (EQUIVALENT_CREDIT if term.own else 1.0)
        return 0.0

    def share(self, terms: Sequence[Term], evidence: Evidence) -> float:
        """Weighted share of ``terms`` the evidence covers (1.0 when there are none)."""
        total = sum(t.weight for t in terms)
        if total <= 0:
            return 1.0
        return sum(t.weight * self.credit(t, evidence) for t in terms) / total

    def missing_required(self, terms: Sequence[Term], evidence: Evidence) -> list[Term]:
        return [t for t in terms if t.required and not self.credit(t, evidence)]


def _looks_like_a_name(surface: str) -> bool:
    """A Latin word written with a capital ("Redis", "Kafka"): a name, which an answer must state."""
    return surface[:1].isascii() and surface[:1].isupper()


def _blank(text: str, mentions) -> str:
    chars = list(text)
    for m in mentions:
        chars[m.start:m.end] = " " * (m.end - m.start)
    return "".join(chars)


def _form(word: str) -> str:
    """Latin words are compared as stems (space-separated for phrases), others without spaces."""
    if word.isascii():
        return " ".join(stem(w) for w in word.replace("-", " ").split())
    return "".join(word.split())


def _states(term: Term, folded: str, stems: frozenset[str], concepts: frozenset[str]) -> bool:
    if term.kind == "concept" and term.key in concepts:
        return True
    if any(k in concepts for k in term.concepts):
        return True
    return _says(term.forms, folded, stems)


def _says(forms: tuple[str, ...], folded: str, stems: frozenset[str]) -> bool:
    return any(all(w in stems for w in f.split()) if f.isascii() else f in folded for f in forms)
