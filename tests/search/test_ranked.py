"""Ranked passage search (``kgraph.search.ranked``) over the seed notes: ranks, citations and
typed snippets (plain text and the character ranges to highlight — never markup)."""
from __future__ import annotations


def test_a_concept_label_finds_passages_naming_it_by_any_label(kb):
    results = kb.search("RS", limit=3)
    assert [(h.citation.source, h.citation.start_line, round(h.score, 4)) for h in results.results] == [
        ("004_67691ae25526bf00.md", 34, 12.2135), ("004_67691ae25526bf00.md", 36, 12.0332),
        ("003_39f8276f66997fbe.md", 24, 11.0476)]


def test_a_hit_cites_its_passage_with_the_note_title(kb):
    hit = kb.search("RS", limit=1).results[0]
    assert hit.citation.quote == hit.snippet.text
    assert hit.citation.quote.startswith("RS 和 RC 没有本质的不同")
    assert hit.citation.url == "/notes/004_67691ae25526bf00.md#L34-L34"
    assert hit.citation.title != ""


def test_snippets_are_plain_text_with_highlight_ranges(kb):
    snippet = kb.search("RS", limit=1).results[0].snippet
    assert snippet.highlights == ((0, 2), (26, 28))
    assert [piece for piece, marked in snippet.pieces() if marked] == ["RS", "RS"]
    assert "<mark>" not in snippet.text


def test_highlights_cover_words_and_every_label_of_the_concepts_asked(kb):
    hit = kb.search("Service 选择 Pod", limit=2).results[1]
    assert hit.citation.key == ("001_fd38ff0f8ae72d38.md", 108, 108)
    marked = [piece for piece, on in hit.snippet.pieces() if on]
    assert marked == ["Pod", "Service", "service", "service", "pod", "service", "Service"]


def test_the_json_shape_holds_the_citation_fields_and_the_snippet(kb):
    body = kb.search("<b>", limit=2).to_dict()
    assert (body["query"], body["count"]) == ("<b>", 2)
    row = body["results"][0]
    assert sorted(row) == ["end_line", "heading", "highlights", "quote", "score", "snippet_text", "source",
                           "start_line", "title", "url"]
    assert (row["source"], row["start_line"], row["highlights"]) == ("001_fd38ff0f8ae72d38.md", 74, [[25, 26]])


def test_a_query_naming_nothing_known_finds_nothing(kb):
    assert kb.search("zzqx", limit=5).results == ()
