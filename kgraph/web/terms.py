"""``/api/terms?prefix=&limit=``: term suggestions for the search box.

In: ``prefix``, the text before the cursor, and ``limit`` (1–50, default 8). Out: JSON
``{"prefix", "matched", "terms": [{"key", "url", "label", "lang", "kind", "matched", "labels"}]}``,
one entry per concept, best first.

Every concept label counts — ``skos:prefLabel`` (zh and en), ``skos:altLabel`` (aliases such as RS,
svc) and ``skos:hiddenLabel`` (misspellings the notes contain) — compared after ``fold`` (width,
case) with spaces and hyphens removed, so "kube a", "KUBE-A" and "ｋｕｂｅ-a" all find kube-apiserver.
A question is typed as a sentence, not a term, so the completion is of the longest *tail* of
``prefix`` that starts some label: "什么是副本" completes "副本" to 副本集, "what manages repl"
completes "repl" to ReplicaSet. Tails start at a word boundary or at any CJK character (Chinese has
no spaces); a Latin tail needs two characters, and a prefix ending in a space completes nothing.
``matched`` is that tail, which the page replaces with the chosen ``label``.
Ranking: exact match, then preferred before alias before misspelling, then shorter, then A–Z.
The label index is built once per store version and kept in ``app.extensions``.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from urllib.parse import quote

from flask import Blueprint, Response, current_app, json, request

from kgraph import reads
from kgraph.errors import BadRequest
from kgraph.sparql import SparqlEngine
from kgraph.text import fold, is_cjk
from kgraph.web.engine import knowledge_base
from kgraph.web.errors import JSON_TYPE

bp = Blueprint("terms", __name__)

EXTENSION = "kgraph.terms"
DEFAULT_LIMIT, MAX_LIMIT = 8, 50
MAX_TAIL = 40  # characters of the prefix looked at; no label is longer
KINDS = {"prefLabel": 0, "altLabel": 1, "hiddenLabel": 2}
SHOWN = {"pref": "prefLabel", "alt": "altLabel", "hidden": "hiddenLabel"}  # weak labels are never offered


@dataclass(frozen=True, order=True)
class Label:
    folded: str
    text: str
    lang: str
    kind: str  # prefLabel | altLabel | hiddenLabel
    key: str


@bp.get("/api/terms")
def terms() -> Response:
    prefix = request.args.get("prefix", "")
    limit = parse_limit(request.args.get("limit"))
    index = term_index()
    tail, labels = index.complete(prefix, limit)
    body = {"prefix": prefix, "matched": tail, "terms": [index.entry(label) for label in labels]}
    return Response(json.dumps(body, ensure_ascii=False) + "\n", content_type=JSON_TYPE)


def parse_limit(value: str | None) -> int:
    if value is None or value == "":
        return DEFAULT_LIMIT
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_LIMIT:  # "²" is a digit too
        raise BadRequest(f"limit must be an integer from 1 to {MAX_LIMIT}, not {value!r}")
    return int(value)


def term_index() -> TermIndex:
    """The index for the live store version (rebuilt when the version changes)."""
    engine = knowledge_base().sparql
    cached = current_app.extensions.get(EXTENSION)
    if cached is None or cached.version != engine.version.name:
        cached = current_app.extensions[EXTENSION] = TermIndex.load(engine)
    return cached


def normalize(text: str) -> str:
    return "".join(ch for ch in fold(text) if not ch.isspace() and ch != "-")


class TermIndex:
    """Concept labels sorted by their normalized form, for prefix search by bisection."""

    def __init__(self, version: str, labels: list[Label]) -> None:
        self.version = version
        self.labels = sorted(labels)
        self.keys = [label.folded for label in self.labels]
        self.prefs: dict[str, dict[str, str]] = {}
        for label in self.labels:
            if label.kind == "prefLabel":
                self.prefs.setdefault(label.key, {}).setdefault(label.lang, label.text)

    @classmethod
    def load(cls, engine: SparqlEngine) -> TermIndex:
        labels = [Label(normalize(l.text), l.text, l.lang, SHOWN[l.kind], l.key)
                  for l in reads.labels(engine, engine.settings.base).rows if l.kind in SHOWN and normalize(l.text)]
        return cls(engine.version.name, labels)

    def complete(self, prefix: str, limit: int) -> tuple[str, list[Label]]:
        """The longest tail of ``prefix`` that starts a label, and the best labels it starts."""
        text = prefix[-MAX_TAIL:]
        if not text or text[-1].isspace():  # a finished word: nothing to complete
            return "", []
        for start in tail_starts(text):
            needle = normalize(text[start:])
            found = self.starting_with(needle) if len(needle) >= 2 or is_cjk(needle[:1] or "a") else []
            if found:
                return text[start:], best_per_concept(found, needle, limit)
        return "", []

    def starting_with(self, needle: str) -> list[Label]:
        if not needle:
            return []
        found = []
        for i in range(bisect_left(self.keys, needle), len(self.keys)):
            if not self.keys[i].startswith(needle):
                break
            found.append(self.labels[i])
        return found

    def entry(self, label: Label) -> dict:
        prefs = self.prefs.get(label.key, {})
        shown = label.text if label.kind != "hiddenLabel" else prefs.get(label.lang) or next(iter(prefs.values()), label.text)
        return {
            "key": label.key,
            "url": f"/id/{quote(label.key)}",
            "label": shown,
            "lang": label.lang,
            "kind": label.kind,
            "matched": label.text,
            "labels": prefs,
        }


def tail_starts(text: str) -> list[int]:
    """Where a completable tail may start: word boundaries and CJK characters, longest tail first."""
    return [
        i for i, ch in enumerate(text)
        if not ch.isspace() and (i == 0 or not text[i - 1].isalnum() or is_cjk(ch) or is_cjk(text[i - 1]))
    ]


def best_per_concept(labels: list[Label], needle: str, limit: int) -> list[Label]:
    ranked = sorted(labels, key=lambda x: (x.folded != needle, KINDS[x.kind], len(x.folded), x.folded, x.text))
    best: dict[str, Label] = {}
    for label in ranked:
        best.setdefault(label.key, label)
    return list(best.values())[:limit]
