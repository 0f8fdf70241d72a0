"""One docs page with its glossary terms linked: the first mention of each term carries the site's link.

In: a page's Markdown text, a ``LinkStyle`` and the ``Lexicon`` of the glossary's linkable names
(``lexicon_of``). Out: ``LinkedPage``: the new text and the links added (term, mention, line).
Must not: read or write files.

Structure comes from markdown-it tokens (the parser the build reads notes with,
``kgraph.parse.note.markdown``, which knows front matter and Hugo shortcodes), and each inline
child is located in the source by ``kgraph.parse.inline.render``. Only the text of paragraphs
(in list items, quotes and definitions too) and table body cells is read; never front matter,
headings, definition terms, code (blocks, fences, inline), links and their text, images, inline
HTML elements such as ``<a>…</a>`` or ``<code>…</code>``, shortcodes and the inner text of a
shortcode that shows none (``mermaid``). A text run that is not verbatim in the source (an
escape or an entity) is left alone, so an edit never lands off its mark.

A term already linked anywhere on the page (a ``glossary_tooltip`` with its ``term_id``, a
``<glossary:…>`` link, a ``{term}`` role) gets no second link; otherwise its first mention,
in either language and under any of its linkable names (Lexicon matching: case, width, spaces
and hyphens folded, English plurals, Latin names on word boundaries), becomes a link. So a
second run finds every term linked and changes nothing, and the rewrite only inserts markup:
the rest of the page stays byte for byte.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_it.token import Token

from kgraph.glossary.linking.styles import LinkStyle
from kgraph.glossary.model import Glossary
from kgraph.lexicon import Lexicon
from kgraph.model import Term
from kgraph.parse.context import Reading
from kgraph.parse.inline import render
from kgraph.parse.note import markdown
from kgraph.parse.plain import line_starts
from kgraph.parse.shortcodes import TOKEN as SHORTCODE
from kgraph.text import is_cjk

_READ_IN = {"paragraph_open": False, "td_open": True}  # the blocks whose inline text is read: in a table?
_SKIPPED_HTML = re.compile(r"^<(a|code|pre|kbd|abbr|samp|var|script|style)\b", re.I)
_EZ_LINK = re.compile(r"<glossary:([^<>|]+)(?:\\?\|[^<>]*)?>")
_MYST_ROLE = "{term}"
_READING = Reading()


@dataclass(frozen=True)
class Added:
    key: str
    text: str  # the mention as written
    line: int  # 1-based


@dataclass(frozen=True)
class LinkedPage:
    text: str
    added: tuple[Added, ...]

    @property
    def changed(self) -> bool:
        return bool(self.added)


@dataclass(frozen=True)
class _Run:
    """A verbatim text run of the page: ``text`` starts at ``start``."""

    start: int
    text: str
    in_table: bool


def lexicon_of(glossary: Glossary) -> Lexicon:
    """The glossary's linkable names as a matcher (a name two entries share stays with the first)."""
    terms = [Term(entry.id, tuple((name, "zh" if any(is_cjk(ch) for ch in name) else "en", "alt")
                                  for name in entry.linkable)) for entry in glossary.entries if entry.linkable]
    return Lexicon(terms)


def link_page(text: str, style: LinkStyle, lexicon: Lexicon) -> LinkedPage:
    runs, linked = _read(text, style)
    edits: list[tuple[int, int, str]] = []
    added: list[Added] = []
    starts = line_starts(text)
    for run in runs:
        for mention in lexicon.find(run.text):
            if mention.key in linked or mention.key not in style.targets:
                continue
            link = style.link(mention.key, mention.surface, run.in_table)
            if link is None:  # not linkable here (styles: a table cell); a later mention may be
                continue
            linked.add(mention.key)
            start = run.start + mention.start
            edits.append((start, run.start + mention.end, link))
            added.append(Added(mention.key, mention.surface, _line(starts, start)))
    for start, end, link in sorted(edits, reverse=True):
        text = text[:start] + link + text[end:]
    return LinkedPage(text, tuple(added))


def _line(starts: list[int], offset: int) -> int:
    return sum(1 for s in starts if s <= offset)


def _read(text: str, style: LinkStyle) -> tuple[list[_Run], set[str]]:
    """The page's readable text runs, and the terms it already links."""
    tokens = markdown().parse(text.replace("\r", " "))
    starts = line_starts(text)
    runs: list[_Run] = []
    linked: set[str] = set()
    for i, token in enumerate(tokens):
        if token.type != "inline" or not token.map or tokens[i - 1].type not in _READ_IN:
            continue
        first, last = token.map
        base = starts[first]
        block = text[base:starts[last]] if last < len(starts) else text[base:]
        for run in _runs(token.children or [], block, style, linked):
            runs.append(_Run(base + run.start, run.text, _READ_IN[tokens[i - 1].type]))
    return runs, linked


def _runs(children: list[Token], block: str, style: LinkStyle, linked: set[str]) -> Iterator[_Run]:
    depth, html, hidden, previous = 0, 0, None, ""
    for placed in render(children, block, _READING).placed:
        child, pos = placed.token, placed.pos
        if child.type == "link_open":
            depth += 1
            _note_link(unquote(str(child.attrs.get("href", ""))), child, style, linked)
        elif child.type == "link_close":
            depth = max(depth - 1, 0)
        elif child.type == SHORTCODE:
            hidden = _shortcode(child, style, linked, hidden)
        elif child.type == "html_inline":
            html = max(html + (1 if _SKIPPED_HTML.match(child.content) else -1 if _closes(child.content) and html else 0), 0)
        elif child.type == "code_inline" and previous.endswith(_MYST_ROLE) and style.name == "sphinx":
            _note_target(_role_target(child.content), style, linked)
        elif child.type == "text" and not (depth or html or hidden):
            yield from _text_runs(child.content, pos, block, style, linked)
        previous = child.content if child.type == "text" else ""


def _note_link(href: str, child: Token, style: LinkStyle, linked: set[str]) -> None:
    """``<glossary:Pod|Pods>`` without spaces is a CommonMark autolink (its href percent-encoded)."""
    if style.name == "mkdocs" and child.markup == "autolink" and href.startswith("glossary:"):
        _note_target(href.removeprefix("glossary:").split("|")[0].replace("\\", ""), style, linked)


def _note_target(target: str, style: LinkStyle, linked: set[str]) -> None:
    key = style.key_of(target)
    if key:
        linked.add(key)


def _shortcode(child: Token, style: LinkStyle, linked: set[str], hidden: str | None) -> str | None:
    shortcode = child.meta["shortcode"]
    if style.name == "hugo" and shortcode.name == "glossary_tooltip" and not shortcode.closing:
        _note_target(shortcode.arg("term_id") or next(iter(shortcode.positional), ""), style, linked)
    if _READING.shortcodes.behaviour(shortcode.name).inner == "drop":
        if not shortcode.closing and hidden is None:
            return shortcode.name
        if shortcode.closing and hidden == shortcode.name:
            return None
    return hidden


def _closes(html: str) -> bool:
    return bool(re.match(r"^</(a|code|pre|kbd|abbr|samp|var|script|style)\s*>", html, re.I))


def _role_target(content: str) -> str:
    """``Pods <Pod>`` -> ``Pod``; ``Pod`` -> ``Pod``."""
    match = re.search(r"<([^<>]+)>\s*$", content)
    return match[1] if match else content


def _text_runs(content: str, pos: int, block: str, style: LinkStyle, linked: set[str]) -> Iterator[_Run]:
    """The verbatim parts of a text child; an ezglossary link written in the text is a link, not text."""
    if block[pos:pos + len(content)] != content:
        return
    cut = 0
    for match in _EZ_LINK.finditer(content) if style.name == "mkdocs" else ():
        _note_target(match[1].replace("\\", ""), style, linked)
        yield _Run(pos + cut, content[cut:match.start()], False)
        cut = match.end()
    yield _Run(pos + cut, content[cut:], False)
