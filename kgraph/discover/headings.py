"""Section headings that name a term: ``hostPath``, ``Ingress Controller``, ``静态 Pod``; and the
terms of definition lists ("`NoSchedule`" on its own line, then ": …"), read the same way.

In: passages (their heading paths) and the lexicon so far. Out: ``Discovery`` values (rule
``discover-heading``). A heading names a term when it is a Latin name of up to three words that the
notes also write, as written, inside a sentence ("Karpenter", "PreFilter", "Ingress Controller" —
but not "Good practices" or "Metrics", which running text writes in lower case), or a short Chinese
modifier before a known name that the notes also use ("静态 Pod"). It does not when it is a task
("创建 Deployment", "Configure a Pod", "Using Services": a task verb or an -ing word first) or a
phrase (an English function word in it: "Pods on Nodes").
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from kgraph.discover.common import CJK, Discovery, DiscoveryWords, first_sentence_evidence, make_term
from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Passage
from kgraph.structure import described_terms

_LATIN_HEADING = re.compile(r"^[A-Za-z][A-Za-z0-9.\-]*(?: [A-Za-z][A-Za-z0-9.\-]*){0,2}$")
_MODIFIED_HEADING = re.compile(rf"^(?P<mod>[{CJK}]{{1,3}})\s?(?P<head>[A-Za-z][A-Za-z0-9\-]*)$")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*[A-Za-z0-9]|[A-Za-z]")
_PLAIN_WORD = re.compile(r"[A-Z]?[a-z]+")  # one word, no inner capital, digit or hyphen (not NoSchedule)
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[一二三四五六七八九十]+[、：:.．])\s*")


def heading_names(heading: str) -> list[str]:
    text = _NUMBERING.sub("", heading).strip().rstrip(":：").strip()
    return [part.strip() for part in re.split(r"\s*&&?\s*|\s*/\s*", text) if part.strip()]


def from_headings(passages: Sequence[Passage], lexicon: Lexicon, words: DiscoveryWords) -> list[Discovery]:
    """Term-like headings whose name the notes also use in running text."""
    candidates: dict[str, Passage] = {}
    named = [(p, heading_names(p.heading_path[-1]) if p.heading_path else []) for p in passages]
    named += [(term, [name]) for term, name in described_terms(passages).values()]  # definition lists name terms too
    for passage, names in named:
        for name in names:
            if name not in candidates and not lexicon.key_for(name) and not _is_task(name, words):
                candidates[name] = passage
    latin = {name for name in candidates if name.isascii()}
    usage = _usage(passages, latin)
    body = fold_label(" ".join(p.text for p in passages if p.kind != "code")) if len(latin) < len(candidates) else ""
    found = []
    for name, passage in candidates.items():
        if name.isascii():
            written, lowered = usage.get(name, (0, 0))
            used = written >= 1 and (written >= lowered or name != name.capitalize())
        else:
            used = fold_label(name) in body
        labels = _heading_labels(name, lexicon, words) if used else []
        if labels and _PLAIN_WORD.fullmatch(name):  # `Never`, `Always`: a value named by an everyday word,
            labels.append((name, "en", "weak"))     # a concept for the glossary, never matched in running text
        if labels:
            term = make_term(lexicon, labels)
            if term:
                found.append(Discovery(term, first_sentence_evidence(passage, "discover-heading", 0.7)))
    return found


def _usage(passages: Sequence[Passage], names: set[str]) -> dict[str, tuple[int, int]]:
    """For each Latin name: how often running text writes it inside a sentence as written, and
    how often in lower case ("Karpenter" 5 / 0 is a name; "Metrics" 1 / 40 is a word)."""
    wanted = {name.casefold(): name for name in names}
    firsts = {name.split()[0].casefold() for name in names if name.split()}
    longest = max((len(name.split()) for name in names), default=0)
    counts: dict[str, list[int]] = {}
    for passage in passages:
        if passage.kind == "code":
            continue
        words = list(_WORD.finditer(passage.text))
        for i, word in enumerate(words):
            if word.group().casefold() not in firsts or _sentence_start(passage.text, word.start()):
                continue
            for n in range(1, longest + 1):
                if i + n > len(words):
                    break
                phrase = passage.text[word.start():words[i + n - 1].end()]
                name = wanted.get(phrase.casefold())
                if name is not None:
                    count = counts.setdefault(name, [0, 0])
                    count[0 if phrase == name else 1] += phrase == name or phrase == phrase.lower()
    return {name: (c[0], c[1]) for name, c in counts.items()}


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t*_`[(\"'“")
    return not before or before[-1] in ".!?。！？：:\n|"


def _is_task(name: str, words: DiscoveryWords) -> bool:
    first = name.split()[0].casefold() if name.split() else ""
    if first in words.words("task_verbs", "en") or (first.endswith("ing") and len(first) > 5):
        return True
    return any(name.startswith(verb) for verb in words.words("task_verbs", "zh"))


def _heading_labels(name: str, lexicon: Lexicon, words: DiscoveryWords) -> list[tuple[str, str, str]]:
    if _LATIN_HEADING.match(name) and not (" " in name and name == name.lower()):
        if any(w.casefold() in words.words("function_words") for w in name.split()):
            return []
        return [(name, "en", "pref")]
    modified = _MODIFIED_HEADING.match(name)
    if modified and lexicon.key_for(modified["head"]):
        return [(name, "zh", "pref")]
    return []
