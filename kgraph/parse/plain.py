"""Plain text that remembers where each character came from.

In: characters and their offsets into a block's verbatim source, and the source ranges of term
links (glossary tooltips). Out: ``Plain`` values that can be cleaned, cut to a range of lines and
trimmed without ever losing that mapping. Must not: know about tokens or notes.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kgraph.text import NBSP, ZERO_WIDTH

# A soft line break as the inline renderer leaves it (U+2028 LINE SEPARATOR, which notes do not
# contain): ``kgraph.parse.breaks.rejoin`` turns each into a newline, a space or nothing.
SOFT_BREAK = "\u2028"
# A hard line break (two trailing spaces or a backslash) as U+2029 PARAGRAPH SEPARATOR: it ends a
# statement, except where it plainly only wraps an English sentence (see ``kgraph.parse.breaks``).
HARD_BREAK = "\u2029"
BREAKS = (SOFT_BREAK, HARD_BREAK)


def _compat_ideograph(ch: str) -> bool:
    code = ord(ch)
    return 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F


@dataclass(frozen=True)
class SourceLink:
    """``source[start:end]`` is a shortcode that shows words: a glossary tooltip naming the term
    ``term_id``, or (``term_id`` empty) another one, such as a figure's caption. A quote never cuts one."""

    start: int
    end: int
    term_id: str


@dataclass(frozen=True)
class Plain:
    """``text[i]`` came from ``source[offsets[i]]``; offsets never decrease. ``links`` are in source
    offsets too, so cutting and cleaning the text never moves them."""

    text: str
    offsets: tuple[int, ...]
    links: tuple[SourceLink, ...] = ()

    def __add__(self, other: Plain) -> Plain:
        return Plain(self.text + other.text, self.offsets + other.offsets, self.links + other.links)

    def keep(self, indices: list[int]) -> Plain:
        """Only the characters at ``indices`` (ascending)."""
        return Plain("".join(self.text[i] for i in indices), tuple(self.offsets[i] for i in indices), self.links)

    def within(self, start: int, end: int) -> Plain:
        """The characters from ``source[start:end]``, offsets made relative to ``start``."""
        kept = [i for i, off in enumerate(self.offsets) if start <= off < end]
        cut = self.keep(kept)
        links = tuple(SourceLink(link.start - start, link.end - start, link.term_id)
                      for link in self.links if start <= link.start < end)
        return Plain(cut.text, tuple(off - start for off in cut.offsets), links)

    def strip(self) -> Plain:
        """Without leading and trailing whitespace."""
        start, end = 0, len(self.text)
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Plain(self.text[start:end], self.offsets[start:end], self.links)

    def clean(self) -> Plain:
        """Zero-width characters dropped, look-alike characters made plain, trimmed.

        Non-breaking spaces become spaces; CJK compatibility ideographs (U+F900..., which some of
        the notes contain, e.g. 器 U+FA38 in 调度器) become their unified form, one character for
        one, so that matching and tokenizing see the ordinary character.
        """
        if not _UNUSUAL.search(self.text):  # most text has nothing to clean
            return self.strip()
        plain = self.keep([i for i, ch in enumerate(self.text) if ch not in ZERO_WIDTH])
        text = "".join(_plain_char(ch) for ch in plain.text)
        return Plain(text, plain.offsets, plain.links).strip()

    def link_spans(self) -> list[tuple[int, int, str]]:
        """Each term link as ``(start, end, term_id)`` in ``text`` (links whose words were dropped left out)."""
        spans = []
        for link in self.links:
            if not link.term_id:
                continue
            inside = [i for i, off in enumerate(self.offsets) if link.start <= off < link.end]
            if inside:
                spans.append((inside[0], inside[-1] + 1, link.term_id))
        return spans


_UNUSUAL = re.compile("[" + "".join(sorted(ZERO_WIDTH | NBSP)) + "\uf900-\ufaff\U0002f800-\U0002fa1f]")


def _plain_char(ch: str) -> str:
    if ch in NBSP:
        return " "
    if _compat_ideograph(ch):
        unified = unicodedata.normalize("NFKC", ch)
        return unified if len(unified) == 1 else ch
    return ch


EMPTY = Plain("", ())


def line_starts(source: str) -> list[int]:
    """Offset of the first character of each line of ``source``."""
    return [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]


def line_end(source: str, starts: list[int], k: int) -> int:
    """Offset just past line ``k`` of ``source`` (its newline excluded)."""
    return starts[k + 1] - 1 if k + 1 < len(starts) else len(source)
