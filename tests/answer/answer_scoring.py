"""Scoring of answers against question files in the format of ../shared/eval/questions_sample.yaml.

The same rules as ``score_ask.py`` (which scores a live server): expectations are looked for in
the answer text and the entities' labels, width/case/space-folded; a citation must name the
expected note (a source is a file stem, or a path relative to the corpus root) and its lines must
contain one of the expected phrases; a negative question must be
answered ``answered: false`` with no citations. Used in-process by the tests.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path


def norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def found(entry: str, haystack: str) -> bool:
    return any(norm(a) in haystack for a in entry.split("|") if a.strip())


@dataclass(frozen=True)
class Verdict:
    id: str
    ok: bool
    reason: str


def judge(item: dict, body: dict, sources: dict, corpus: Path) -> Verdict:
    citations = body.get("citations") or []
    if item.get("negative"):
        ok = body.get("answered") is False and not citations
        return Verdict(item["id"], ok, "refused" if ok else f"answered with {len(citations)} citations")
    labels = " ".join(" ".join([e.get("label", "")] + list(e.get("labels") or [])) for e in body.get("entities") or [])
    haystack = norm(body.get("answer", "") + " " + labels)
    missing = [e for e in item.get("expect_all", []) if not found(e, haystack)]
    any_ok = not item.get("expect_any") or any(found(e, haystack) for e in item["expect_any"])
    answer_ok = body.get("answered") is not False and not missing and any_ok
    cite_ok = any(_citation_ok(c, item.get("cite", []), sources, corpus) for c in citations)
    reason = "ok" if answer_ok and cite_ok else f"answer={'ok' if answer_ok else 'wrong'}, citation={'ok' if cite_ok else 'none matched'}"
    return Verdict(item["id"], answer_ok and cite_ok, reason)


def _citation_ok(citation: dict, wanted: list, sources: dict, corpus: Path) -> bool:
    start, end = int(citation["start_line"]), int(citation["end_line"])
    for key, phrase in wanted:
        path = source_path(sources[key], corpus)
        if path is None or not _names(citation["source"], sources[key]):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        if norm(phrase) in norm("\n".join(lines[start - 1:end])):
            return True
    return False


def source_path(source: str, corpus: Path) -> Path | None:
    """The file a question file's source names: a path relative to the corpus root when it has a
    ``/`` (needed where stems repeat, as en/ and zh-cn/ pages do), else the one file with that stem."""
    if "/" in source:
        path = corpus / source
        return path if path.is_file() else None
    return next((p for p in corpus.rglob("*") if p.is_file() and p.stem == source), None)


def _names(cited: str, source: str) -> bool:
    """Whether a citation's ``source`` (the note's path relative to the corpus) is ``source``."""
    return cited == source if "/" in source else source in cited
