"""``/api/terms?prefix=&limit=``: term suggestions for the search box.

In: ``prefix``, the text before the cursor, and ``limit`` (1–50, default 8). Out: JSON
``{"prefix", "matched", "terms": [{"key", "url", "label", "lang", "kind", "matched", "labels"}]}``,
one entry per concept, best first. The completion itself (which tail of ``prefix``, which labels,
in what order) is ``kgraph.search.terms.TermIndex``, one per store generation, held by the
``KnowledgeBase``'s snapshot; ``matched`` is the tail, which the page replaces with the chosen
``label``.
"""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, json, request

from kgraph.errors import BadRequest
from kgraph.search.terms import Label
from kgraph.web.engine import knowledge_base
from kgraph.web.errors import JSON_TYPE

bp = Blueprint("terms", __name__)

DEFAULT_LIMIT, MAX_LIMIT = 8, 50


@bp.get("/api/terms")
def terms() -> Response:
    prefix = request.args.get("prefix", "")
    limit = parse_limit(request.args.get("limit"))
    index = knowledge_base().terms
    tail, labels = index.complete(prefix, limit)
    body = {"prefix": prefix, "matched": tail, "terms": [entry(index, label) for label in labels]}
    return Response(json.dumps(body, ensure_ascii=False) + "\n", content_type=JSON_TYPE)


def parse_limit(value: str | None) -> int:
    if value is None or value == "":
        return DEFAULT_LIMIT
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_LIMIT:  # "²" is a digit too
        raise BadRequest(f"limit must be an integer from 1 to {MAX_LIMIT}, not {value!r}")
    return int(value)


def entry(index, label: Label) -> dict:
    shown, prefs = index.shown(label)
    return {
        "key": label.key,
        "url": f"/id/{quote(label.key)}",
        "label": shown,
        "lang": label.lang,
        "kind": label.kind,
        "matched": label.text,
        "labels": prefs,
    }
