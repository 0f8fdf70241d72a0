"""Words of Chinese and English text for search and question analysis, with jieba.

In: text, and at construction the domain words (the lexicon's labels) to keep whole. Out:
``Token``s (folded word, search term, offsets into the text) and plain term lists.

Each ``Tokenizer`` is a private ``jieba.Tokenizer`` whose dictionary is jieba's own plus the
domain words at a high frequency (``USER_FREQ``): ``add_word`` with jieba's default frequency still
cuts 副本集 into 副本/集, a frequency of ~1e5 keeps 副本集, 持久卷申领 and kube-apiserver whole.
The build makes the tokenizer and saves its dictionary (marshal) in the generation's search index;
the server loads that file (~0.25 s, where jieba's own start-up takes ~1.1 s), so passages and
questions are cut with the same dictionary, and a rebuild with new domain words swaps it in with
the graph.
Latin letters and digits are never given to jieba (it would cut "replaced" on the domain word
"rs"): they are words of their own, hyphenated domain words (kube-apiserver) kept whole.

Text is folded per character (NFKC where that keeps one character, then lower case) so offsets
stay valid. English words become terms by a light suffix stemmer (manages/managed/manage →
manag), applied alike to passages, questions and relation words.
Must not: read the corpus or know the index layout.
"""
from __future__ import annotations

import logging
import marshal
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba

from kgraph.text import is_cjk

USER_FREQ = 100_000
_SIBILANTS = ("s", "x", "z", "ch", "sh")
_KEEP_DOUBLE = "sz"
_LATIN_RUN = re.compile(r"[a-z0-9][a-z0-9\-_.+#]*")
_ALNUM = re.compile(r"[a-z0-9]+")
_base_lock = threading.Lock()
_base: jieba.Tokenizer | None = None
_pos = None  # jieba.posseg.POSTokenizer over _base, made on first use


@dataclass(frozen=True)
class Token:
    word: str  # folded surface form
    term: str  # search term: the word, English words stemmed
    start: int
    end: int

    @property
    def latin(self) -> bool:
        return self.word.isascii()


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).lower()
    return folded if len(folded) == 1 else ch.lower()


def fold_text(text: str) -> str:
    """``text`` width- and case-folded, one character for one, so offsets carry over."""
    if text.isascii():
        return text.lower()
    return "".join(map(fold_char, text))


def stem(word: str) -> str:
    """A crude English stem: ``replaced``/``replaces``/``replace`` → ``replac``; other words as they are."""
    if not (word.isascii() and word.isalpha()) or len(word) <= 2:
        return word
    word = _strip_suffix(word)
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in _KEEP_DOUBLE + "aeiou":
        word = word[:-1]
    if word.endswith("e") and len(word) >= 3:
        word = word[:-1]
    return word


def _strip_suffix(word: str) -> str:
    if word.endswith("ies") and len(word) >= 5:
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) >= 5:
        return word[:-3]
    if word.endswith("ed") and len(word) >= 4:
        return word[:-2]
    if word.endswith("es") and word[:-2].endswith(_SIBILANTS) and len(word) >= 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def is_word(text: str) -> bool:
    """Whether a token carries letters, digits or ideographs (not punctuation or space)."""
    return any(ch.isalnum() or is_cjk(ch) for ch in text)


def user_words(labels: Iterable[str]) -> list[str]:
    """The folded labels jieba should keep whole: no spaces, at least two characters, sorted."""
    words = {fold_text(label).strip() for label in labels}
    return sorted(w for w in words if len(w) >= 2 and not any(ch.isspace() for ch in w))


def _base_tokenizer() -> jieba.Tokenizer:
    with _base_lock:
        return _base_tokenizer_unlocked()


def _base_tokenizer_unlocked() -> jieba.Tokenizer:
    global _base
    if _base is None:
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        _base = tokenizer
    return _base


@lru_cache(maxsize=65536)
def first_word(text: str) -> tuple[str, str] | None:
    """The first word of Chinese ``text`` and its jieba part of speech ("n" noun, "v" verb, "f"
    locality …; jieba's own dictionary, without the domain words), or None for empty text."""
    for pair in _base_pos().cut(text):
        return pair.word, pair.flag
    return None


def _base_pos():
    global _pos
    with _base_lock:
        if _pos is None:
            import jieba.posseg
            _pos = jieba.posseg.POSTokenizer(_base_tokenizer_unlocked())
        return _pos


def word_frequency(word: str) -> int:
    """How often jieba's own dictionary (without the domain words) has seen ``word``; 0 if never."""
    return _base_tokenizer().FREQ.get(word, 0)


class Tokenizer:
    """jieba with the domain words; see the module docstring."""

    def __init__(self, freq: dict[str, int], total: int, words: Iterable[str]) -> None:
        self.words = tuple(words)
        self._words = frozenset(self.words)
        self._jieba = jieba.Tokenizer()
        self._jieba.FREQ = freq
        self._jieba.total = total
        self._jieba.initialized = True

    @classmethod
    def for_words(cls, words: Iterable[str]) -> Tokenizer:
        """jieba's dictionary plus ``words`` at ``USER_FREQ``."""
        base = _base_tokenizer()
        words = tuple(words)
        tokenizer = cls(dict(base.FREQ), base.total, words)
        for word in words:
            tokenizer._jieba.add_word(word, USER_FREQ)
        return tokenizer

    def save(self, path: Path) -> None:
        Path(path).write_bytes(marshal.dumps((self._jieba.FREQ, self._jieba.total, list(self.words))))

    @classmethod
    def load(cls, path: Path) -> Tokenizer:
        """The tokenizer ``save`` wrote (~0.25 s, against ~1.1 s for jieba's own cache)."""
        freq, total, words = marshal.loads(Path(path).read_bytes())
        return cls(freq, total, words)

    def tokens(self, text: str) -> list[Token]:
        """Word tokens of ``text`` (punctuation and spaces dropped), offsets into ``text``."""
        folded = fold_text(text)
        tokens: list[Token] = []
        at = 0
        for match in _LATIN_RUN.finditer(folded):
            tokens += self._cjk(folded[at:match.start()], at)
            tokens += self._latin(match.group(), match.start())
            at = match.end()
        return tokens + self._cjk(folded[at:], at)

    def _cjk(self, text: str, offset: int) -> list[Token]:
        """jieba's words, for text without Latin letters or digits."""
        if not text.strip():
            return []
        return [Token(w, stem(w), offset + s, offset + e) for w, s, e in self._jieba.tokenize(text) if is_word(w)]

    def _latin(self, run: str, offset: int) -> list[Token]:
        """A run of Latin letters and digits: one token if it is a domain word (kube-apiserver),
        else its alphanumeric pieces. jieba would cut English words on short domain words (rs, pv)."""
        run = run.rstrip(".-_")
        if run in self._words or run.isalnum():
            return [Token(run, stem(run), offset, offset + len(run))]
        return [Token(m.group(), stem(m.group()), offset + m.start(), offset + m.end()) for m in _ALNUM.finditer(run)]

    def terms(self, text: str) -> list[str]:
        """The search terms of ``text`` in order (repeats kept: BM25 counts them)."""
        return [token.term for token in self.tokens(text)]
