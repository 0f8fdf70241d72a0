"""The search page ``/`` and the note view ``/notes/<path>``.

In: ``GET /?q=QUESTION`` (a plain form: the page works without JavaScript) and ``GET /notes/<path>``.
Out: HTML from ``web/templates``. ``/?q=`` renders the answer on the server from the same
``KnowledgeBase.ask`` and ``KnowledgeBase.search`` that ``/api/ask`` and ``/api/search`` serve, in
the same JSON shapes (``answers.answer_json``, ``snippets.search_json``), so the server's page and the one ``web/static/search.js`` updates
in place show the same thing. A note is rendered from its text as built (``notes.json`` of the
store generation the graph comes from, cached per generation in ``app.extensions``), never from
the corpus folder, so line numbers always match the citations.
Must not: answer or search itself, or read the corpus.
"""
from __future__ import annotations

import difflib

from flask import Blueprint, current_app, render_template, request

from kgraph import reads
from kgraph.errors import BadRequest, NotFound
from kgraph.store import NOTES_FILE, read_json
from kgraph.web.browser import tag_lang, text_lang
from kgraph.iri import note_url
from kgraph.web.answers import answer_json
from kgraph.web.engine import knowledge_base
from kgraph.web.note_view import render_note
from kgraph.web.snippets import search_json, snippet_parts

bp = Blueprint("pages", __name__)

NOTES_EXTENSION = "kgraph.notes"
SEARCH_LIMIT = 5


@bp.record_once
def add_template_helpers(state) -> None:
    for helper in (note_url, concept_href, snippet_parts, text_lang, tag_lang):
        state.app.add_template_global(helper)


@bp.get("/")
def index() -> str | tuple[str, int]:
    question = request.args.get("q", "").strip()
    if not question:
        return render_template("index.html", query="")
    kb = knowledge_base()
    try:
        answer = answer_json(kb.ask(question))
        hits = search_json(kb.search(question, limit=SEARCH_LIMIT))["results"]
    except BadRequest as error:  # e.g. an over-long question: say so next to the search box
        return render_template("index.html", query=question, error=error.message), error.status
    return render_template("index.html", query=question, answer=answer, hits=hits)


@bp.get("/notes/<path:path>")
def note(path: str) -> str:
    texts = note_texts()
    if path not in texts:
        close = difflib.get_close_matches(path, list(texts), n=5, cutoff=0.5)
        raise NotFound(f"no note {path!r}", details={"close_matches": close})
    text = texts[path]
    return render_template("note.html", path=path, title=note_title(path), body=render_note(text),
                           note_lang=text_lang(text))


def note_texts() -> dict[str, str]:
    """{path: text} of the store generation the graph is served from."""
    engine = knowledge_base().sparql
    cached = current_app.extensions.get(NOTES_EXTENSION)
    if cached is None or cached[0] != engine.version.name:
        try:
            texts = read_json(engine.version, NOTES_FILE)
        except FileNotFoundError:  # a store written without note texts: every note is unknown
            texts = {}
        cached = current_app.extensions[NOTES_EXTENSION] = (engine.version.name, texts)
    return cached[1]


def note_title(path: str) -> str:
    return reads.titles(knowledge_base().sparql, [path]).get(path, path)


def concept_href(iri: str) -> str:
    """The concept page on this server for a concept IRI (whatever base the graph was built with)."""
    _, sep, key = iri.partition("/id/")
    return f"/id/{key}" if sep and key else "/"

