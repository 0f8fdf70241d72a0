"""List questions answered from the passages: the members of a class ("有哪些 X", "what kinds of X").

In: a ``Question`` whose intent is ``Members`` and, as keyword arguments, the graph queries (the
class's members and X's subtypes), the retriever, coverage, search index, concepts, ``Names`` and
the words that announce a list (``list_cues``). Out: a ``Draft`` — a sentence announcing a list
("有三种IP地址，分别如下：") with the list items after it, or the sentences under one heading naming
most members of the class — whichever names more; or None. Must not: run SPARQL except through
``GraphQueries`` or decide whether the draft answers.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from kgraph.answer.compose import join
from kgraph.answer.concepts import Concepts
from kgraph.answer.coverage import Coverage, Term
from kgraph.answer.draft import Draft, Part, hits_parts
from kgraph.answer.graph_queries import GraphQueries
from kgraph.search.index import SearchIndex
from kgraph.search.model import IndexedPassage
from kgraph.answer.names import Names
from kgraph.answer.question import Question
from kgraph.answer.retrieval import Hit, Retriever
from kgraph.answer.text_answers import ANNOUNCING, MAX_LIST_SENTENCES

LIST_POOL = 40
ANNOUNCED_SHARE = 0.6
MAX_HEAD = 30  # characters of a list item's lead that still read as a name
Say = Callable[..., str]  # the list line of the question: (found, named=False) -> "卷：A、B。"


def listing(question: Question, *, graph: GraphQueries, retriever: Retriever, coverage: Coverage, index: SearchIndex,
            concepts: Concepts, names: Names, list_cues: frozenset[str]) -> Draft | None:
    members, sparql = _members(question, graph)
    terms = coverage.terms(question)
    say = partial(_list_line, question, names)
    drafts = [d for d in (_announced(question, retriever, coverage, index, concepts, say, list_cues, terms, members),
                          _grouped(retriever, coverage, index, say, list_cues, terms, members, sparql)) if d]
    # the one naming more members; an announced list (with its items) when they name as many
    return max(drafts, key=lambda d: len(d.concepts), default=None)


def _list_line(question: Question, names: Names, found: list[str], named: bool = False) -> str:
    """ "卷：A、B。" — ``found`` are concept keys, or already names when ``named``."""
    lang = question.lang
    target = question.intent.concept
    head = names.label(target, lang) if target else question.slots["X"].text.strip()
    listed = join(found, lang) if named else names.listed(found, lang)
    return f"{head}：{listed}。" if lang == "zh" else f"{head}: {listed}."


def _grouped(retriever: Retriever, coverage: Coverage, index: SearchIndex, say: Say, cues: frozenset[str],
             terms: list[Term], members: list[str], sparql: str | None) -> Draft | None:
    if len(members) < 2:
        return None
    hits = retriever.hits(terms + [coverage.concept(k, False) for k in members], limit=LIST_POOL)
    group = _best_group(hits, members, cues)
    if group is None:
        return None
    found = [k for h in group for k in _named(h, members)]
    parts = _announcement_of(group[0], index.passages) + hits_parts(group)
    return Draft("list", say(found), parts, sparql, tuple(dict.fromkeys(found)), "passages")


def _announcement_of(first: Hit, passages: Sequence[IndexedPassage]) -> tuple[Part, ...]:
    """The sentence announcing the list ``first`` opens, if the passage before it is one."""
    if first.passage.kind != "list_item" or first.passage.position == 0:
        return ()
    before = passages[first.passage.position - 1]
    if before.note != first.passage.note or before.heading_path != first.passage.heading_path or not before.sentences:
        return ()
    last = before.sentences[-1]
    return (Part(last.text, before.citation(last)),) if last.text.rstrip().endswith(ANNOUNCING) else ()


def _announced(question: Question, retriever: Retriever, coverage: Coverage, index: SearchIndex, concepts: Concepts,
               say: Say, cues: frozenset[str], terms: list[Term], members: list[str]) -> Draft | None:
    """A sentence announcing a list ("有三种IP地址，分别如下：") that covers the question, with the
    list items after it, named by their heads; without items, the members the sentence names after
    its announcement."""
    for hit in retriever.hits(terms, limit=10):
        if hit.coverage < ANNOUNCED_SHARE or coverage.missing_required(terms, hit.evidence):
            continue
        if not (any(c in hit.evidence.folded for c in cues) or hit.sentence.text.rstrip().endswith(ANNOUNCING)):
            continue
        items = [i for i in index.following_items(hit.passage, MAX_LIST_SENTENCES) if i.sentences]
        parts = hits_parts([hit]) + tuple(Part(i.sentences[0].text, i.citation(i.sentences[0])) for i in items)
        if len(items) >= 2:
            return _items_draft(concepts, say, items, parts)
        known = set(question.keys)
        listed_from = _cue_position(hit.sentence.text, cues)  # an enumeration follows what announces it
        names = [m.key for m in concepts.find_in_text(hit.sentence.text) if m.key not in known and m.start >= listed_from]
        names = [k for k in dict.fromkeys(names) if not members or k in members]
        if len(names) >= 2:
            return Draft("list", say(names), parts, None, tuple(names), "passages")
    return None


def _cue_position(text: str, cues: frozenset[str]) -> int:
    """Where the sentence announces its list: its first cue word ("分为", "include"), else its colon;
    the names before it are what the sentence is about, not the members it lists ("…能够处理 Pod
    优先级时，…可以分为多个阶段" lists no Pod priority)."""
    lowered = text.lower()
    found = [i for i in (lowered.find(cue) for cue in cues) if i >= 0]
    colon = [i for i in (text.find(mark) for mark in ANNOUNCING) if i >= 0]
    return min(found or colon or [len(text)])


def _items_draft(concepts: Concepts, say: Say, items: list[IndexedPassage], parts: tuple[Part, ...]) -> Draft:
    """An announced list: its items named by their heads ("default", "kube-system" …)."""
    heads = [_head(i.text).strip() for i in items]
    keys = [k for k in (concepts.question_matcher.key_for(h) for h in heads) if k]
    line = say(heads, named=True) if all(len(h) <= MAX_HEAD for h in heads) else ""
    return Draft("list", line, parts, None, tuple(dict.fromkeys(keys)) or tuple(heads), "passages")


def _head(text: str) -> str:
    """A list item's lead: up to its first colon (or its first 40 characters)."""
    for mark in ("：", ":"):
        if mark in text[:60]:
            return text[: text.index(mark)]
    return text[:40]


def _members(question: Question, graph: GraphQueries) -> tuple[list[str], str | None]:
    """The members of the intent's class and the subtypes of its concept (not the concept itself)."""
    cls, concept = question.intent.cls, question.intent.concept
    members, sparql = graph.members(cls) if cls else ([], None)
    if concept:
        subtypes, sub_sparql = graph.facts(relations=["subtypeOf"], object=concept)
        members += [s.subject for s in subtypes]
        sparql = sparql or sub_sparql
    exclude = {concept} if concept else set()
    return [k for k in dict.fromkeys(members) if k not in exclude], sparql


def _named(hit: Hit, members: list[str]) -> list[str]:
    return [k for k in members if k in hit.evidence.concepts]
def _best_group(hits: Sequence[Hit], members: list[str], cues: frozenset[str]) -> list[Hit] | None:
    """The sentences under one heading of one note that together name the most members."""
    groups: dict[tuple, list[Hit]] = {}
    for hit in hits:
        if _named(hit, members) or hit.coverage >= 0.5:
            groups.setdefault((hit.passage.note, hit.passage.heading), []).append(hit)

    def strength(group: list[Hit]) -> tuple:
        named = {k for h in group for k in _named(h, members)}
        announced = any(c in h.evidence.folded for h in group for c in cues)
        return (len(named) + 2 * announced + 2 * max(h.coverage for h in group), len(named))

    best = max(groups.values(), key=strength, default=None)
    if best is None or strength(best)[1] < 2:
        return None
    best.sort(key=lambda h: (h.sentence.start_line, h.sentence.text))
    return best[:MAX_LIST_SENTENCES]
