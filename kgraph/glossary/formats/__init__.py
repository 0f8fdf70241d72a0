"""The glossary's output formats: ``render(glossary, format)`` → the files' texts.

In: a ``Glossary``, a format name from ``FORMATS`` and an optional source-URL template. Out:
``Rendered``: the main file's text and, for ``mkdocs``, the abbreviations file's text; for a
directory format (``DIRECTORY_FORMATS``) no main file but ``files``: paths relative to ``--out``.
Must not: write files (the CLI does) or read the store.

| format | main file | extra |
|---|---|---|
| ``markdown`` | one page for GitHub and MkDocs | — |
| ``mkdocs`` | the same page | ``abbreviations``: ``*[RS]: …`` lines for ``abbr`` + ``pymdownx.snippets`` |
| ``hugo`` | a YAML data file of kubernetes.io-shaped entries | — |
| ``html`` | a standalone page | — |
| ``json`` | the DESIGN.md entry list | — |
| ``sphinx`` | a reStructuredText page with one ``.. glossary::`` directive, pre-sorted | — |
| ``mkdocs-ezglossary`` | a page of ``glossary:term`` definition lists for the ezglossary plugin | — |
| ``docusaurus`` | the ``glossary.json`` of docusaurus-plugin-glossary | — |
| ``hugo-pages`` | — | ``files``: ``content/<lang>/docs/reference/glossary/<id>.md``, one per term (kubernetes.io) |
"""
from __future__ import annotations

from dataclasses import dataclass

from kgraph.errors import BadRequest
from kgraph.glossary.formats.data import hugo_yaml, json_text
from kgraph.glossary.formats.hugo_pages import hugo_pages
from kgraph.glossary.formats.docusaurus import docusaurus_json
from kgraph.glossary.formats.ezglossary import ezglossary_page
from kgraph.glossary.formats.html import html_document, html_fragment
from kgraph.glossary.formats.markdown import abbreviations_file, markdown_page
from kgraph.glossary.formats.sphinx import sphinx_page
from kgraph.glossary.model import Glossary

FORMATS = ("markdown", "mkdocs", "hugo", "html", "json", "hugo-pages", "sphinx", "mkdocs-ezglossary", "docusaurus")
DIRECTORY_FORMATS = ("hugo-pages",)  # --out is a folder (a site's root)
SUFFIXES = {"markdown": ".md", "mkdocs": ".md", "hugo": ".yaml", "html": ".html", "json": ".json", "sphinx": ".rst", "mkdocs-ezglossary": ".md", "docusaurus": ".json"}


@dataclass(frozen=True)
class Rendered:
    page: str  # "" for a directory format
    abbreviations: str | None = None  # mkdocs only
    files: tuple[tuple[str, str], ...] = ()  # directory formats: (path relative to --out, text), sorted


def render(glossary: Glossary, fmt: str, source_url: str | None = None) -> Rendered:
    if fmt in ("markdown", "mkdocs"):
        page = markdown_page(glossary, source_url, fmt)
        return Rendered(page, abbreviations_file(glossary) if fmt == "mkdocs" else None)
    if fmt == "hugo":
        return Rendered(hugo_yaml(glossary))
    if fmt == "html":
        return Rendered(html_document(glossary))
    if fmt == "json":
        return Rendered(json_text(glossary))
    if fmt == "sphinx":
        return Rendered(sphinx_page(glossary, source_url))
    if fmt == "mkdocs-ezglossary":
        return Rendered(ezglossary_page(glossary, source_url))
    if fmt == "docusaurus":
        return Rendered(docusaurus_json(glossary))
    if fmt == "hugo-pages":
        return Rendered("", files=hugo_pages(glossary))
    raise BadRequest(f"unknown glossary format {fmt!r}; use one of {', '.join(FORMATS)}")


__all__ = ["DIRECTORY_FORMATS", "FORMATS", "SUFFIXES", "Rendered", "render", "html_fragment"]
