"""``/api/ask`` and ``/api/search``: questions and passage search as JSON.

In: ``GET /api/ask?q=QUESTION``; ``GET /api/search?q=TEXT&limit=N`` (1..50, default 10).
Out: ``answers.answer_json`` (``Answer.to_dict()`` with its "[n]"-marked ``answer`` string) /
``SearchResults.to_dict()`` — the shapes DESIGN.md fixes — or a 400
naming the parameter at fault (missing, empty, over 500 characters, control characters, not
UTF-8, repeated, a bad limit). The views only read parameters and call ``KnowledgeBase.ask`` /
``KnowledgeBase.search``, the same calls ``kgraph ask`` and the search page make.
"""
from __future__ import annotations

from flask import Blueprint, Response, json, request

from kgraph.errors import BadRequest
from kgraph.web.answers import answer_json
from kgraph.web.engine import knowledge_base
from kgraph.web.snippets import search_json
from kgraph.web.sparql import decode_params

bp = Blueprint("api", __name__, url_prefix="/api")

JSON_TYPE = "application/json; charset=utf-8"
DEFAULT_LIMIT = 10
MAX_LIMIT = 50


@bp.get("/ask")
def ask() -> Response:
    params = _params()
    return _json(answer_json(knowledge_base().ask(_one(params, "q"), parameter="q")))


@bp.get("/search")
def search() -> Response:
    params = _params()
    limit = _limit(_one(params, "limit", required=False))
    return _json(search_json(knowledge_base().search(_one(params, "q"), limit, parameter="q")))


def _params() -> list[tuple[str, str]]:
    return decode_params(request.query_string, "the URL query string")


def _one(params: list[tuple[str, str]], name: str, required: bool = True) -> str | None:
    values = [value for key, value in params if key == name]
    if len(values) > 1:
        raise BadRequest(f"parameter {name} is given {len(values)} times; give it once", details={"parameter": name})
    if not values and required:
        raise BadRequest(f"missing parameter {name}", details={"parameter": name})
    return values[0] if values else None


def _limit(text: str | None) -> int:
    if text is None:
        return DEFAULT_LIMIT
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or not 1 <= int(digits) <= MAX_LIMIT:  # "²" is a digit too
        raise BadRequest(
            f"parameter limit must be a whole number from 1 to {MAX_LIMIT}, not {text[:20]!r}",
            details={"parameter": "limit"},
        )
    return int(text)


def _json(data: dict) -> Response:
    body = json.dumps(data, ensure_ascii=False) + "\n"
    return Response(body, content_type=JSON_TYPE, headers={"Cache-Control": "no-cache"})
