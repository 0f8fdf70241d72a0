"""Inline tokens → plain text whose every character points back into the block's source.

In: the children of a markdown-it ``inline`` token (or a code block's content, or a table row's
cells), the verbatim source of the lines they came from and the note's ``Reading``. Out:
``Rendered``: the ``Plain`` text (emphasis, code backticks, link URLs, images and inline HTML tags
dropped; entities decoded by markdown-it; a hard break as ``HARD_BREAK``, a soft one as ``SOFT_BREAK``; Hugo shortcodes as a
reader sees them, see ``shortcodes.py``), where each child starts in the source, the glossary
links, the unknown shortcodes met, and whether a shortcode whose inner text is not prose
(``mermaid``) is still open at the end, so the next block starts hidden.

How offsets are found: the tokens say *what* the text is; this module only *locates* it, walking
a cursor forward through the source: a child's content is searched from the cursor; when an escape
or entity makes it differ from the source, each character is looked for a little ahead and, if
absent, pinned to the cursor. Synthesised characters (``\\n`` for a break, the `` | `` between table
cells) point at the real newline or pipe. Offsets therefore never decrease and stay inside the
source. Must not: look for Markdown structure in the source text.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_it.token import Token

from kgraph.parse.context import Reading
from kgraph.parse.plain import HARD_BREAK, SOFT_BREAK, Plain, SourceLink
from kgraph.parse.shortcodes import TOKEN as SHORTCODE, Shortcode

_WINDOW = 16  # how far ahead a character that differs from its source form is looked for
_CELL_SEPARATOR = " | "


@dataclass(frozen=True)
class Placed:
    """A child token and the source offset where it starts."""

    token: Token
    pos: int


@dataclass(frozen=True)
class Rendered:
    plain: Plain
    placed: tuple[Placed, ...]
    unknown: tuple[tuple[str, int], ...] = ()  # (shortcode name, source offset) not in the table
    hidden: str | None = None  # a drop-inner shortcode still open after this block


_DEFAULT = Reading()


def render(children: list[Token], source: str, reading: Reading = _DEFAULT, hidden: str | None = None) -> Rendered:
    """The plain text of inline ``children`` located in ``source``; ``hidden`` carries an open
    drop-inner shortcode over from the previous block."""
    aligner = _Aligner(source, reading, hidden)
    aligner.feed(children)
    return aligner.rendered()


def render_code(content: str, source: str) -> Plain:
    """A code block's content (without its final newline) located in ``source``."""
    aligner = _Aligner(source)
    aligner.text(content.rstrip("\n"))
    return aligner.plain()


def render_cells(cells: list[list[Token]], source: str, reading: Reading = _DEFAULT) -> Rendered:
    """A table row's non-empty cells joined by `` | ``, the separator pointing at the real pipe."""
    aligner = _Aligner(source, reading)
    for children in cells:
        pipe = aligner.find("|")
        mark = len(aligner.chars)
        aligner.feed(children)
        if mark and len(aligner.chars) > mark:
            aligner.insert(mark, _CELL_SEPARATOR, pipe)
    return aligner.rendered()


class _Aligner:
    """Collects ``(char, offset)`` pairs while a cursor walks forward through ``source``."""

    def __init__(self, source: str, reading: Reading = _DEFAULT, hidden: str | None = None) -> None:
        self.source = source
        self.reading = reading
        self.hidden = hidden  # name of an open shortcode whose inner text is not read
        self.cursor = 0
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.placed: list[Placed] = []
        self.links: list[SourceLink] = []
        self.unknown: list[tuple[str, int]] = []
        self.href = ""

    def plain(self) -> Plain:
        return Plain("".join(self.chars), tuple(self.offsets), tuple(self.links))

    def rendered(self) -> Rendered:
        return Rendered(self.plain(), tuple(self.placed), tuple(self.unknown), self.hidden)

    def feed(self, children: list[Token]) -> None:
        for child in children:
            handler = _HANDLERS.get(child.type)
            pos = handler(self, child) if handler else self.cursor
            self.placed.append(Placed(child, pos))

    def find(self, needle: str) -> int:
        """Offset of ``needle`` at or after the cursor, else the cursor (clamped into the source)."""
        pos = self.source.find(needle, self.cursor)
        return pos if pos >= 0 else self.clamped()

    def clamped(self) -> int:
        return min(self.cursor, len(self.source) - 1)

    def emit(self, ch: str, pos: int) -> None:
        if self.source and self.hidden is None:
            self.chars.append(ch)
            self.offsets.append(pos)

    def insert(self, index: int, text: str, pos: int) -> None:
        self.chars[index:index] = list(text)
        self.offsets[index:index] = [pos] * len(text)

    def text(self, content: str) -> int:
        """Emit ``content``; returns the offset of its first character."""
        if not content:
            return self.clamped()
        pos = self.source.find(content, self.cursor)
        if pos >= 0:
            for i, ch in enumerate(content):
                self.emit(ch, pos + i)
            self.cursor = pos + len(content)
            return pos
        first = len(self.offsets)
        for ch in content:
            self.char(ch)
        return self.offsets[first] if len(self.offsets) > first else self.clamped()

    def text_within(self, content: str, start: int, end: int) -> None:
        """Emit ``content``, located inside ``source[start:end]`` when it is written there, else
        every character pinned to ``start`` (a term title the tag does not spell out)."""
        pos = self.source.find(content, start, end)
        for i, ch in enumerate(content):
            self.emit(ch, pos + i if pos >= 0 else start)

    def char(self, ch: str) -> None:
        pos = self.source.find(ch, self.cursor, self.cursor + _WINDOW)
        if pos >= 0:
            self.emit(ch, pos)
            self.cursor = pos + 1
        else:
            self.emit(ch, self.clamped())

    def markup(self, markup: str) -> int:
        """Step over ``markup`` if it is next (after blanks); returns where it starts."""
        pos = self.cursor
        while pos < len(self.source) and self.source[pos] in " \t":
            pos += 1
        if markup and self.source.startswith(markup, pos):
            self.cursor = pos + len(markup)
            return pos
        return self.clamped()

    def skip_url(self, url: str) -> None:
        """Step over a link or image destination that starts right after ``](``."""
        if not self.source.startswith("](", self.cursor):
            return
        self.cursor += 2
        for form in (url, unquote(url)):
            pos = self.source.find(form, self.cursor) if form else -1
            if pos >= 0 and "\n" not in self.source[self.cursor : pos] and pos - self.cursor <= 2:
                self.cursor = pos + len(form)
                return


def _text(al: _Aligner, token: Token) -> int:
    return al.text(token.content)


def _code_inline(al: _Aligner, token: Token) -> int:
    pos = al.markup(token.markup)
    al.text(token.content)
    al.markup(token.markup)
    return pos


def _break(al: _Aligner, token: Token) -> int:
    """A line break stays ``HARD_BREAK`` (the author's) or ``SOFT_BREAK`` until ``kgraph.parse.breaks``
    decides whether it ends a statement or only wraps a sentence."""
    pos = al.find("\n")
    al.emit(HARD_BREAK if token.type == "hardbreak" else SOFT_BREAK, pos)
    al.cursor = max(al.cursor, pos + 1)
    return pos


def _html_inline(al: _Aligner, token: Token) -> int:
    pos = al.source.find(token.content, al.cursor)
    if pos < 0:
        return al.clamped()
    al.cursor = pos + len(token.content)
    return pos


def _shortcode(al: _Aligner, token: Token) -> int:
    """A Hugo shortcode: the words a reader sees of it, per the shortcode table."""
    shortcode: Shortcode = token.meta["shortcode"]
    start = al.source.find(token.content, al.cursor)
    start = start if start >= 0 else al.clamped()
    end = start + len(token.content)
    behaviour = al.reading.shortcodes.behaviour(shortcode.name)
    if not behaviour.known and not shortcode.closing:
        al.unknown.append((shortcode.name, start))
    if behaviour.inner == "drop":
        if not shortcode.closing and al.hidden is None:
            al.hidden = shortcode.name
        elif shortcode.closing and al.hidden == shortcode.name:
            al.hidden = None
    elif not shortcode.closing and al.hidden is None:
        _show(al, shortcode, behaviour, start, end)
    al.cursor = max(al.cursor, min(end, len(al.source)))
    return start


def _show(al: _Aligner, shortcode: Shortcode, behaviour, start: int, end: int) -> None:
    if behaviour.show == "term":
        term_id = shortcode.arg("term_id") or (shortcode.positional[0] if shortcode.positional else "")
        words = shortcode.arg("text") or (al.reading.term_title(term_id) if term_id else "")
        al.text_within(words, start, end)
        if term_id and words:
            al.links.append(SourceLink(start, end, term_id))
    elif behaviour.show == "attr" and behaviour.attr and shortcode.arg(behaviour.attr):
        al.text_within(shortcode.arg(behaviour.attr) or "", start, end)
        al.links.append(SourceLink(start, end, ""))  # not a term, but never quoted in part


def _delimiter(al: _Aligner, token: Token) -> int:
    return al.markup(token.markup)


def _link_open(al: _Aligner, token: Token) -> int:
    al.href = str(token.attrs.get("href", ""))
    return al.markup("<" if token.markup == "autolink" else "[")


def _link_close(al: _Aligner, token: Token) -> int:
    if token.markup == "autolink":
        return al.markup(">")
    pos = al.clamped()
    al.skip_url(al.href)
    return pos


def _image(al: _Aligner, token: Token) -> int:
    """Images are dropped (their alt text in these notes is a file name); step over them."""
    pos = al.markup("![")
    end = al.source.find("](", al.cursor)
    alt = al.source[al.cursor : end]
    if pos == al.cursor - 2 and end >= 0 and "\n" not in alt and "]" not in alt:
        al.cursor = end
        al.skip_url(str(token.attrs.get("src", "")))
    return pos


_HANDLERS: dict[str, Callable[[_Aligner, Token], int]] = {
    "text": _text,
    "text_special": _text,
    "code_inline": _code_inline,
    "softbreak": _break,
    "hardbreak": _break,
    "html_inline": _html_inline,
    "strong_open": _delimiter,
    "strong_close": _delimiter,
    "em_open": _delimiter,
    "em_close": _delimiter,
    "s_open": _delimiter,
    "s_close": _delimiter,
    "link_open": _link_open,
    "link_close": _link_close,
    "image": _image,
    SHORTCODE: _shortcode,
}
