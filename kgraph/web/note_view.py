"""A note rendered as HTML whose blocks say which source lines they come from.

In: a note's full text as built (the store generation's ``notes.json``). Out: ``render_note`` →
``Markup``: the project's markdown-it-py parser (``kgraph.parse.markdown``) rendered with every
block element carrying ``data-lines="<start>-<end>"`` (1-based, inclusive, counted from the top of
the file like citations) and the first block starting on a line carrying ``id="L<start>"``.
``/notes/<path>#L12-L20`` is resolved by ``web/static/note.js``, which highlights the innermost
blocks that overlap lines 12–20 and scrolls to the first.

Must not: let anything from a note run or load in the reader's browser. Notes contain raw HTML
(``<font color='cyan'>``, sometimes worse): inline tags are dropped with their text kept (as the
parser's plain text does) except what sits inside ``<script>``/``<style>`` pairs, an HTML block is shown as its escaped text content, script and style
contents are dropped, images become a text placeholder (an ``<img>`` would fetch from wherever the
note points), and links that are not http(s), mailto or relative are rendered as plain text.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup, escape

from kgraph.parse import markdown

SAFE_SCHEMES = ("http:", "https:", "mailto:")
INVISIBLE_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "object"})
TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")  # the name of the one tag an html_inline token holds


def render_note(text: str) -> Markup:
    """The note's HTML: line-addressable blocks, no raw HTML, no images, safe links only."""
    md = markdown()
    md.add_render_rule("html_block", _html_block)
    md.add_render_rule("html_inline", lambda *_args: "")
    md.add_render_rule("image", _image)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    tokens = md.parse(text.replace("\r", " "))
    mark_lines(tokens)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = drop_invisible(token.children)
    return Markup(md.renderer.render(tokens, md.options, {}))


def mark_lines(tokens: list[Token]) -> None:
    """Give each block token its ``data-lines`` and each first block on a line its ``id``."""
    seen: set[int] = set()
    for token in tokens:
        if not token.block or token.map is None or token.nesting == -1 or token.hidden:
            continue
        start, end = token.map[0] + 1, max(token.map[0] + 1, token.map[1])
        token.attrSet("data-lines", f"{start}-{end}")
        if start not in seen:
            seen.add(start)
            token.attrSet("id", f"L{start}")


def drop_invisible(children: list[Token]) -> list[Token]:
    """Inline tokens without what sits between ``<script>`` and ``</script>`` (and the like) on one block."""
    kept: list[Token] = []
    hidden_since: int | None = None
    for child in children:
        match = TAG.match(child.content) if child.type == "html_inline" else None
        name, closing = (match.group(2).lower(), bool(match.group(1))) if match else ("", False)
        if hidden_since is None and name in INVISIBLE_TAGS and not closing:
            hidden_since = len(kept)
        kept.append(child)
        if hidden_since is not None and name in INVISIBLE_TAGS and closing:
            del kept[hidden_since:]
            hidden_since = None
    return kept


def _html_block(renderer: RendererHTML, tokens: list[Token], idx: int, _options, _env) -> str:
    token = tokens[idx]
    text = visible_text(token.content).strip()
    if not text:
        return ""
    return f'<p class="raw-html"{renderer.renderAttrs(token)}>{escape(text)}</p>\n'


def _image(_renderer: RendererHTML, tokens: list[Token], idx: int, _options, _env) -> str:
    alt = tokens[idx].content or str(tokens[idx].attrGet("src") or "")
    return f'<span class="image-placeholder" title="image not loaded">[{escape(alt)}]</span>'


def _link_open(renderer: RendererHTML, tokens: list[Token], idx: int, options, env) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if not is_safe_href(href):
        token.meta["unsafe"] = True
        return ""
    if href.startswith(SAFE_SCHEMES[:2]):
        token.attrSet("rel", "noopener noreferrer nofollow")
    return renderer.renderToken(tokens, idx, options, env)


def _link_close(renderer: RendererHTML, tokens: list[Token], idx: int, options, env) -> str:
    opener = next(t for t in reversed(tokens[:idx]) if t.type == "link_open")
    return "" if opener.meta.get("unsafe") else renderer.renderToken(tokens, idx, options, env)


def is_safe_href(href: str) -> bool:
    """http(s), mailto, or a relative reference (no scheme at all)."""
    lowered = "".join(href.split()).lower()
    scheme, colon, _rest = lowered.partition(":")
    if not colon or "/" in scheme or "?" in scheme or "#" in scheme:
        return True
    return lowered.startswith(SAFE_SCHEMES)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, _attrs) -> None:
        self._hidden += tag in INVISIBLE_TAGS

    def handle_endtag(self, tag: str) -> None:
        if tag in INVISIBLE_TAGS and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a reader would see in an HTML fragment, without any tag, script or style."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
