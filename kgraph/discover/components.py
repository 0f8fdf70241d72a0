"""Names made of a name and a role: "the Job controller", "节点控制器", "the LimitRange admission controller", "`Burstable` QoS class".

In: passages, the lexicon so far, the discovery word list
(``component``) and the ontology's ``is_a``. Out: ``Member`` values (rule ``discover-component``):
the named thing, as a member of its role (the build asserts ``name subtypeOf role``), with the
``Discovery`` of its name.

A role is one of the concepts ``component.roles`` lists (controller, admission controller, QoS
class …); its labels in the lexicon are the suffixes looked for. "X <role>" names a member of the
role when X is a concept the lexicon knows as an API resource or a node (Job, 节点, LimitRange;
``component.heads``), a CamelCase API name (EndpointSlice), or a name written in inline code
(`Burstable`), and the name does not go on as something else ("controller manager",
"控制器管理器"). Its key is X's key + the role's key (``NodeController``,
``LimitRangeAdmissionController``), so the English and the Chinese name meet in one concept; a
name the lexicon already knows ("Replication Controller") stays that concept. A name in inline
code also names the member by itself ("`Guaranteed`" is the Guaranteed QoS class).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kgraph.discover.common import Discovery, DiscoveryWords, evidence, lang_of, written_as_code
from kgraph.discover.members import Member
from kgraph.iri import concept_key
from kgraph.lexicon import Lexicon
from kgraph.model import Mention, Passage, Term

RULE = "discover-component"
CONFIDENCE = 0.8
_CAMEL = re.compile(r"(?<![A-Za-z0-9\-])[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$")
_CODE = re.compile(r"(?<![\w.\-/])[A-Za-z][\w.\-/]*$")


@dataclass(frozen=True)
class _Role:
    key: str
    types: tuple[str, ...]  # what a member of the role is typed


def from_components(passages: Sequence[Passage], lexicon: Lexicon, words: DiscoveryWords,
                    is_a: Callable[[Iterable[str], Iterable[str]], bool]) -> list[Member]:
    spec = words.spec["component"]
    roles: dict[str, _Role] = {}
    for entry in spec["roles"]:
        key = str(entry["key"])
        if key in lexicon.terms:
            roles[key] = _Role(key, (str(entry["class"]),) if entry.get("class") else lexicon.terms[key].types)
    suffixes = sorted({(text, key) for key in roles for text, _lang, kind in lexicon.terms[key].labels
                       if kind in ("pref", "alt")}, key=lambda s: -len(s[0]))
    if not suffixes:
        return []
    pattern = re.compile("|".join(rf"(?P<r{i}>\s?{re.escape(text)})" if lang_of(text) == "zh"
                                  else rf"(?P<r{i}>\s+{re.escape(text)}(?:e?s)?\b)" for i, (text, _k) in enumerate(suffixes)),
                         re.IGNORECASE)
    stops = frozenset(str(w).casefold() for w in spec["not_before"])
    heads = tuple(spec["heads"])
    found = []
    for passage in passages:
        matches = list(pattern.finditer(passage.text)) if passage.kind != "code" else []
        specific = [m for m in lexicon.find(passage.text) if is_a(lexicon.terms[m.key].types, heads)] if matches else []
        for match in matches:
            if _goes_on(passage.text[match.end():], stops):
                continue
            role = roles[suffixes[int(match.lastgroup[1:])][1]]
            member = _component(passage, match, specific, lexicon, role)
            if member:
                found.append(member)
    return found


def _goes_on(rest: str, stops: frozenset[str]) -> bool:
    following = rest.lstrip().casefold()
    return any(following.startswith(stop) for stop in stops)


def _component(passage: Passage, match: re.Match[str], mentions: Sequence[Mention], lexicon: Lexicon,
               role: _Role) -> Member | None:
    text = passage.text
    head = next((m for m in mentions if m.end == match.start() or (m.end == match.start() - 1 and text[m.end] == " ")), None)
    labels: tuple[tuple[str, str, str], ...] = ()
    if head is not None:
        start, key = head.start, head.key
    else:
        before = text[max(0, match.start() - 60):match.start()]
        code = _CODE.search(before)
        start = match.start() - len(code.group()) if code else -1
        if code and written_as_code(passage, start, match.start()):
            key, labels = concept_key(code.group()), ((code.group(), "en", "weak"),)  # a word alone: never matched in text
        elif camel := _CAMEL.search(before):
            start, key = match.start() - len(camel.group()), concept_key(camel.group())
        else:
            return None
    name = text[start:match.end()].strip()
    if lexicon.key_for(name) or key == role.key:  # a name the lexicon knows ("Replication Controller") stays that concept
        return None
    lang = lang_of(name)
    term = Term(f"{key}{role.key}", ((name if lang == "zh" else _singular(name), lang, "pref"), *labels), role.types,
                "discovered")
    cited = evidence(passage, start, match.end(), RULE, CONFIDENCE)
    return Member(term.key, role.key, cited, Discovery(term, cited))


def _singular(name: str) -> str:
    for plural, singular in (("classes", "class"), ("controllers", "controller"), ("plugins", "plugin")):
        if name.casefold().endswith(plural):
            return name[:-len(plural)] + name[-len(plural):][:len(singular)]
    return name
