"""An answer as the web shows it: its text with "[n]" citation marks, and its JSON for ``/api/ask``.

In: an ``Answer`` (typed segments, each citing at most one of its citations by index). Out:
``answer_text`` — the segments joined, each quote followed by "[n]", n its citation's number from 1
(the string ``/api/ask`` has always returned in ``answer``); ``answer_json`` — ``Answer.to_dict()``
with that ``answer`` string in its place (after ``answered``) and the ``parts`` kept, so a client may
draw the marks itself (the search page does). ``kgraph ask`` prints the same text. Must not: decide
what an answer says.
"""
from __future__ import annotations

from typing import Any

from kgraph.answer.model import Answer, Segment


def marker(segment: Segment) -> str:
    """ "[n]" for a segment citing the n-th citation, else ""."""
    return "" if segment.citation is None else f"[{segment.citation + 1}]"


def answer_text(answer: Answer) -> str:
    return "".join(segment.text + marker(segment) for segment in answer.parts)


def answer_json(answer: Answer) -> dict[str, Any]:
    data = answer.to_dict()
    head = {key: data.pop(key) for key in ("question", "answered")}
    return {**head, "answer": answer_text(answer), **data}
