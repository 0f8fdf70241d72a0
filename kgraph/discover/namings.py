"""Names a sentence gives with a naming verb: other names of a concept ("最初Node称为服务节点Minion",
"kube-proxy, also called the service proxy"), and new terms the sentence introduces in bold or
italics ("满足调度要求的所有节点称之为**可调度节点**", "are called _feasible nodes_").

In: passages, the lexicon so far and the discovery word list (``namings`` in
``ontology/discovery.yaml``: the naming verbs and the adverbs before them). Out: ``Discovery``
values (rule ``discover-naming``) adding each new name to the concept named right before the verb
(``from_namings``), or making an emphasized name right after the verb a term of its own when no
concept has it (``from_named_terms``; its class comes from its head word, see ``discover``).

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

from kgraph.discover.common import CJK, Discovery, DiscoveryWords, evidence, lang_of, written_as_code
from kgraph.iri import concept_key
from kgraph.lexicon import Lexicon, fold_label
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


_EMPHASIS = (("**", "**"), ("__", "__"), ("*", "*"), ("_", "_"))
_BOUNDARY = re.compile(r"[\s，,。；;：:、）)“”\"]|\.(?!\w)")


def from_named_terms(passages: Sequence[Passage], lexicon: Lexicon, words: DiscoveryWords) -> list[Discovery]:
    """New terms a naming verb introduces in emphasis: the emphasized run right after the verb,
    when it is a name (``_is_name``) no concept has, ending in one a concept has (``_narrows``)."""
    spec = words.spec["namings"]
    verbs = re.compile(f"(?:{'|'.join(spec['zh'])})|(?<![A-Za-z])(?:are|is|be)\\s+(?:{'|'.join(spec['en'])})\\s", re.IGNORECASE)
    heads = {fold_label(text) for term in lexicon.terms.values() for text, _lang, kind in term.labels
             if kind in ("pref", "alt") and len(text) >= 2}
    found = []
    for passage in passages:
        if passage.kind == "code" or not any(word in passage.text for word in tuple(spec["zh"]) + tuple(spec["en"])):
            continue
        for verb in verbs.finditer(passage.text):
            start = verb.end() + (passage.text[verb.end():verb.end() + 1] == " ")
            for end in _name_ends(passage.text, start):  # the emphasized run: "_feasible nodes_", not "_feasible_"
                text = passage.text[start:end]
                if _is_name(text) and written_as_code(passage, start, end, _EMPHASIS):
                    if lexicon.key_for(text) is None and _narrows(text, heads):
                        term = Term(concept_key(text.title() if text.isascii() else text), ((text, lang_of(text), "pref"),),
                                    (), "discovered")
                        found.append(Discovery(term, evidence(passage, start, end, RULE, CONFIDENCE)))
                    break
    return found


def _name_ends(text: str, start: int) -> list[int]:
    """Where a name starting at ``start`` may end: at each space or punctuation of the next 30 characters."""
    return [m.start() for m in _BOUNDARY.finditer(text, start + 1, min(len(text), start + 31))] + (
        [len(text)] if len(text) - start <= 30 else [])


def _narrows(name: str, heads: set[str]) -> bool:
    """The name ends in a known concept's name, so it names a kind of that ("可调度节点": a kind of
    node), not an attribute or an activity ("可调度", "绑定")."""
    folded = fold_label(name)
    singular = folded[:-1] if folded.endswith("s") and name.isascii() else folded
    return any(f != head and f.endswith(head) for f in {folded, singular} for head in heads)


def _is_name(text: str) -> bool:
    """Two to six Chinese characters, or two to four Latin words (one emphasized word is usually
    an attribute: "are called *static*")."""
    if text.isascii():
        return 2 <= len(text.split()) <= 4 and not _DESCRIPTION.match(text) and bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9 \-]*", text))
    return re.fullmatch(f"[{CJK}]{{2,6}}", text) is not None
