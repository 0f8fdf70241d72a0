"""What a question asks for: its wh words, and the kind of answer that follows them.

In: the vocabulary, the masked question, its tokens and mentions. Out: the wh words' offsets, and
the class ("哪个组件" → Component, "which object" → APIResource) or concept ("哪些容器" →
Container) right after one, with the offsets of the words naming it.
Must not: classify the question or touch concepts beyond the mentions given.
"""
from __future__ import annotations

from kgraph.answer.masking import Masked
from kgraph.tokenize import Token, first_word
from kgraph.answer.vocabulary import Vocabulary
from kgraph.model import Mention


def wh_positions(vocabulary: Vocabulary, masked: Masked, tokens: list[Token]) -> list[tuple[int, int]]:
    """Offsets of the wh words: English ones as tokens, Chinese ones as substrings (longest first)."""
    words = vocabulary.wh_words
    found = [(t.start, t.end) for t in tokens if t.word in words.get("en", ())]
    folded = masked.full.lower()
    for word in sorted(words.get("zh", ()), key=len, reverse=True):
        at = folded.find(word)
        while at >= 0:
            if not any(s <= at < e for s, e in found):
                found.append((at, at + len(word)))
            at = folded.find(word, at + 1)
    return sorted(found)


def answer_kind(vocabulary: Vocabulary, masked: Masked, mentions: list[Mention],
                wh_at: list[tuple[int, int]]) -> tuple[str | None, str | None, set[int]]:
    """(class, concept, offsets of the words naming it) right after the first wh word followed by one."""
    for _start, end in wh_at:
        rest, offset = _after(masked, end)
        follower = next((m for m in mentions if m.start == offset), None)
        if follower is not None:
            return None, follower.key, set(range(follower.start, follower.end))
        found = class_word(vocabulary, rest.lower())
        if found:
            cls, length = found
            return cls, None, set(range(offset, offset + length))
    return None, None, set()


def asks_attribute(vocabulary: Vocabulary, masked: Masked, mentions: list[Mention], tokens: list[Token],
                   relation_spans: list[tuple[int, int]], wh_at: list[tuple[int, int]], lang: str) -> bool:
    """Whether the first wh word asks for an attribute it names ("以什么格式生成度量值", "in which
    format do … emit"): it is followed by a content noun that is no mention, no class word and no
    relation word. Such a question asks for a value, not for a participant of the verb in it."""
    if not wh_at:
        return False
    rest, offset = _after(masked, wh_at[0][1])
    if not rest or any(m.start == offset for m in mentions) or class_word(vocabulary, rest.lower()):
        return False
    if any(s <= offset < e for s, e in relation_spans):
        return False
    if lang == "zh":
        found = first_word(rest)
        return bool(found) and found[1].startswith("n") and found[0] not in vocabulary.stopwords
    token = next((t for t in tokens if t.start == offset), None)
    return token is not None and token.word.isalpha() and token.word.lower() not in vocabulary.stopwords


def _after(masked: Masked, end: int) -> tuple[str, int]:
    """The question's text after offset ``end`` without leading space, and where that text starts."""
    rest = masked.full[end:].lstrip()
    return rest, end + (len(masked.full[end:]) - len(rest))


def class_word(vocabulary: Vocabulary, text: str) -> tuple[str, int] | None:
    """The class whose word ``text`` opens with (longest word wins), and that word's length."""
    best: tuple[str, int] | None = None
    for cls, words in vocabulary.class_words.items():
        for word in words:
            if text.startswith(word) and _whole(word, text) and (best is None or len(word) > best[1]):
                best = (cls, len(word))
    return best


def _whole(word: str, text: str) -> bool:
    """``text`` (which starts with ``word``) does not go on with the same English word."""
    return len(word) == len(text) or not (word[-1].isascii() and text[len(word)].isalnum())
