"""Line breaks inside a block: which end a statement and which only wrap a sentence.

In: the located plain text of a note's blocks, where a soft line break is ``SOFT_BREAK`` and a
hard one (the author's ``\\`` or two trailing spaces) ``HARD_BREAK``. Out: the same ``Plain`` values with
each soft break made ``\\n`` where it ends a statement, and a space (or nothing, between two
Chinese characters, as a browser renders it) where it only wraps a sentence, so that
``kgraph.text.sentence_spans`` can cut at every ``\\n`` it meets. Offsets are kept: the space
points at the source newline, so quotes stay verbatim with exact line spans. Must not: look at
tokens or decide sentences within a line.

Documentation sites hard-wrap paragraphs (kubernetes.io's Chinese pages follow the line breaks of
their English source), while personal notes often write one statement per line without final
punctuation ("答案是使用Service" / "k8s的Service定义了…"). The rule, per break:

1. the line ends with sentence punctuation (。！？；：and ``!?;:``): the statement ends there;
2. the line ends with clause punctuation (，、 and ``,``): the sentence goes on;
3. otherwise it depends on the note. A note is *line-per-statement* when at least
   ``STATEMENT_SHARE`` of its paragraphs (of ten characters or more, at least ``MIN_PARAGRAPHS``
   of them) end without sentence punctuation: its authors end statements with a line break. In
   such a note the break ends the statement, except where it wraps English (Latin on both sides,
   no CJK on the line before). In any other note it wraps.

A hard break ends the statement too, unless it plainly wraps an English sentence: the line holds
no CJK and ends in a letter, a digit or a comma, and the next line goes on in lowercase (pages
that end every wrapped line with two spaces: "compatible control plane  ⏎ components automatically
use …").

The share was read off the notes, not fitted to a score: the seed notes written a statement a
line end 28 % and 76 % of their paragraphs unpunctuated, every kubernetes.io page with five or
more paragraphs at most 17 %.
"""
from __future__ import annotations

from collections.abc import Sequence

from kgraph.parse.plain import BREAKS, HARD_BREAK, SOFT_BREAK, Plain
from kgraph.text import is_cjk

STATEMENT_SHARE = 0.25
MIN_PARAGRAPHS = 5
TERMINAL = frozenset("。！？；：!?;:")
_CLAUSE = frozenset("，、,")
_PARAGRAPH_ENDS = TERMINAL | frozenset(".)）」”\"'")
_MIN_CHARS = 10


def line_per_statement(paragraphs: Sequence[str]) -> bool:
    """Whether a note with these paragraph texts ends its statements with line breaks (rule 3)."""
    long = [text.rstrip() for text in paragraphs if len(text.strip()) >= _MIN_CHARS]
    if len(long) < MIN_PARAGRAPHS:
        return False
    unpunctuated = sum(1 for text in long if text[-1] not in _PARAGRAPH_ENDS)
    return unpunctuated >= STATEMENT_SHARE * len(long)


def rejoin(plain: Plain, statements: bool) -> Plain:
    """``plain`` with each soft break made a newline, a space or nothing (see the module docstring)."""
    if SOFT_BREAK not in plain.text and HARD_BREAK not in plain.text:
        return plain
    text, chars, offsets = plain.text, [], []
    for i, ch in enumerate(text):
        if ch in BREAKS:
            before, after = _before(text, i), _after(text, i)
            wraps = _wraps if ch == SOFT_BREAK else _hard_wraps
            ch = "\n"
            if before and after and wraps(text, i, before, after, statements):
                if _tight(before) and _tight(after):
                    continue
                ch = " "
        chars.append(ch)
        offsets.append(plain.offsets[i])
    return Plain("".join(chars), tuple(offsets), plain.links)


def _wraps(text: str, i: int, before: str, after: str, statements: bool) -> bool:
    if before in TERMINAL:
        return False
    if before in _CLAUSE:
        return True
    return not statements or _english_wrap(text, i, before, after)


def _hard_wraps(text: str, i: int, before: str, after: str, _statements: bool) -> bool:
    return (_latin(before) or before == ",") and after.islower() and _latin(after) and not _cjk_line(text, i)


def _english_wrap(text: str, i: int, before: str, after: str) -> bool:
    return not _cjk_line(text, i) and (_latin(before) or before in "-)") and _latin(after)


def _cjk_line(text: str, i: int) -> bool:
    """Whether the line that ends at ``i`` holds any CJK character."""
    line = text[max(text.rfind("\n", 0, i), *(text.rfind(b, 0, i) for b in BREAKS)) + 1:i]
    return any(is_cjk(ch) for ch in line)


def _before(text: str, i: int) -> str:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return text[j] if j >= 0 and text[j] not in ("\n", *BREAKS) else ""


def _after(text: str, i: int) -> str:
    j = i + 1
    while j < len(text) and text[j] in " \t":
        j += 1
    return text[j] if j < len(text) and text[j] not in ("\n", *BREAKS) else ""


def _tight(ch: str) -> bool:
    """Chinese text and its full-width punctuation, which a line break joins without a space."""
    return is_cjk(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum() or ("\u00c0" <= ch <= "\u024f" and ch.isalpha())
