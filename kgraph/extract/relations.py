"""Facts from one sentence: compiled rules run over the masked sentence, checked against the ontology.

In: a ``Sentence`` (its passage, mentions, masked text and topic candidates), the compiled rules
and a ``TypeCheck``. Out: ``Assertion``s, each with the sentence as its ``Evidence``.

A match yields one fact per (subject, object) pair of its lists. A fact is dropped when subject
and object are the same concept, when ``kgraph.extract.scope`` finds the match states nothing
(negated or attributive verb, a means or an oblique as subject), when a participant is set aside
by a contrast (而不是 X), or when the concepts' types fall outside the relation's
rdfs:domain/rdfs:range (concepts without a type are admitted at lower confidence, see
``confidence``). When a rule names several candidate relations, the first the types admit wins.
Facts stated with an inverse property (X 属于 Y) are turned around to the forward property.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kgraph.extract import scope
from kgraph.extract.confidence import confidence
from kgraph.extract.rules import MASK, MASK_BASE, MAX_MENTIONS, CompiledRule, RuleIndex, verb_relation
from kgraph.model import Assertion, Evidence, Mention, Passage
from kgraph.text import is_cjk
from kgraph.tokenize import first_word

# A subject followed by 的 is a possessor ("Service的IP地址由…"), not the actor.
_POSSESSOR = re.compile(r"^\s?(?:对象|资源|组件)?的(?!插件|组件|对象|资源|接口|协议|卷|容器|服务|控制器)")
# A preposition just before the subject makes it an oblique ("为某个Pod创建了…", "在另一个节点…").
_LOCATIVE_BEFORE = re.compile(r"在[^，,；;：:]{0,4}$")
_LOCATIVE_AFTER = re.compile(r"^\s?(?:中|上|里|内|之外|之中)")
# An object followed by 之外/以外 is where something is not ("运行在控制平面之外") or an exception
# ("除了 X 之外"): no participant.
_OUTSIDE = re.compile(r"\s?(?:之外|以外)")
# The subject inside a prepositional phrase: 在/为/对/给/向/把/从 before it, a determiner or an owner
# ("为工作负载中的每个 Pod 创建…", "在 `kube-system` 名字空间中创建…") between.
_OBLIQUE = re.compile(f"(?:(?<![因作认成])为|对|给|向|把|在|从|自(?![动己]))\\s?(?:[^，,；;。：:]{{0,12}}?的)?\\s?"
                      f"(?:每个|某个|各个|这个|那个|一个|该|此|同一|所有|其|这些|那些)?\\s?(?:`[^`]{{0,40}}`\\s?)?$")
# A Chinese object followed by a noun only qualifies it ("从 Pod 标签中查找值", "管理多个 Node 组"):
# the noun is the object, and names no concept. Class words restate the concept ("创建 Pod 对象").
_CLASS_NOUNS = frozenset("对象 资源 实例 组件 插件 接口 协议 服务 控制器 进程 守护进程 节点 容器 卷 副本 集合 列表 类型 种类 "
                         "内 内部".split())  # (jieba tags the locality 内 a noun)
# "节点上的 kubelet", "Pod 中的容器": the mention before 的 is a place or owner, the one after it the head.
_HEADED = re.compile(f"\\s?(?:上|中|里|内|之中|之上)?\\s?的\\s?(?=[{MASK}])")
# "节点上缓存的镜像", "资源配额所定义的 CPU": a mention followed by a place word or 所 and a verb ending
# in 的 is the place or the doer inside a modifier of the noun after it, so it is no object.
_IN_MODIFIER = re.compile(f"\\s?(?:上|中|里|内|所)[^{MASK}，,；;。！？!?的]{{1,6}}的")
# "Pod 标签": in Chinese a mention right before another one qualifies it, so it is no object.
_COMPOUND = re.compile(f"\\s?(?=[{MASK}])")


@dataclass(frozen=True)
class Sentence:
    passage: Passage
    start: int  # in passage.text
    end: int
    mentions: tuple[Mention, ...]  # offsets in passage.text
    masked: str
    lang: str
    topics: tuple[str, ...] = ()  # concept keys that fill an absent {A?}/{B?}
    quote_start: int | None = None  # where the quote starts when the topic came from an earlier sentence
    opening: tuple[str, ...] = ()  # the concepts the sentence opens with as its subject
    titles: tuple[tuple[int, int], ...] = ()  # the passage's link-text ranges (``link_titles``)


def subject_like(masked: str, index: int) -> bool:
    """Whether mention ``index`` of a masked sentence can be what the sentence is about:
    not a possessor (X的…) and not inside a prepositional phrase (在 X 中, 为 X, 对 X …)."""
    position = masked.index(chr(MASK_BASE + index))
    prefix = re.split(r"[，,；;：:]", masked[:position])[-1]
    return not (_POSSESSOR.match(masked[position + 1:position + 5]) or re.search(r"在|为|对|给|向|把|从", prefix))


def mask(text: str, start: int, end: int, mentions: Sequence[Mention], first: int = 0) -> str:
    """``text[start:end]`` with mention i replaced by the character ``MASK_BASE + first + i``."""
    out, cursor = [], start
    for i, mention in enumerate(mentions[:MAX_MENTIONS - first], start=first):
        if mention.start < cursor:  # several concepts a pronoun stands for: a list in its place
            out.append("、")
        out.append(text[cursor:mention.start])
        out.append(chr(MASK_BASE + i))
        cursor = max(cursor, mention.end)
    out.append(text[cursor:end])
    return "".join(out).lower()  # rules match lowercase text (their templates are lowercase)


# (relation, subject, object[, (subject classes, object classes) a rule narrows them to]) -> the
# factor of its untyped sides (1.0: both typed), or None when a type contradicts the relation
TypeCheck = Callable[..., "float | None"]


@dataclass(frozen=True)
class Direction:
    """How to state a relation in the asserted graph: as itself, or flipped onto its inverse."""

    forward: dict[str, str]  # inverse name -> forward name


def relations_in(sentence: Sentence, rules: RuleIndex, check: TypeCheck, direction: Direction,
                 scope_name: str = "sentence") -> list[Assertion]:
    if not sentence.mentions:
        return []
    found: dict[tuple[str, str, str], Assertion] = {}
    aside = scope.contrasted(sentence.masked)
    surfaces = [m.surface for m in sentence.mentions]
    for rule in rules.candidates(sentence.masked, scope_name):  # every language's rules: notes mix them
        position = 0
        while position <= len(sentence.masked) and (match := rule.regex.search(sentence.masked, position)):
            # like finditer, except that a rejected reading does not hide a later one: the next search
            # starts right after its start, not at its end ("在K8s集群中微服务的负载均衡是由Kube-proxy实现的":
            # the reading from K8s, a place, is rejected; the one from 负载均衡 stands)
            position = match.start() + 1
            modifier = _trailing_modifier(sentence.masked, match, rule.verbs)
            if scope.rejects(sentence.masked, match, rule.phrase) or _misplaced_subject(sentence.masked, match, rule.verbs, surfaces,
                                                                                         modifier is not None):
                continue
            if sentence.titles and _in_one_title(sentence, match):
                continue
            position = max(match.end(), position)
            for assertion in _facts(sentence, rule, match, check, direction, aside | ({modifier} - {None})):
                key = (assertion.subject, assertion.relation, assertion.object)
                if key not in found or found[key].evidence.confidence < assertion.evidence.confidence:
                    found[key] = assertion
    return list(found.values())


_LINK = re.compile(r"\[([^\[\]]+)\]\([^()\s]*\)")


def link_titles(passage: Passage) -> tuple[tuple[int, int], ...]:
    """The ranges of ``passage.text`` that are the text of a Markdown link (``[title](url)``)."""
    if "](" not in passage.source:
        return ()
    ranges = []
    for link in _LINK.finditer(passage.source):  # offsets increase: the text range of a source range by bisection
        first, last = bisect_left(passage.offsets, link.start(1)), bisect_left(passage.offsets, link.end(1))
        if first < last:
            ranges.append((first, last))
    return tuple(ranges)


def _in_one_title(sentence: Sentence, match: re.Match[str]) -> bool:
    """Every mention of the match lies in one link's text: a page's title ("[使用 DRA 为工作负载分配设备](…)")
    names a page and states nothing."""
    indexes = [ord(ch) - MASK_BASE for ch in scope.MASKED.findall(match.group())]
    spans = [(sentence.mentions[i].start, sentence.mentions[i].end) for i in indexes if i < len(sentence.mentions)]
    return bool(spans) and any(all(a <= s and e <= b for s, e in spans) for a, b in sentence.titles)


def _trailing_modifier(masked: str, match: re.Match[str], verbs: Iterable[str]) -> int | None:
    """The last mention of an object list that qualifies the Chinese noun right after it, when the
    list has members before it: "适用于 Deployment 和 ReplicaSet ,CPU利用率…" lists two objects, and
    CPU belongs to 利用率, a noun outside the list."""
    if match.groupdict().get("B") is None:
        return None
    found = list(scope.MASKED.finditer(match.group("B")))
    if len(found) < 2:
        return None
    last = match.start("B") + found[-1].end()
    if last < match.end() or not _qualifies_a_noun(masked[last:last + 8], verbs):
        return None
    return ord(found[-1].group()) - MASK_BASE


def _misplaced_subject(masked: str, match: re.Match[str], verbs: Iterable[str] = (),
                       surfaces: Sequence[str] = (), trimmed: bool = False) -> bool:
    """The sentence says nothing about the subject or object the match would take.

    The subject is a possessor ("Service的IP…") or an oblique object ("为Pod创建…"); the object is
    a possessor ("使用 PV 的 nodeAffinity") or qualifies the noun or mention after it ("Pod 沙箱", "Pod 标签"); or an absent subject/object — to be filled by the
    topic — is in fact named elsewhere in the clause. When the object list's last mention is
    ``trimmed`` (``_trailing_modifier``), the list ends before it and only what precedes counts.
    """
    groups = match.groupdict()
    if groups.get("A") is not None:
        start, end = match.span("A")
        after_verb = groups.get("V") is not None and start > match.start("V")  # the head of a relative clause
        opens = start == match.start()  # a preposition of the template itself ("由{A}") is meant
        # A template without a verb spells out its 的 ("{B}是{A}的IP地址"): no possessor to guard against.
        possessor = groups.get("V") is not None and _POSSESSOR.match(masked[end:end + 4])
        if not after_verb and (possessor or opens and _OBLIQUE.search(masked[:start])):
            return True
    elif "A" in groups and scope.MASKED.search(scope.clause_before(masked, match.start() + _opening_break(match))):
        return True  # (a match that opens with a clause break, "，负责将…", starts its own clause)
    if groups.get("B") is not None and match.group("B") and scope.MASKED.search(match.group("B")):
        first = match.start("B") + scope.MASKED.search(match.group("B")).start()
        before = masked[max(0, first - 5):first] if first == match.start() else ""  # a 在 of the template is meant
        if _LOCATIVE_BEFORE.search(before) and _LOCATIVE_AFTER.match(masked[first + 1:first + 4]):
            return True  # 在K8s集群中…: a place, not a participant
        members = [i for i, ch in enumerate(match.group("B")) if scope.MASKED.match(ch)]
        last = match.start("B") + members[-2 if trimmed else -1] + 1
        if last >= match.end():  # the object is the head its place-and-owner chain ends in (``_head``)
            subject = {ord(ch) - MASK_BASE for ch in scope.MASKED.findall(groups.get("A") or "")}
            last = masked.find(chr(MASK_BASE + _head(masked, ord(masked[last - 1]) - MASK_BASE, subject))) + 1
        if _OUTSIDE.match(masked, last):
            return True  # "运行在控制平面之外", "除了 X 之外": outside or besides it, not on it
        # Only a 的 the template did not ask for: "是{B}的升级版" spells it out on purpose; and a 的
        # before another mention makes that one the object ("绑定到节点上的 kubelet").
        if last >= match.end() and (_qualifies_a_noun(masked[last:last + 8], verbs) or _compound(masked, last, match, surfaces)
                                    or _IN_MODIFIER.match(masked, last)):
            return True
        return last >= match.end() and bool(_POSSESSOR.match(masked[last:last + 4])) and not _HEADED.match(masked, last)
    return "B" in groups and groups.get("B") is None and bool(scope.MASKED.search(_clause_after(masked, match.end())))


def _compound(masked: str, last: int, match: re.Match[str], surfaces: Sequence[str]) -> bool:
    """In Chinese, the object right before another mention qualifies it ("Pod 标签"), unless that
    one is a class word ("Pod 副本")."""
    following = _COMPOUND.match(masked, last)
    if not following or not any(is_cjk(ch) for ch in match.group()):
        return False
    index = ord(masked[following.end()]) - MASK_BASE
    return not (index < len(surfaces) and surfaces[index].strip() in _CLASS_NOUNS)


def _qualifies_a_noun(after: str, verbs: Iterable[str]) -> bool:
    """The Chinese text right after an object starts with a noun it qualifies (see ``_CLASS_NOUNS``);
    a word of one of the rule's relations ("Pod 调度到…": jieba tags 调度 a noun) is no such noun."""
    after = after.lstrip()
    if not after or not is_cjk(after[0]):
        return False
    word = first_word(re.split(f"[{MASK}]", after)[0])
    return word is not None and word[1] == "n" and word[0] not in _CLASS_NOUNS and not any(verb.startswith(word[0]) for verb in verbs)


def _opening_break(match: re.Match[str]) -> int:
    """How many characters of clause punctuation and space the match opens with."""
    return len(match.group()) - len(match.group().lstrip("，,；;：: "))


def _clause_after(masked: str, position: int) -> str:
    return re.split(r"[，,；;：:。]", masked[position:])[0]


def _group_keys(sentence: Sentence, match: re.Match[str], name: str, aside: set[int], phrase: bool = False) -> list[str]:
    """The concepts of group ``name``: its mentions (an object's last one followed to the head of its
    place-and-owner chain, unless the rule is a ``phrase`` that spells that chain out), or the topic."""
    text = match.groupdict().get(name)
    if text is None:
        return list(sentence.topics[:3]) if _is_optional(match, name) else []
    indexes = [ord(ch) - MASK_BASE for ch in scope.MASKED.findall(text)]
    if name == "B" and indexes and not phrase:
        subject = {ord(ch) - MASK_BASE for ch in scope.MASKED.findall(match.groupdict().get("A") or "")}
        indexes[-1] = _head(sentence.masked, indexes[-1], subject)
    return [sentence.mentions[i].key for i in indexes if i not in aside]


def _head(masked: str, index: int, stop: set[int] = frozenset()) -> int:
    """The mention a chain of places and owners ends in: 节点上的 kubelet -> kubelet; never one of
    ``stop`` (the subject: in "运行在 Pod 中的容器" the container heads the relative clause, and the
    Pod is its place)."""
    for _ in range(3):
        position = masked.find(chr(MASK_BASE + index))
        headed = _HEADED.match(masked, position + 1)
        if position < 0 or not headed or ord(masked[headed.end()]) - MASK_BASE in stop:
            break
        index = ord(masked[headed.end()]) - MASK_BASE
    return index


def _is_optional(match: re.Match[str], name: str) -> bool:
    return f"(?:(?P<{name}>" in match.re.pattern


def _facts(sentence: Sentence, rule: CompiledRule, match: re.Match[str], check: TypeCheck, direction: Direction,
           aside: set[int]) -> list[Assertion]:
    """One fact per (subject, object) pair; a topic-filled side takes its first candidate that fits."""
    groups = match.groupdict()
    subject_is_topic, object_is_topic = groups.get("A") is None, groups.get("B") is None
    used_topic = subject_is_topic or object_is_topic
    candidates = verb_relation(rule, match)
    in_scope = scope.scope_factor(sentence.masked, match)
    facts, anchored = [], set()
    for subject in dict.fromkeys(_group_keys(sentence, match, "A", aside, rule.phrase)):
        for obj in dict.fromkeys(_group_keys(sentence, match, "B", aside, rule.phrase)):
            anchor = obj if subject_is_topic else subject if object_is_topic else None
            if anchor is not None and anchor in anchored:
                continue
            fact = _typed_fact(candidates, subject, obj, check, rule.participants)
            if fact is not None:
                anchored.add(anchor)
                value = confidence(rule.confidence, fact[1], rule.generic, used_topic, in_scope)
                facts.append(_assertion(sentence, rule, fact[0], subject, obj, value, used_topic, direction))
    return facts


def _typed_fact(candidates: tuple[str, ...], subject: str, obj: str, check: TypeCheck,
                participants: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> tuple[str, float] | None:
    """The first candidate relation the types (and the rule's ``participants``) admit, and the
    factor of its untyped sides."""
    if subject == obj:
        return None
    for relation in candidates:
        untyped = check(relation, subject, obj, participants) if any(participants) else check(relation, subject, obj)
        if untyped is not None:
            return relation, untyped
    return None


def _assertion(sentence: Sentence, rule: CompiledRule, relation: str, subject: str, obj: str,
               confidence: float, used_topic: bool, direction: Direction) -> Assertion:
    start = sentence.quote_start if used_topic and sentence.quote_start is not None else sentence.start
    quote, span = sentence.passage.quote(start, sentence.end)
    evidence = Evidence(sentence.passage.note_path, sentence.passage.index, span, quote,
                        sentence.passage.text[start:sentence.end], rule.rule_id, confidence)
    if relation in direction.forward:
        return Assertion(obj, direction.forward[relation], subject, evidence)
    return Assertion(subject, relation, obj, evidence)
