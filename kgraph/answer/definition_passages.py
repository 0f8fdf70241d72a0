"""Definitions answered from the passages, when the graph holds none: sentences that say what X is.

In: a ``Question`` and the ``Toolkit``. Out: a ``Draft`` quoting the sentences of defining form
(``defining``) about X, those naming what X is before those saying what it does — or None, and
the answerer refuses rather than quote a sentence that merely mentions X.

- about: X is a concept; its mentions in a sentence (any of its labels) are what must open it
  ("what is X for" asks less: any sentence about X, one saying what X is for first);
- defined: X names no concept, or more than one ("什么是 pause 进程？", "What is scoring?"): X as
  the question writes it must open the sentence.
Few sentences pass, so ``DEFINING_POOL`` passages are searched rather than retrieval's usual number.
Must not: run SPARQL or decide on its own whether the draft answers (the answerer's judge does).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from kgraph.answer.compose import INTRO
from kgraph.answer.defining import defines
from kgraph.answer.draft import Draft, hits_parts
from kgraph.search.model import IndexedPassage, Sentence
from kgraph.answer.question import Question
from kgraph.answer.retrieval import Hit, Preference
from kgraph.answer.text_answers import about_hits, best
from kgraph.answer.toolkit import Toolkit
from kgraph.text import detect_lang
from kgraph.tokenize import fold_text

DEFINING_POOL = 200
Strength = Callable[[IndexedPassage, Sentence], int]


def about(question: Question, key: str, kit: Toolkit) -> Draft | None:
    concept = kit.concepts.get(key)
    names = concept.names() if concept else ()

    def strength(passage: IndexedPassage, sentence: Sentence) -> int:
        spans = [(m.start, m.end) for m in kit.concepts.find_in_text(sentence.text) if m.key == key]
        return defines(sentence.text, spans, _words(sentence.text, kit), _heads(passage, sentence, kit), names)

    if question.purpose:  # "what is X for": any sentence about X may say it, defining ones first
        hits = about_hits(question, key, kit)
    else:
        hits = about_hits(question, key, kit, keep=lambda p, s: strength(p, s) > 0, passages=DEFINING_POOL)
    return _draft(hits, strength, (key,), kit.label(key, question.lang), question.lang)


def defined(question: Question, kit: Toolkit) -> Draft | None:
    slot = question.slots.get("X")
    written = slot.text.strip() if slot else ""
    if not written or (slot.key is not None and not slot.extra):
        return None
    wanted = fold_text(written)

    def strength(passage: IndexedPassage, sentence: Sentence) -> int:
        spans = _occurrences(fold_text(sentence.text), wanted)
        return defines(sentence.text, spans, _words(sentence.text, kit), _heads(passage, sentence, kit), (written,))

    hits = kit.retriever.hits(kit.coverage.terms(question), Preference(lang=question.lang), limit=10,
                              passages=DEFINING_POOL, keep=lambda p, s: strength(p, s) > 0)
    return _draft(hits, strength, (), written, question.lang)


def _draft(hits: Sequence[Hit], strength: Strength, keys: tuple[str, ...], label: str, lang: str) -> Draft | None:
    """The best sentences, naming ones first (the sort is stable: score order within a strength)."""
    if not hits:
        return None
    ranked = sorted(hits, key=lambda h: -strength(h.passage, h.sentence))
    return Draft("definition", "", hits_parts(best(ranked)), None, keys, "passages",
                 INTRO[lang]["about"].format(label), single=True)


def _words(text: str, kit: Toolkit) -> dict[str, tuple[str, ...]]:
    lang = detect_lang(text)
    return {tier: words[lang] for tier, words in kit.vocabulary.defining.items()}


def _heads(passage: IndexedPassage, sentence: Sentence, kit: Toolkit) -> list[str]:
    """The lines right before ``sentence`` that may name what it defines: the sentence before it,
    or, when it opens its passage, the passage's heading — the note's title when the passage opens
    the note (a glossary page's summary) — and the last sentence of the passage just above (a
    definition list's term: "`NoSchedule`" above ": No new Pods …")."""
    sentences = passage.sentences
    at = sentences.index(sentence) if sentence in sentences else -1
    if at > 0:
        return [sentences[at - 1].text]
    if at < 0:
        return []
    above = kit.coverage.index.before(passage)
    if above is None:
        return [passage.topic or kit.titles.get(passage.note, "")]
    touching = above.sentences and above.end_line >= passage.start_line - 1
    return [passage.topic] + ([above.sentences[-1].text] if touching else [])


def _occurrences(folded: str, wanted: str) -> list[tuple[int, int]]:
    spans, at = [], folded.find(wanted)
    while at >= 0 and wanted:
        spans.append((at, at + len(wanted)))
        at = folded.find(wanted, at + 1)
    return spans
