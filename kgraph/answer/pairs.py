"""Relationship questions answered from the passages: a sentence about the pair.

In: a ``Question`` with two slots and, as keyword arguments, the retriever, coverage, concepts and
stop words. Out: a ``Draft`` quoting the sentences that
name both concepts and say something besides their names — those naming them together ("Taints
and tolerations work together…") first — or None. The answerer tries this when the graph holds no
fact between the two, before a path through other concepts: a sentence relating the two says more.
Must not: run SPARQL or decide whether the draft answers.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from kgraph.answer.concepts import Concepts
from kgraph.answer.coverage import Coverage
from kgraph.answer.draft import Draft, hits_parts
from kgraph.answer.question import Question
from kgraph.answer.retrieval import Preference, Retriever
from kgraph.answer.text_answers import best
from kgraph.tokenize import fold_text

COORDINATORS = frozenset({"and", "和", "与", "及", "以及", "、", "&", "跟", "同"})
MIN_SAYING = 6  # letters (or Chinese characters) a sentence holds besides names and stop words


def together(question: Question, *, retriever: Retriever, coverage: Coverage, concepts: Concepts,
             stopwords: frozenset[str]) -> Draft | None:
    """Sentences naming both concepts of a relationship question ("Taints and tolerations work
    together…"), for when the graph holds no fact between them: a sentence relating the two says
    more than a path through a third."""
    keys = question.slot_keys
    if len(set(keys)) < 2:
        return None
    hits = retriever.hits(coverage.terms(question), Preference(focus=tuple(keys), lang=question.lang), limit=20)
    both = [h for h in hits if all(k in h.evidence.concepts for k in keys) and _says_more(h.sentence.text, concepts, stopwords)]
    both.sort(key=lambda h: not _coordinated(h.sentence.text, keys, concepts))  # stable: score order otherwise
    return Draft("relationship", "", hits_parts(best(both)), None, (), "passages") if both else None


def _coordinated(text: str, keys: Sequence[str], concepts: Concepts) -> bool:
    """The two concepts named together, joined by "and" / 和 / 与 ("Taints and tolerations work
    together…"): a sentence about the pair, not about one of them in passing."""
    mentions = [m for m in concepts.find_in_text(text) if m.key in keys]
    return any(a.key != b.key and fold_text(text[a.end:b.start].strip()) in COORDINATORS
               for a, b in zip(mentions, mentions[1:]))


def _says_more(text: str, concepts: Concepts, stopwords: frozenset[str]) -> bool:
    """A sentence says something besides the names in it ("Taints and Tolerations", a heading or
    a link, names two things and relates nothing): ``MIN_SAYING`` letters left once they are gone."""
    rest, at = [], 0
    for mention in concepts.find_in_text(text):
        rest.append(text[at:mention.start])
        at = max(at, mention.end)
    rest.append(text[at:])
    words = [w for w in re.findall(r"[A-Za-z]+|[\u4e00-\u9fff]", "".join(rest)) if fold_text(w) not in stopwords]
    return sum(len(w) for w in words) >= MIN_SAYING
