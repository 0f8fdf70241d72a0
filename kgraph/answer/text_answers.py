"""Answers found in the passages: "about X", differences, and plain retrieval.

In: a ``Question`` and, as keyword arguments, the parts each strategy reads (``strategies`` binds
them): the retriever, the coverage, the search index, ``Kinds``, the graph queries, words of the
vocabulary. Out: a ``Draft`` quoting the best sentences, or None.

- about X: sentences naming X first or under its heading (``definition_passages`` keeps those
  that say what X is);
- difference: sentences naming both sides, preferring contrast words (而, 但, 区别, whereas …),
  plus any fact between the two; when no sentence names both, the best one for each side;
- purpose: retrieval, for "what is X for" and for "what is <a phrase about a concept>" only;
- retrieval: the sentence covering most of the question (preferring, for "谁…"/"which …", one
  naming someone, of the kind asked for), with the list items it announces, if any.
Lists ("有哪些 X") are ``listing``'s. The answerer decides afterwards whether the chosen sentences
cover the question well enough. Must not: run SPARQL except through ``GraphQueries``.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from kgraph.answer.compose import INTRO
from kgraph.answer.coverage import Coverage, Term
from kgraph.answer.draft import Draft, Part, hits_parts, statements_parts
from kgraph.answer.graph_queries import GraphQueries
from kgraph.search.index import SearchIndex
from kgraph.answer.intents import Composition, Direction
from kgraph.answer.kinds import Kinds
from kgraph.answer.question import Question
from kgraph.answer.retrieval import TOP_PASSAGES, Hit, Keep, Preference, Retriever
from kgraph.ontology import Relation
from kgraph.tokenize import fold_text, stem

MAX_SENTENCES = 2
MAX_DIFFERENCES = 3
CLOSE = 0.1  # a second sentence is quoted when it covers nearly as much as the best
MAX_LIST_SENTENCES = 6
ANNOUNCING = ("：", ":")  # a sentence ending so announces what follows


def about_hits(question: Question, key: str, *, retriever: Retriever, coverage: Coverage,
               purpose_words: frozenset[str], keep: Keep | None = None, passages: int = TOP_PASSAGES) -> list[Hit]:
    """Sentences about ``key`` (naming it first, or under its heading), those saying what it is
    for (``purpose_words``) first when the question asks that; only those ``keep`` accepts, when given."""
    terms = coverage.terms(question, skip=[question.answer_concept] if question.answer_concept else ())
    cues = purpose_words if question.purpose else frozenset()
    hits = retriever.hits(terms, Preference(focus=(key,), cues=cues, lang=question.lang), limit=10,
                          passages=passages, keep=keep)
    target = coverage.concept(key, True)
    return [h for h in hits if coverage.credit(target, h.evidence)]


def retrieval(question: Question, *, retriever: Retriever, coverage: Coverage, index: SearchIndex, kinds: Kinds,
              composition_cues: frozenset[str]) -> Draft | None:
    """The sentence covering most of the question, with the list items it announces."""
    terms = coverage.terms(question, skip=[question.answer_concept] if question.answer_concept else ())
    if not terms:
        return None
    hits = retriever.hits(terms, _preference(question, kinds, terms, composition_cues), limit=10)
    if not hits:
        return None
    items = _items_announced_by(hits[0], index)
    parts = hits_parts(hits[:1]) + items if items else hits_parts(best(hits))
    return Draft("retrieval", "", parts, None, (), "passages", single=True)


def purpose(question: Question, *, retrieval: Callable[[Question], Draft | None]) -> Draft | None:
    """``retrieval`` for "what is X for", and for "what is X" when X is a phrase about a concept ("the
    possible Pod phases", "容器的 hostname"): what something is for, or a property of it, may be
    said in any sentence, where "what is X" of a term needs one that says what X is."""
    about_a_concept = question.intent.subject is not None and question.intent.phrase
    return retrieval(question) if question.purpose or about_a_concept else None


def _preference(question: Question, kinds: Kinds, terms: list[Term], composition_cues: frozenset[str]) -> Preference:
    """What a wh question wants of a sentence: naming someone besides the question's concepts
    ("谁负责调度 Pod"), before the relation word when the question asks for the subject, and of
    the kind asked for ("通过什么接口": an interface); a composition question, the words of parts."""
    asks_for_one = question.wh and bool(question.relations)
    kind = frozenset(kinds.members(question) or ()) - set(question.keys)
    if isinstance(question.intent, Composition):  # "what does X consist of": a sentence saying what it is made of
        return Preference(kinds=kind, lang=question.lang, cues=composition_cues)
    if not asks_for_one:
        return Preference(kinds=kind, lang=question.lang)
    agent = bool(question.keys) and question.direction is Direction.INVERSE
    words = tuple(f for t in terms if t.kind == "word" and _is_relation(t, question) for f in t.forms) if agent else ()
    return Preference(other_than=frozenset(question.keys), kinds=kind, agent=words, lang=question.lang)


def composition_words(parts_of: Mapping[str, Sequence[str]], relations: Mapping[str, Relation]) -> frozenset[str]:
    """The words of the relations naming parts (``parts_of["forward"]``: hasPart — consists of,
    包含, 由组成 …), folded; an English one by the stem of its verb (consist, contain), a Chinese
    label written around its object ("由…组成") by its last word (组成)."""
    names = parts_of.get("forward", ())
    labels = [label for name in names if name in relations for ls in relations[name].labels.values() for label in ls]
    words = {fold_text(label[1:] if label.startswith("由") else label) for label in labels if not label.isascii()}
    for label in (fold_text(l).split() for l in labels if l.isascii()):  # "consists of" → consist, "is composed of" → compos
        words.add(stem(label[1] if label[0] in ("is", "are") and len(label) > 1 else label[0]))
    return frozenset(w for w in words if len(w) >= 4 or not w.isascii())


def _items_announced_by(hit: Hit, index: SearchIndex) -> tuple[Part, ...]:
    """The list items after a sentence that ends announcing them ("…四个初始命名空间：")."""
    if not hit.sentence.text.rstrip().endswith(ANNOUNCING):
        return ()
    items = index.following_items(hit.passage, MAX_LIST_SENTENCES)
    return tuple(Part(i.sentences[0].text, i.citation(i.sentences[0])) for i in items if i.sentences)


def _is_relation(term: Term, question: Question) -> bool:
    return any(w.relation and w.word == term.key for w in question.words)


def best(hits: Sequence[Hit], n: int = MAX_SENTENCES) -> list[Hit]:
    """The first hit, and the next best of other passages that cover nearly as much."""
    top = hits[0]
    rest = [h for h in hits[1:] if h.coverage >= top.coverage - CLOSE and h.passage is not top.passage]
    return [top] + rest[: n - 1]


# --- differences ---------------------------------------------------------------------------------------


def difference(question: Question, *, retriever: Retriever, coverage: Coverage, graph: GraphQueries,
               contrast: frozenset[str], weak_contrast: frozenset[str]) -> Draft | None:
    """Sentences naming both sides, those holding ``contrast`` (then ``weak_contrast``) words
    first, and a fact between the two; else the best sentence of each side."""
    heads = question.core_keys
    keys = question.slot_keys if len(set(heads)) < 2 else heads  # "K8s 的卷 vs Docker 的卷": the modifiers differ
    if not keys:
        return None
    terms = coverage.terms(question)
    hits = retriever.hits(terms, Preference(focus=tuple(keys), contrast=contrast, weak_contrast=weak_contrast), limit=20)
    both = [h for h in hits if all(k in h.evidence.concepts for k in keys)]
    facts = _facts_between(question, graph)
    if both:
        return Draft("difference", "", hits_parts(best(both, MAX_DIFFERENCES)) + facts, None, (), "passages")
    sides = list(dict.fromkeys(h for h in (_side(hits, key) for key in keys[:2]) if h is not None))
    if not sides and not facts:
        return None
    return Draft("difference", "", hits_parts(sides) + facts, None, (), "passages", INTRO[question.lang]["separately"])


def _side(hits: Sequence[Hit], key: str) -> Hit | None:
    return next((h for h in hits if key in h.evidence.concepts), None)


def _facts_between(question: Question, graph: GraphQueries) -> tuple[Part, ...]:
    x, y = question.intent.a, question.intent.b  # a Path or a Difference
    if not x or not y or x == y:
        return ()
    forward, _ = graph.facts(subject=x, object=y)
    backward, _ = graph.facts(subject=y, object=x)
    return statements_parts(forward + backward, 1)
