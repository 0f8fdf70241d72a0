"""Whether a sentence says what a concept is: the test a definition answered from passages passes.

In: a sentence's plain text, the spans where it names the concept, the lines right before it (its
passage's heading, the sentence before), the concept's labels, and the defining words of
``ontology/questions.yaml`` (``defining``). Out: how plainly it defines: ``NAMING`` (3), ``DESCRIBING`` (2), ``OPENING`` (1) or 0.

A sentence defines X when
- it opens with X — after at most an article or a short lead ending in a comma ("In Kubernetes,",
  "在 Kubernetes 中，") — and the next word, past a parenthesis, quote marks, a plural ending and
  one adverb ("also", "usually"), is a naming word ("X 是…", "X（缩写）指…", "X refers to …": NAMING)
  or a describing one ("X 负责…", "Tolerations allow …": DESCRIBING);
- less plainly (OPENING), it opens with X and goes on in other words ("Pod 的 IP 是…", or a
  verb the lists lack): about X, as the subject, which a sentence merely mentioning X is not;
- or (DESCRIBING) it follows a line that names X and nothing else (or X and its other name in
  brackets, "污点（Taint）"): it is the first sentence under such a heading or title ("### NoSchedule",
  a glossary page's summary), or comes right after a definition list's term ("`NoSchedule`" then
  ": No new Pods …").
A sentence that merely mentions X ("Ensure that X is enabled", "你需要将 X 安装到…") scores 0. The
OPENING tier was kept because on the development split it answers more "what is X" questions with
a defining sentence than naming and describing sentences alone (bench/quality.py, what-is cited).
Must not: search, rank or know question types.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kgraph.lexicon import fold_label
from kgraph.tokenize import fold_text

ARTICLES = ("a ", "an ", "the ")
MAX_LEAD = 30  # characters of a lead ("In Kubernetes,") before the subject
_PLURAL = re.compile(r"^e?s\b")
_SKIP = re.compile(r"""^(?:\s|[`'"“”‘’「」『』*_]|\([^)]{0,40}\)|（[^）]{0,40}）)*""")
_ADVERB = re.compile(r"^(?:also|usually|typically|generally|only|then|always|simply|\w+ly)\s+")
_WORD = re.compile(r"^[a-z]+")
_PAIR = re.compile(r"^(?P<name>[^(（]+?)\s*[(（](?P<other>[^)）]+)[)）]$")


NAMING, DESCRIBING, OPENING = 3, 2, 1


def defines(text: str, spans: Sequence[tuple[int, int]], defining: dict[str, Iterable[str]],
            heads: Iterable[str] = (), labels: Iterable[str] = ()) -> int:
    """How plainly ``text`` says what the concept named at ``spans`` (and called ``labels``) is;
    ``defining`` holds the naming and describing words of the sentence's language; ``heads`` are the
    lines right before it that could name the concept alone (its passage's heading when it opens
    the passage, the sentence before it)."""
    opening = [end for start, end in spans if _opens_with(text, start)]
    for strength, tier in ((NAMING, "naming"), (DESCRIBING, "describing")):
        words = tuple(defining.get(tier, ()))
        if any(_defining_after(text[end:], words) for end in opening):
            return strength
    if opening:
        return OPENING
    names = {fold_label(label) for label in labels} - {""}
    return DESCRIBING if any(names & _named(head) for head in heads if head) else 0


def _named(head: str) -> set[str]:
    """What a heading or title names: itself, and both sides of "Name (Other name)" ("应用（Applications）",
    "JSON Web Token (JWT)")."""
    found = {head}
    match = _PAIR.match(head.strip())
    if match:
        found |= {match["name"], match["other"]}
    return {fold_label(name) for name in found} - {""}


def _opens_with(text: str, start: int) -> bool:
    lead = fold_text(text[:start]).strip(" \t`*_\"'“”")
    return not lead or lead + " " in ARTICLES or (len(lead) <= MAX_LEAD and lead.endswith((",", "，")))


def _defining_after(rest: str, words: tuple[str, ...]) -> bool:
    rest = _PLURAL.sub("", fold_text(rest), count=1)
    rest = rest[_SKIP.match(rest).end():]
    rest = _ADVERB.sub("", rest, count=1) if rest[:1].isascii() else rest
    ascii_word = _WORD.match(rest)
    if ascii_word:  # "allows" in the list also reads "Tolerations allow"
        word = ascii_word.group()
        return any(form in words for form in (word, word + "s", word + "es"))
    return rest.startswith(tuple(w for w in words if not w.isascii()))
