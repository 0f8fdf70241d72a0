"""The search values (``kgraph.search.model``): a snippet's pieces and the JSON shapes."""
from __future__ import annotations

from kgraph.model import Citation
from kgraph.search.model import SearchHit, SearchResults, Snippet


def test_pieces_split_the_text_at_the_highlights():
    snippet = Snippet("…a Pod and a Service", ((3, 6), (13, 20)))
    assert snippet.pieces() == [("…a ", False), ("Pod", True), (" and a ", False), ("Service", True)]


def test_a_snippet_without_highlights_is_one_piece():
    assert Snippet("plain").pieces() == [("plain", False)]
    assert Snippet("").pieces() == []


def test_a_hit_is_its_citation_fields_its_snippet_and_its_score():
    citation = Citation("notes/a.md", 3, 4, "A > B", "a Pod", "A")
    hit = SearchHit(citation, Snippet("a Pod", ((2, 5),)), 1.23456)
    assert SearchResults("Pod", (hit,)).to_dict() == {"query": "Pod", "count": 1, "results": [{
        "source": "notes/a.md", "start_line": 3, "end_line": 4, "heading": "A > B", "quote": "a Pod",
        "url": "/notes/notes/a.md#L3-L4", "title": "A", "snippet_text": "a Pod", "highlights": [[2, 5]],
        "score": 1.2346}]}
