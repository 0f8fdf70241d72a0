"""Small text helpers shared by the stages: folding, line splitting, sentences, language.

In: plain ``str``. Out: ``str``, lists of strings or of ``(start, end)`` offsets into the input.
Must not: know about Markdown, notes or files; do I/O.
"""
from __future__ import annotations

import re
import unicodedata

# Characters that are invisible in the rendered note and never part of a word.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Spaces that look like a plain space (U+3000, the ideographic space, is left alone: it is
# ordinary CJK typography, ``str.isspace`` knows it and ``fold`` turns it into a space).
NBSP = frozenset("\u00a0\u2007\u202f")

_CLAUSE_ENDS = frozenset("。！？；")  # always end a sentence
_ASCII_ENDS = frozenset(".!?;")  # end one only before whitespace, the end, or CJK
_CLOSERS = frozenset("”’」』）)】\"'")  # stay with the sentence they close
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "cf.")


def fold(s: str) -> str:
    """The key form of ``s`` for matching: NFKC (width, compatibility ideographs) then casefold."""
    return unicodedata.normalize("NFKC", s).casefold()


def split_lines(text: str) -> list[str]:
    """The lines of a note's text (``\\n`` only, unlike ``str.splitlines``), as a file counts them."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


# CJK ideographs: unified, extension A, compatibility, extension B and later.
_CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003ffff]")


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph (unified, extension A/B+, compatibility)."""
    return _CJK.match(ch) is not None


_LATIN_WORD = re.compile("[A-Za-z0-9\u00c0-\u024f]+")


def detect_lang(text: str) -> str:
    """``"zh"`` when CJK ideographs are at least as many as Latin words, else ``"en"``.

    Chinese words are one to three characters, so counting ideographs against Latin *words*
    keeps "Deployment 和 Pod 是什么关系？" Chinese and "What manages ReplicaSets?" English.
    """
    cjk = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(text))
    return "zh" if cjk and cjk >= words else "en"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences and clauses of plain passage text.

    Splits after 。！？； (and any closing quote or bracket right after them), after ``.!?;``
    followed by whitespace, the end or a CJK ideograph (not after e.g./i.e.), and at every line
    break: the parser has already joined the breaks that only wrap a sentence
    (``kgraph.parse.breaks``). Spans are trimmed; empty ones are dropped.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in _cuts(text):
        spans.extend(_trimmed(text, start, cut))
        start = cut
    spans.extend(_trimmed(text, start, len(text)))
    return spans


def _cuts(text: str) -> list[int]:
    """Offsets where a new sentence starts."""
    cuts = []
    for i, ch in enumerate(text):
        if ch == "\n":
            cuts.append(i + 1)
        elif ch in _CLAUSE_ENDS or (ch in _ASCII_ENDS and _ascii_end(text, i)):
            end = i + 1
            while end < len(text) and text[end] in _CLOSERS:
                end += 1
            cuts.append(end)
    return sorted(set(cuts))


def _ascii_end(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else ""
    if not (after == "" or after.isspace() or is_cjk(after)):
        return False
    return not (text[i] == "." and text[max(0, i - 4) : i + 1].lower().endswith(_ABBREVIATIONS))


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def is_abbreviation(abbr: str, name: str) -> bool:
    """'RC' abbreviates 'Replication Controller' / 'ReplicationController': its letters are the
    name's capitals (or its words' initials), in order."""
    capitals = "".join(ch for ch in name if ch.isupper()) or "".join(w[0] for w in name.split()).upper()
    initials = "".join(w[0] for w in re.split(r"[\s\-]+", name) if w).upper()
    letters = abbr.upper()
    return len(letters) >= 2 and letters != name.upper() and (letters in (capitals, initials) or _subsequence(letters, capitals))


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return short[0] == long[:1] and all(ch in it for ch in short)
