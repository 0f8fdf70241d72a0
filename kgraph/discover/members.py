"""Named members of a kind listed under a lead-in: "The following taints are built in:" + "- `node.kubernetes.io/not-ready`: …".

In: passages in note order, the lexicon so far and the discovery word list (``members`` in
``ontology/discovery.yaml``). Out: ``Member`` values: the ``Discovery`` of each member name the
lexicon does not know yet (rule ``discover-member``, typed as its kind), and the member's kind
with the evidence of the list item, from which the build asserts ``member subtypeOf kind``.

A list is a list of members of kind K when the last sentence of the passage before it ends with a
colon and names K with a cue the word list gives: a count or a quantifier before it ("two hooks",
"three types of hook handlers", "the following taints", "以下污点", "三种类型的回调处理程序"),
an enumerating verb after it ("内置的污点包括：", "… include:"), or "such as:" / "例如：" closing
the sentence right after K or in a sentence that opens with K. K must be a head noun, not a
modifier ("the following Pod capabilities" lists no Pods). An item names members when every part of its head (the text before its
first colon, dash or bracket; "`configMap`、`secret`" has two parts) is written as a name: the
whole part in inline code, a link or bold, or one to four capitalised words ("Exec", "OPA Gatekeeper"). A list with fewer than two such heads is
not a list of names, and nothing is taken from it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kgraph.discover.common import Discovery, DiscoveryWords, evidence, lang_of, written_as_code
from kgraph.iri import concept_key
from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Evidence, Passage, Term
from kgraph.text import sentence_spans

RULE = "discover-member"
CONFIDENCE = 0.7
_HEAD_END = re.compile(r"[：:（(]|\s[-–—]\s")
_CAPITALISED = re.compile(r"^[A-Z][A-Za-z0-9.+/\-]*(?: [A-Z][A-Za-z0-9.+/\-]*){0,3}$")
_MARKUP = (("`", "`"), ("[", "]"), ("**", "**"), ("__", "__"), ("*", "*"), ("_", "_"))  # code, link, bold, emphasis
_COORDINATION = re.compile(r"\s*(?:[、,，]|\band\b|\bor\b|和|或)\s*")  # between the parts of "A、B and C"
_CLAUSE = re.compile(r"[，,；;：:。]")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w-]*)")
MAX_NAME = 60


@dataclass(frozen=True)
class Member:
    """``key`` (a new concept when ``discovery`` is set) is listed as a member of ``kind``."""

    key: str
    kind: str
    evidence: Evidence
    discovery: Discovery | None = None


@dataclass(frozen=True)
class _Cues:
    before: re.Pattern[str]  # must match the text right before K's mention
    after: re.Pattern[str]  # must match the text right after K's mention, to the colon
    closing: re.Pattern[str]  # "such as:" closing the sentence
    function_words: frozenset[str]  # an English word after K that leaves K the head noun
    zh_continuations: tuple[str, ...]  # Chinese nouns after K that make K a modifier (镜像名称)

    @classmethod
    def of(cls, words: DiscoveryWords) -> _Cues:
        spec = words.spec["members"]
        return cls(re.compile(f"(?:{'|'.join(spec['before'])})\\s*$", re.IGNORECASE),
                   re.compile(f"^(?:{'|'.join(spec['after'])})\\s*[:：]\\s*$", re.IGNORECASE),
                   re.compile(f"(?:{'|'.join(spec['closing'])})\\s*[:：]\\s*$", re.IGNORECASE),
                   words.words("function_words") | frozenset(str(w).casefold() for w in spec["after_head"]),
                   tuple(str(w) for w in spec["zh_not_head"]))

    def is_head(self, rest: str) -> bool:
        word = _NEXT_WORD.match(rest)
        if word is not None:
            return word[1].casefold() in self.function_words
        return not rest.startswith(self.zh_continuations)


def from_members(passages: Sequence[Passage], lexicon: Lexicon, words: DiscoveryWords,
                 is_a: Callable[[Iterable[str], Iterable[str]], bool]) -> list[Member]:
    cues = _Cues.of(words)
    fields = {w for lang in ("zh", "en") for w in words.words("field_words", lang)}
    found: list[Member] = []
    for i, passage in enumerate(passages):
        if passage.kind not in ("paragraph", "list_item") or not passage.text.rstrip().endswith((":", "：")):
            continue
        items = _items(passages, i)
        kind = _kind(passage, lexicon, cues) if len(items) >= 2 else None
        if kind is None:
            continue
        heads = [(item, start, name) for item in items for start, name in _names(item) if fold_label(name) not in fields]
        if len(heads) < 2:
            continue
        for item, start, name in heads:
            member = _member(item, start, name, kind, lexicon)
            if member.discovery is None and not _fits(lexicon.terms[member.key].types, lexicon.terms[kind].types, is_a):
                continue  # "the following tolerations:" listing known taints: they are no tolerations
            found.append(member)
    return found


def _fits(member: tuple[str, ...], kind: tuple[str, ...], is_a: Callable[[Iterable[str], Iterable[str]], bool]) -> bool:
    """A known member may be listed as a kind's member unless both are typed and its types are not the kind's."""
    return not member or not kind or is_a(member, kind)


def _items(passages: Sequence[Passage], lead: int) -> list[Passage]:
    """The list items right after passage ``lead``, at the depth of the first one."""
    items: list[Passage] = []
    depth = None
    for passage in passages[lead + 1:]:
        if passage.kind != "list_item" or passage.note_path != passages[lead].note_path:
            break
        indent = len(passage.source) - len(passage.source.lstrip(" "))
        depth = indent if depth is None else depth
        if indent < depth:
            break
        if indent == depth:
            items.append(passage)
    return items


def _kind(passage: Passage, lexicon: Lexicon, cues: _Cues) -> str | None:
    """The concept the lead-in's last sentence names as the kind of what it lists: a head noun
    (not a modifier: "the following Pod capabilities" lists capabilities), with a cue."""
    start, end = sentence_spans(passage.text)[-1]
    text = passage.text[:end]
    mentions = [m for m in lexicon.find(text) if m.start >= start and cues.is_head(text[m.end:])]
    for mention in reversed(mentions):
        if cues.before.search(text[max(start, mention.start - 30):mention.start]) or cues.after.match(text[mention.end:]):
            return mention.key
    closing = cues.closing.search(text)
    if closing and mentions:
        # "动态准入控制器，例如：" names K right before the cue; "X that … , such as:" opens with it
        before = [m for m in mentions if len(text[m.end:closing.start()].strip(" ,，、")) == 0]
        opening = [m for m in mentions[:1] if len(text[start:m.start].split()) <= 2 and not _CLAUSE.search(text[start:m.start])]
        named = before or opening
        return named[0].key if named else None
    return None


def _names(item: Passage) -> list[tuple[int, str]]:
    """The names the item's head gives (``[emptyDir](…)``, "`configMap`、`secret`"), each with its
    offset, when every part of the head is written as a name; else none."""
    text = item.text
    match = _HEAD_END.search(text)
    head_end = match.start() if match else len(text)
    if not text[:head_end].strip() or head_end > MAX_NAME * 2:
        return []
    names = []
    cuts = [0] + [i for m in _COORDINATION.finditer(text[:head_end]) for i in m.span()] + [head_end]
    for first, last in zip(cuts[::2], cuts[1::2]):
        name = text[first:last].strip()
        if not name:
            continue
        start = first + len(text[first:last]) - len(text[first:last].lstrip())
        if len(name) > MAX_NAME or not (written_as_code(item, start, start + len(name), _MARKUP) or _CAPITALISED.match(name)):
            return []
        names.append((start, name))
    return names


def _member(item: Passage, start: int, name: str, kind: str, lexicon: Lexicon) -> Member:
    cited = evidence(item, start, start + len(name), RULE, CONFIDENCE)
    key = lexicon.key_for(name)
    if key is not None:
        return Member(key, kind, cited)
    term = Term(concept_key(name), ((name, lang_of(name), "pref"),), lexicon.terms[kind].types, "discovered")
    return Member(term.key, kind, cited, Discovery(term, cited))

