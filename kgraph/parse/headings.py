"""Heading text, and the lines of a paragraph that the notes use as headings.

In: a rendered paragraph (``Rendered``) and its source. Out: heading texts and ``LineHeading``
values saying which lines of the paragraph are headings in disguise. Must not: decide passages.

Two disguises are recognised, each only from the tokens markdown-it produced for the line:

* ``###Ingress Controller:`` — no space after the hashes, so CommonMark reads a paragraph line.
  A line whose first token is text beginning with 1–6 unescaped ``#`` directly followed by a
  letter becomes a heading of that level.
* ``**Pod：**`` — a line that is one bold run and nothing else (inline HTML such as ``<font>``
  around it and a colon after it allowed) becomes a heading one level below the current real
  heading, unless it reads as a sentence: longer than ``MAX_BOLD_HEADING`` characters, or ending
  in 。！？!?.；; (so ``**一：在探讨pod和容器的区别之前，……理由。**`` stays a paragraph).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from markdown_it.token import Token

from kgraph.parse.inline import Placed, Rendered
from kgraph.parse.plain import BREAKS, Plain, line_end, line_starts

MAX_BOLD_HEADING = 40
_SENTENCE_ENDS = tuple("。！？!?.；;")
_COLONS = ":："
_INVISIBLE = ("html_inline", "softbreak", "hardbreak")
_HEADING_ID = re.compile(r"\s*\{#[^{}\s]*\}\s*$")


@dataclass(frozen=True)
class LineHeading:
    """Line ``line`` (0-based, within the paragraph) is a heading."""

    line: int
    text: str
    level: int | None  # None: one level below the current real heading


def heading_text(plain: Plain) -> str:
    """A heading's plain text, trailing ``:``/``：`` and a Hugo heading id (``## 调度概览 {#scheduling}``) stripped."""
    return _strip_colons(_HEADING_ID.sub("", re.sub(f"[{''.join(BREAKS)}]", " ", plain.clean().text)))


def _strip_colons(text: str) -> str:
    return text.rstrip(_COLONS).rstrip()


def disguised_headings(rendered: Rendered, source: str) -> dict[int, LineHeading]:
    """The lines of a paragraph that are headings, keyed by line index within the paragraph."""
    starts = line_starts(source)
    found: dict[int, LineHeading] = {}
    for k, placed in _tokens_by_line(rendered.placed, starts).items():
        end = line_end(source, starts, k)
        plain = rendered.plain.within(starts[k], end)
        line = source[starts[k] : end]
        heading = _hash_heading(k, placed, line, plain) or _bold_heading(k, placed, plain)
        if heading is not None:
            found[k] = heading
    return found


def _tokens_by_line(placed: tuple[Placed, ...], starts: list[int]) -> dict[int, list[Placed]]:
    """Visible child tokens grouped by the paragraph line they start on."""
    by_line: dict[int, list[Placed]] = {}
    for item in placed:
        token = item.token
        if item.pos < 0 or token.type in _INVISIBLE or (token.type == "text" and not token.content.strip()):
            continue
        by_line.setdefault(bisect.bisect_right(starts, item.pos) - 1, []).append(item)
    return by_line


def _hash_heading(k: int, placed: list[Placed], line: str, plain: Plain) -> LineHeading | None:
    """``###Title`` opening the line (``line`` is its source): the text after the hashes."""
    first = placed[0]
    content = first.token.content if first.token.type == "text" else ""
    level = len(content) - len(content.lstrip("#"))
    if not 1 <= level <= 6 or not content[level:][:1].isalpha():
        return None
    if not line.lstrip(" \t").startswith("#" * level):  # opening the line, so not escaped
        return None
    text = _strip_colons(plain.clean().text.lstrip("#").strip())
    return LineHeading(k, text, level) if text else None


def _bold_heading(k: int, placed: list[Placed], plain: Plain) -> LineHeading | None:
    tokens = [item.token for item in placed]
    if tokens and tokens[-1].type == "text" and tokens[-1].content.strip() in tuple(_COLONS):
        tokens = tokens[:-1]
    if not _one_bold_run(tokens):
        return None
    text = heading_text(plain)
    if not text or len(text) > MAX_BOLD_HEADING or text.endswith(_SENTENCE_ENDS):
        return None
    return LineHeading(k, text, None)


def _one_bold_run(tokens: list[Token]) -> bool:
    """True if ``tokens`` are exactly one ``strong_open … strong_close`` pair and what it holds."""
    if len(tokens) < 3 or tokens[0].type != "strong_open" or tokens[-1].type != "strong_close":
        return False
    depth = 0
    for token in tokens[:-1]:
        depth += (token.type == "strong_open") - (token.type == "strong_close")
        if depth == 0:
            return False
    return True
