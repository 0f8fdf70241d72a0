"""Component names made of a concept and a role: "the Job controller", "节点控制器".

In: passages, the lexicon so far (with its mentions of each passage) and the discovery word list.
Out: ``Discovery`` values (rule ``discover-component``), typed ``Controller``. "X controller" /
"X 控制器" names the controller of X when X is a concept the lexicon knows as an API resource or a
node (Job, 节点, EndpointSlice; ``component.heads``) or a CamelCase API name, and the name does not go on as something else ("controller manager",
"控制器管理器"). Its key is X's key + ``Controller`` (``NodeController``), so the English and the
Chinese name of it meet in one concept; a name the lexicon already knows ("Replication
Controller") stays that concept.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from kgraph.discover.common import Discovery, DiscoveryWords, evidence
from kgraph.iri import concept_key
from kgraph.lexicon import Lexicon
from kgraph.model import Mention, Passage, Term

CLASS = "Controller"
_CAMEL = re.compile(r"(?<![A-Za-z0-9\-])[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$")


def from_components(passages: Sequence[Passage], lexicon: Lexicon, mentions: Sequence[Sequence[Mention]],
                    words: DiscoveryWords, is_a: Callable[[Iterable[str], Iterable[str]], bool]) -> list[Discovery]:
    en_suffix = str(words.spec["component"]["en_suffix"])
    zh_suffix = str(words.spec["component"]["zh_suffix"])
    stops = frozenset(str(w).casefold() for w in words.spec["component"]["not_before"])
    pattern = re.compile(rf"(?:\s?{re.escape(zh_suffix)}|\s+{re.escape(en_suffix)}s?\b)", re.IGNORECASE)
    heads = tuple(words.spec["component"]["heads"])
    specific = [[m for m in here if is_a(lexicon.terms[m.key].types, heads)] for here in mentions]
    found = []
    for passage, found_here in zip(passages, specific):
        if passage.kind == "code":
            continue
        for match in pattern.finditer(passage.text):
            if _goes_on(passage.text[match.end():], stops):
                continue
            discovery = _component(passage, match, found_here, lexicon)
            if discovery:
                found.append(discovery)
    return found


def _goes_on(rest: str, stops: frozenset[str]) -> bool:
    following = rest.lstrip().casefold()
    return any(following.startswith(stop) for stop in stops)


def _component(passage: Passage, match: re.Match[str], mentions: Sequence[Mention], lexicon: Lexicon) -> Discovery | None:
    text = passage.text
    head = next((m for m in mentions if m.end == match.start() or (m.end == match.start() - 1 and text[m.end] == " ")), None)
    if head is None:
        camel = _CAMEL.search(text[max(0, match.start() - 40):match.start()])
        if camel is None:
            return None
        start, key = match.start() - len(camel.group()), concept_key(camel.group())
    else:
        start, key = head.start, head.key
    name = text[start:match.end()].strip()
    if lexicon.key_for(name):  # a name the lexicon knows ("Replication Controller") stays that concept
        return None
    lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in name) else "en"
    term = Term(f"{key}{CLASS}", ((name if lang == "zh" else _singular(name), lang, "pref"),), (CLASS,), "discovered")
    return Discovery(term, evidence(passage, start, match.end(), "discover-component", 0.8))


def _singular(name: str) -> str:
    return name[:-1] if name.casefold().endswith("controllers") else name
