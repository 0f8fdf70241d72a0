"""The glossary: one entry per concept of the graph, for docs sites and the ``/glossary`` page.

In: the live store through a ``SparqlEngine`` (``KnowledgeBase.sparql``). Out: a ``Glossary`` of
``GlossaryEntry`` values and its renderings. Must not: import Flask or click, read the corpus, or
run SPARQL other than through the engine.

- ``queries``: the five SPARQL queries and their rows (``GraphFacts``);
- ``names``: labels, aliases, acronyms and headings;  ``order``: sort keys (pinyin) and anchors;
- ``entries``: ``load_glossary`` — which concepts, which definition (documented there);
- ``model``: the frozen values and their JSON shape;  ``text``: words, escaping, source references;
- ``formats``: markdown, mkdocs, hugo, html, json, hugo-pages, sphinx, mkdocs-ezglossary, docusaurus;
- ``check``: ``--check``'s comparison;  ``index``: letter groups and the filter of the ``/glossary`` page;
- ``linking``: ``--link-docs``, a docs page with the first mention of each term linked.

Typical use::

    glossary = load_glossary(kb.sparql, GlossaryOptions(lang="both"))
    text = render(glossary, "markdown").page
"""
from __future__ import annotations

from kgraph.glossary.entries import GlossaryOptions, build_glossary, load_glossary
from kgraph.glossary.formats import FORMATS, Rendered, html_fragment, render
from kgraph.glossary.model import LANGS, Citation, Definition, Glossary, GlossaryEntry, Named, Related

__all__ = [
    "FORMATS", "LANGS", "Citation", "Definition", "Glossary", "GlossaryEntry", "GlossaryOptions", "Named",
    "Related", "Rendered", "build_glossary", "html_fragment", "load_glossary", "render",
]
