"""``kgraph glossary --link-docs``: a docs tree's pages with their glossary terms linked.

In: a page's Markdown text, a ``Glossary`` and a style (``hugo``, ``mkdocs``, ``sphinx``). Out:
``LinkedPage`` values. Must not: read or write files (the CLI does), or run SPARQL.

- ``styles``: the link each docs stack writes and how an existing one is recognised;
- ``page``: which mentions get a link (the first of each term per page, in prose only).

Typical use::

    linker = Linker.of(glossary, "hugo")
    page = linker.link(text)   # page.text, page.added
"""
from __future__ import annotations

from dataclasses import dataclass

from kgraph.glossary.linking.page import Added, LinkedPage, lexicon_of, link_page
from kgraph.glossary.linking.styles import STYLES, LinkStyle, link_style
from kgraph.glossary.model import Glossary
from kgraph.lexicon import Lexicon


@dataclass(frozen=True)
class Linker:
    style: LinkStyle
    lexicon: Lexicon

    @classmethod
    def of(cls, glossary: Glossary, style: str) -> Linker:
        return cls(link_style(glossary, style), lexicon_of(glossary))

    def link(self, text: str) -> LinkedPage:
        return link_page(text, self.style, self.lexicon)


__all__ = ["STYLES", "Added", "LinkStyle", "LinkedPage", "Linker", "link_page", "link_style"]
