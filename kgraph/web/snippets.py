"""Search results as the web serves them: the domain's typed snippets turned into markup here.

In: ``SearchResults`` (``KnowledgeBase.search``). Out: the ``/api/search`` JSON body — every
result's ``to_dict()`` (citation fields, ``snippet_text``, ``highlights``) plus ``snippet``, the
same text escaped with each highlight in ``<mark>`` (the field API clients have always read) — and
the (piece, highlighted) pairs the search page's template renders. Must not: search.
"""
from __future__ import annotations

import html
from typing import Any

from kgraph.search.model import SearchResults, Snippet


def search_json(results: SearchResults) -> dict[str, Any]:
    body = results.to_dict()
    for hit, row in zip(results.results, body["results"]):
        row["snippet"] = snippet_html(hit.snippet)
    return body


def snippet_html(snippet: Snippet) -> str:
    return "".join(f"<mark>{html.escape(piece)}</mark>" if marked else html.escape(piece)
                   for piece, marked in snippet.pieces())


def snippet_parts(row: dict[str, Any]) -> list[tuple[str, bool]]:
    """A result row's snippet as (plain text, highlighted) pieces; the template escapes them."""
    return Snippet(row.get("snippet_text", ""), tuple(tuple(h) for h in row.get("highlights", ()))).pieces()
