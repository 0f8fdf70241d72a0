"""Passage search over one store generation: the build writes it, the server ranks with it.

``index`` writes a generation's ``search/`` folder at build time (passages, their sentences as
verbatim quotes with lines, a jieba tokenizer and a BM25 index) and loads it as ``SearchIndex``;
``ranked`` answers ``/api/search`` with ranked passages and typed snippets; ``model`` holds the
values (``IndexedPassage``, ``Sentence``, ``Snippet``, ``SearchHit``, ``SearchResults``; citations
are ``kgraph.model.Citation``). The answerer ranks sentences over the same index
(``kgraph.answer.retrieval``), so answers and search cite the same lines.
Must not: import ``kgraph.answer``, run SPARQL or make markup (the web layer highlights the spans).
"""
