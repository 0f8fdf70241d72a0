"""Other names a sentence gives a concept with a naming verb: "最初Node称为服务节点Minion", "kube-proxy, also called the service proxy".

In: passages, the lexicon so far and the discovery word list (``namings`` in
``ontology/discovery.yaml``: the naming verbs and the adverbs before them). Out: ``Discovery``
values (rule ``discover-naming``) adding each new name to the concept named right before the verb.

The name after the verb is taken only when it is written as a name: a Chinese run of two to six
characters ending at punctuation, a space or a Latin name ("服务节点Minion" gives 服务节点 and
Minion), a capitalised Latin name of one to three words, or inline code. A name another concept
already has is left to that concept, and one that goes on as a longer name ("叫作 Infra 容器") or
ends in the concept's own name names something narrower; a description ("称为一个控制器", "called a controller") starts
with an article or a classifier and is no name.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from kgraph.discover.common import CJK, Discovery, DiscoveryWords, evidence, lang_of
from kgraph.lexicon import Lexicon
from kgraph.model import Passage, Term

RULE = "discover-naming"
CONFIDENCE = 0.8
_ZH_NAME = re.compile(rf"\s?(?P<zh>[{CJK}]{{2,6}})(?=[\s，,。；;：:、）)]|[A-Za-z]|$)\s?(?P<latin>[A-Z][A-Za-z0-9\-]*)?")
_ZH_LATIN = re.compile(rf"\s?(?P<latin>[A-Za-z][A-Za-z0-9.\-]+)(?=[，,。；;：:、）)]|\s(?![{CJK}])|$)")
_EN_NAME = re.compile(r"\s+(?:the\s+)?[\"“']?(?P<latin>[A-Z][A-Za-z0-9\-]*(?: [A-Z][A-Za-z0-9\-]*){0,2})[\"”']?(?=[\s,.;:)]|$)")
_DESCRIPTION = re.compile(r"^\s?(?:一个|一种|一类|这个|那个|某个|每个|a |an )", re.IGNORECASE)


def from_namings(passages: Sequence[Passage], lexicon: Lexicon, words: DiscoveryWords) -> list[Discovery]:
    spec = words.spec["namings"]
    zh_verb = re.compile(f"^\\s?(?:{'|'.join(spec['zh_before'])})?(?:{'|'.join(spec['zh'])})")
    en_verb = re.compile(f"^,?\\s+(?:(?:{'|'.join(spec['en_before'])})\\s+)?(?:{'|'.join(spec['en'])})", re.IGNORECASE)
    probe = tuple(spec["zh"]) + tuple(spec["en"])
    found = []
    for passage in passages:
        if passage.kind == "code" or not any(word in passage.text for word in probe):
            continue
        for mention in lexicon.find(passage.text):
            rest = passage.text[mention.end:]
            verb = zh_verb.match(rest) or en_verb.match(rest)
            if verb is None or _DESCRIPTION.match(rest[verb.end():]):
                continue
            start = mention.end + verb.end()
            own = passage.text[mention.start:mention.end].casefold()
            names = _names(passage.text[start:], english=verb.re is en_verb)
            if any(name.casefold() == own for name, _o in names):
                continue  # "Pod 被称为静态 Pod": a longer name, of something narrower
            for name, offset in names:
                if lexicon.key_for(name) is None and not name.casefold().endswith(own):
                    term = Term(mention.key, ((name, lang_of(name), "alt"),), lexicon.terms[mention.key].types, "discovered")
                    found.append(Discovery(term, evidence(passage, mention.start, start + offset + len(name), RULE, CONFIDENCE)))
    return found


def _names(after: str, english: bool) -> list[tuple[str, int]]:
    """The names right after a naming verb, each with its offset in ``after``."""
    match = _EN_NAME.match(after) if english else _ZH_NAME.match(after) or _ZH_LATIN.match(after)
    if match is None:
        return []
    return [(match[group], match.start(group)) for group in match.re.groupindex if match[group]]
