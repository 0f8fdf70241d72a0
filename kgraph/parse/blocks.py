"""Block tokens → a flat sequence of blocks and headings, in document order.

In: markdown-it block tokens of one note, the note's lines and its ``Reading``. Out: ``Block`` (a
would-be passage: kind, 0-based inclusive line range, located plain text) and ``HeadingMark``
events, ``(line, message)`` warnings, the unknown shortcodes as ``(name, line)`` and the line of a
``<!--more-->`` summary marker. Must not: number passages or track the heading path (``note.py``).

Kinds: a paragraph takes the kind of its nearest container — ``list_item`` or ``blockquote`` — else
``paragraph`` (also inside a definition list, whose terms are paragraphs too). Fenced and indented
code is ``code`` spanning the code lines only (not the fences). Each table body row is one
``table_row`` whose text is its non-empty cells joined by `` | `` (the header row is not a passage
and its cells are not repeated). An HTML block becomes a ``paragraph`` of its text, tags dropped
(comments, ``<script>`` and ``<style>`` are skipped; a ``<!--more-->`` comment is remembered: the
text above it is a page's summary). Only top-level paragraphs are searched for disguised headings
(see ``headings.py``). A shortcode whose inner text is not read (``mermaid``) may open in one block
and close blocks later: the blocks between are rendered hidden, so they yield nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kgraph.parse.context import Reading
from kgraph.parse.headings import disguised_headings, heading_text
from kgraph.parse.inline import Rendered, render, render_cells, render_code
from kgraph.parse.plain import Plain, line_end, line_starts

_CONTAINERS = ("list_item", "blockquote", "dl", "dd", "thead", "tbody")
_SKIPPED_HTML = ("<!--", "<script", "<style", "<?", "<![")
_MORE = "<!--more-->"
_UNCLOSED_FENCE = "code fence is never closed: the rest of the note is read as code"


@dataclass(frozen=True)
class Block:
    kind: str
    first: int  # 0-based line index
    last: int  # inclusive
    plain: Plain  # offsets into the lines first..last joined by "\n"


@dataclass(frozen=True)
class HeadingMark:
    line: int  # 0-based
    text: str
    level: int | None  # None: one below the current real heading


@dataclass(frozen=True)
class Walked:
    events: list[Event]
    warnings: list[tuple[int, str]]  # (1-based line, message)
    unknown_shortcodes: list[tuple[str, int]]  # (name, 1-based line)
    summary_end: int | None  # 0-based line of a <!--more--> marker


@dataclass
class _Walk:
    md: MarkdownIt
    tokens: list[Token]
    lines: list[str]
    reading: Reading
    events: list[Event] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    containers: list[str] = field(default_factory=list)
    unknown: list[tuple[str, int]] = field(default_factory=list)
    hidden: str | None = None
    more: int | None = None

    def render(self, children: list[Token], first: int, last: int) -> Rendered:
        """Render inline children of lines first..last, carrying hidden shortcodes across blocks."""
        source = self.source(first, last)
        rendered = render(children, source, self.reading, self.hidden)
        self.hidden = rendered.hidden
        self.unknown += [(name, first + 1 + source.count("\n", 0, pos)) for name, pos in rendered.unknown]
        return rendered

    def source(self, first: int, last: int) -> str:
        return "\n".join(self.lines[first : last + 1])

    def lines_of(self, token: Token) -> tuple[int, int] | None:
        """The token's 0-based inclusive line range inside the note, or None."""
        if token.map is None or token.map[0] >= len(self.lines):
            return None
        first, end = token.map
        return first, max(first, min(end, len(self.lines)) - 1)

    def inline_after(self, i: int) -> list[Token]:
        """The children of the inline token following token ``i``."""
        following = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        return (following.children or []) if following and following.type == "inline" else []

    def kind(self) -> str:
        inner = [c for c in self.containers if c in ("list_item", "blockquote")]
        return inner[-1] if inner else "paragraph"


Event = Block | HeadingMark


def walk(tokens: list[Token], lines: list[str], md: MarkdownIt, reading: Reading) -> Walked:
    """Blocks and headings of a note in document order, with what the walk noticed."""
    state = _Walk(md, tokens, lines, reading)
    for i, token in enumerate(tokens):
        if token.type.endswith("_open") and token.type[:-5] in _CONTAINERS:
            state.containers.append(token.type[:-5])
        elif token.type.endswith("_close") and token.type[:-6] in _CONTAINERS:
            state.containers.pop()
        handler = _HANDLERS.get(token.type)
        if handler:
            handler(state, i)
    return Walked(state.events, state.warnings, state.unknown, state.more)


def _heading(state: _Walk, i: int) -> None:
    token = state.tokens[i]
    span = state.lines_of(token)
    if span is None:
        return
    rendered = state.render(state.inline_after(i), *span)
    text = heading_text(rendered.plain)
    if text.endswith("。"):  # a sentence marked up as a heading: its fact stays a passage
        state.events.append(Block("paragraph", *span, rendered.plain))
    elif text:
        state.events.append(HeadingMark(span[0], text, int(token.tag[1:])))


def _paragraph(state: _Walk, i: int) -> None:
    """A paragraph, or a definition-list term (whose map may be empty: it is widened to its line)."""
    span = state.lines_of(state.tokens[i])
    if span is None:
        return
    source = state.source(*span)
    rendered = state.render(state.inline_after(i), *span)
    if state.containers:
        state.events.append(Block(state.kind(), *span, rendered.plain))
    else:
        state.events.extend(_split_paragraph(rendered, source, span[0]))


def _split_paragraph(rendered: Rendered, source: str, first: int) -> list[Event]:
    """A top-level paragraph cut at its disguised heading lines."""
    heads = disguised_headings(rendered, source)
    if not heads:
        return [Block("paragraph", first, first + source.count("\n"), rendered.plain)]
    starts = line_starts(source)
    events: list[Event] = []
    run = 0
    for k in range(len(starts) + 1):
        if k < len(starts) and k not in heads:
            continue
        if run < k:
            plain = rendered.plain.within(starts[run], line_end(source, starts, k - 1))
            events.append(Block("paragraph", first + run, first + k - 1, plain))
        if k < len(starts):
            events.append(HeadingMark(first + k, heads[k].text, heads[k].level))
        run = k + 1
    return events


def _code(state: _Walk, i: int) -> None:
    token = state.tokens[i]
    span = state.lines_of(token)
    if span is None:
        return
    first, last = span
    if token.type == "fence":
        count = token.content.count("\n")
        if last - first + 1 <= count + 1:
            state.warnings.append((first + 1, _UNCLOSED_FENCE))
        first, last = first + 1, min(first + count, last)
    if first <= last and state.hidden is None:
        plain = render_code(token.content, state.source(first, last))
        state.events.append(Block("code", first, last, plain))


def _row(state: _Walk, i: int) -> None:
    span = state.lines_of(state.tokens[i])
    if span is None or "tbody" not in state.containers:
        return
    cells = _row_cells(state.tokens, i)
    rendered = render_cells(cells, state.source(*span), state.reading)
    state.unknown += [(name, span[0] + 1) for name, _pos in rendered.unknown]
    state.events.append(Block("table_row", *span, rendered.plain))


def _row_cells(tokens: list[Token], start: int) -> list[list[Token]]:
    """The inline children of each cell of the row opened at ``tokens[start]``."""
    cells = []
    for token in tokens[start + 1 :]:
        if token.type == "tr_close":
            break
        if token.type == "inline":
            cells.append(token.children or [])
    return cells


def _html(state: _Walk, i: int) -> None:
    token = state.tokens[i]
    span = state.lines_of(token)
    if span is not None and token.content.strip() == _MORE and state.more is None:
        state.more = span[0]
    if span is None or token.content.lstrip().lower().startswith(_SKIPPED_HTML):
        return
    inline = state.md.parseInline(token.content)
    children = inline[0].children or [] if inline else []
    state.events.append(Block("paragraph", *span, state.render(children, *span).plain))


_HANDLERS = {
    "heading_open": _heading,
    "paragraph_open": _paragraph,
    "dt_open": _paragraph,
    "fence": _code,
    "code_block": _code,
    "tr_open": _row,
    "html_block": _html,
}
