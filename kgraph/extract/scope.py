"""What a sentence says about a rule's match beyond its words: negation, contrast, means, scope.

In: a masked sentence (mentions replaced by private-use characters, lowercased) and a match of a
compiled rule whose verb is the named group ``V``. Out: whether the match states nothing
(``rejects``), the mentions the sentence sets aside (``contrasted``), and a confidence factor for
the clause the match is in (``scope_factor``). Must not: look at concept types (``typing`` does).

- **Negation** (不, 没有, 无法, 未, not, never, cannot …) between the subject and the verb, or right
  before the verb, asserts nothing; for a rule without a relation verb (fixed words such as
  调度到), a negation in its clause before or between the two participants. 不仅, 不同, 不断, 不论 are no negations; a negation elsewhere in
  the sentence ("…，不需要重启") is not this verb's, nor one inside a noun's modifier ("每一个未调度的
  Pod", "not yet scheduled Pods"). So is a match whose first participant is
  quantified by "no" or "none of" ("No new Pods will be scheduled …").
- **Another agent**: between a Chinese subject and its verb, a permissive or causative verb (允许,
  让, 使, 要求, 帮助) or a person (你, 用户, 管理员) makes someone else the doer ("API 允许你在创建 Pod
  时…" says nothing of what the API creates). So does a person in the clause of a match whose subject
  is left to the topic ("你还可以通过 RuntimeClass 运行…": the reader does it, not the page's subject).
- **Coordinated verbs**: a Chinese mention followed by 并/然后/再 and a verb, in a clause that names
  someone before it, is the object of the first verb, not the subject of the second ("节点控制器负责
  为节点添加污点并驱逐 Pod": the controller evicts, not the taint).
- **Means**: a subject right after 使用/通过/用/借助/利用/采用/基于/根据/按照/using/via/with/through
  (possibly owned: "根据其他 Pod 的标签") is the instrument of whoever uses it: when the clause names that person ("你可以使用 Kubernetes API 创建
  工作负载", "you can use X to …"), it says nothing of what X does; without one ("建议使用 Deployment
  自动管理 RS") the thing used does the work, with less certainty (``SCOPE_FACTORS["means"]``).
- **The reader's conditions and purposes**: a match in a clause that makes the reader the doer
  of a condition ("如果你在…节点上运行静态 Pod", "If you are running a static pod on a node") or
  that opens the sentence with a purpose ("To run device plugins on nodes …", "若要…") states
  nothing about the concepts: the reader does it, hypothetically. (A consequence clause after it,
  "…，则 kubelet 可能会驱逐该静态 Pod", is still weighed as conditional.)
- **Aspectual verbs**: an English verb of beginning or ending followed by a gerund ("the kubelet
  starts evicting Pods", "stop running") is not the relation its word names: the gerund is the action.
- **Obliques**: an English subject right after a preposition (of, for, to, from, by, in, on …) is
  no subject ("the number of Pods manages" does not make Pods manage).
- **Agentless passives**: a Chinese verb right after 被, or a relation word that opens with 被
  (被逐出), names no agent after it: "Pod 被逐出节点" says where the Pod leaves, not who evicts it.
- **Adjectival verbs**: a Chinese verb right after a classifier or 的 and right before the object is
  an attribute ("创建一个替代 Pod": a replacement Pod).
- **Noun phrases** (a rule marked ``phrase``: "the kubelet on the node", "节点上的 kubelet") state their
  relation whatever the clause around them says; only a negation inside the phrase, a negated verb
  whose goal it is ("尚未调度到节点上的 Pod") or the reader's hypothetical rejects them.
- **Contrast**: what follows 而不是/而非/rather than/instead of (to the clause end) is set aside:
  no fact about it.
- **Scope**: a match in a conditional clause (如果, 假如, if, unless …) or an example (例如, 比如,
  for example, e.g.) is weaker evidence; a question is weaker still. See ``SCOPE_FACTORS``.
"""
from __future__ import annotations

import re

from kgraph.extract.rules import MASK

MASKED = re.compile(f"[{MASK}]")
_NEGATION = re.compile(r"不(?!仅|只|同|断|但|论|少|久|过|管(?!理|控))|没有|没|无法|无需|未(?!来|知)|并非|并不|\bnot\b|n't\b|\bnever\b|\bcannot\b|\bno longer\b|\bunable to\b|\bfails? to\b")
# A negation inside a noun's modifier negates the noun's attribute, not the verb: "每一个未调度的 Pod",
# "不健康的节点", "not yet scheduled (unscheduled) Pods".
# A modal or a quotation inside it makes it a negated predicate instead ("不一定会调度到“被提名的节点”").
_NEGATED_ATTRIBUTE = re.compile(f"(?:未|不|没有|无)(?!一定|必|会|能)[^{MASK}，,；;。的“”\"「」]{{0,16}}的\\s?(?=[{MASK}]|$)"
                                f"|\\bnot\\s+(?:yet\\s+)?[a-z]+ed\\b(?:\\s*\\([^)]*\\))?\\s+(?=[{MASK}]|$)")
# A place phrase that is the goal of a negated verb: "尚未被调度到[节点上的 Pod]" (Pods not yet on a node).
_NEGATED_GOAL = re.compile(f"(?:未|不|没有)[^{MASK}，,；;。的]{{0,4}}(?:到|在|于)\\s?$")
# A subject quantified by "no" / "none of" ("No new Pods will be scheduled …", "none of the Pods are bound").
_NO_SUBJECT = re.compile(r"(?:\bno|\bnone\s+of(?:\s+the)?|没有任何|没有)\s*(?:[a-z\-]+\s+)?$")
_MEANS = re.compile(r"(?:使用|通过|借助|利用|采用|基于|依靠|凭借|经由|根据|依据|按照|用|(?<![可所])以(?![便及后前上下内外来为])|\busing|\bvia|\bwith|\bthrough|\bby means of)"
                    r"\s*(?:the\s+|a\s+|an\s+)?(?:[^，,；;。的]{0,10}的\s?)?$")  # "根据其他 Pod 的标签": the owner's thing is the means too
_OBLIQUE_EN = re.compile(r"\b(?:of|for|to|from|by|in|on|into|at|about|than|without|between|under|over|onto|across|per)\s+"
                         r"(?:(?:the|a|an|each|every|all|any|this|that|these|those|its|their|some|other)\s+){0,2}$")
_PERSON = re.compile(r"你|您|我们|用户|管理员|开发者|运维|\byou\b|\bwe\b|\busers?\b|\badministrators?\b|\boperators?\b")
# A person between the subject and its verb does it instead ("X 允许你创建 Pod"), unless named as an
# owner ("ReplicaSet 为你的应用程序创建了 Pod": for your application, ReplicaSet creates).
_OTHER_AGENT = re.compile(r"允许|让|使得|使(?!用)|令|要求|帮助|(?:你|您|我们|用户|管理员|开发者|运维)(?!\s?的)")
_PASSIVE = re.compile(r"被\s?$")
_COORDINATED = re.compile(r"\s?(?:并且|并|然后|再)")
# English verbs of beginning, going on or ending: followed by a gerund they are aspectual ("start
# evicting Pods" evicts, it creates nothing).
_ASPECTUAL = re.compile(r"start(?:s|ed|ing)?|begins?|began|begun|stop(?:s|ped|ping)?|continu(?:e|es|ed|ing)"
                        r"|keeps?|kept|finish(?:es|ed|ing)?|resum(?:e|es|ed|ing)")
_GERUND = re.compile(r"\s+[a-z]+ing\b")
_ATTRIBUTIVE = re.compile(r"(?:[一两几每某这那该此]\s?[个种台份类]|[个种台份类]|的)\s?$")
_CONTRAST = re.compile(r"而不是|而非|而并非|\brather than\b|\binstead of\b")
_CLAUSE = re.compile(r"[，,；;：:。!?！？]")
_CONDITIONAL = re.compile(r"(?:如果|假如|假设|若(?!干)|倘若|要是|一旦|除非|\bif\b|\bunless\b|\bsuppose\b|\bassuming\b|\bin case\b)")
# The reader as the doer of a condition or a purpose: "如果你在…节点上运行静态 Pod", "If you are
# running a static pod on a node", "To run device plugins on nodes …", "若要使用 DRA 为 Pod 分配设备".
_READER_CONDITION = re.compile(r"(?:如果|假如|若|当|要是|\bif\b|\bwhen\b|\bunless\b|\bonce\b)\s*(?:你|您|\byou\b)")
_PURPOSE_OPENING = re.compile(r"^\s*(?:\bto\s+[a-z]+\b|\bin order to\b|若要|要想|为了)")
_EXAMPLE = re.compile(r"(?:例如|比如|譬如|举例来说|\bfor example\b|\bfor instance\b|\be\.g\.|\bsuch as\b)")

SCOPE_FACTORS = {"conditional": 0.8, "example": 0.9, "question": 0.6, "means": 0.85}


def rejects(masked: str, match: re.Match[str], phrase: bool = False) -> bool:
    """The match states no fact: the verb is negated or attributive, or the subject is a means or an oblique.
    A ``phrase`` match (a noun phrase that states the relation by itself: "the kubelet on the node")
    holds whatever its clause says of it ("…无法与节点上的 kubelet 通信", "implemented by the container
    runtime on each node"): only a negation inside the phrase, or the reader's hypothetical, rejects it."""
    groups = match.groupdict()
    if phrase:
        inside = _NEGATION.search(_plain(_attributes_out(match.group())))
        return bool(inside or _NEGATED_GOAL.search(masked, 0, match.start()) or _hypothetical(masked, match.start()))
    verb = match.span("V") if groups.get("V") is not None else None
    if verb is not None and _negated(masked, match, verb):
        return True
    if verb is not None and _ASPECTUAL.fullmatch(masked[verb[0]:verb[1]].strip()) and _GERUND.match(masked, verb[1]):
        return True  # "starts evicting Pods": the gerund is the action, "start" only its beginning
    if verb is None and _NEGATION.search(_plain(_between(masked, match))):
        return True  # a rule with fixed words ("B 不会被调度到 A"): a negation between the participants
    if verb is not None and groups.get("B") is not None and _attributive(masked, verb, match.start("B")):
        return True
    if verb is not None and groups.get("B") is not None and match.start("B") >= verb[1] and _agentless_passive(masked, verb):
        return True
    if verb is not None and groups.get("A") is not None and match.end("A") <= verb[0]:
        between = masked[match.end("A"):verb[0]]
        if not between.isascii() and _OTHER_AGENT.search(_plain(between)):
            return True
        if _COORDINATED.match(between) and MASKED.search(clause_before(masked, match.start("A"))):
            return True  # "节点控制器为节点添加污点并驱逐 Pod": the taint is the first verb's object
    if "A" in groups and groups["A"] is None and groups.get("B") is not None and _PERSON.search(_plain(clause_before(masked, match.start("B")))):
        return True  # "集群管理员可以通过降低 Pod 创建 QPS 来…": the person named does it, not the topic
    first = min((match.start(g) for g in ("A", "B") if groups.get(g) is not None), default=match.start())
    if first == match.start() and _NO_SUBJECT.search(clause_before(masked, first)):
        return True
    if groups.get("A") is not None and match.start("A") == match.start():
        before = clause_before(masked, match.start())
        if _MEANS.search(before) and (_PERSON.search(before) or MASKED.match(before.lstrip())) or _OBLIQUE_EN.search(before):
            return True  # "你可以使用 X 创建…", "Operator 利用 X 管理…": X is the instrument of the one named before
    return _hypothetical(masked, first)


def _hypothetical(masked: str, position: int) -> bool:
    """The clause before ``position`` makes the reader the doer of a condition or a purpose."""
    clause = clause_before(masked, position)
    return bool(_READER_CONDITION.search(clause) or _PURPOSE_OPENING.match(clause) and masked.startswith(clause))


def _between(masked: str, match: re.Match[str]) -> str:
    """The words of a match's clause before its participants and between them (all of the match
    when one side is the topic), without the negated modifiers of nouns."""
    groups = match.groupdict()
    clause = _attributes_out(clause_before(masked, match.start()))  # "无需手动将 Pod 调度到节点": before the first one too
    if groups.get("A") is None or groups.get("B") is None:
        return clause + _attributes_out(masked[match.start():match.end()])
    return clause + _attributes_out(masked[min(match.end("A"), match.end("B")):max(match.start("A"), match.start("B"))])


def _negated(masked: str, match: re.Match[str], verb: tuple[int, int]) -> bool:
    """A negation in the match up to its verb (the verb's clause only)."""
    start = max(match.start(), verb[0] - len(clause_before(masked, verb[0])))
    return bool(_NEGATION.search(_plain(_attributes_out(masked[start:verb[1]]))))


def _attributes_out(masked: str) -> str:
    """``masked`` without the negated modifiers of its nouns ("未调度的 Pod" keeps the Pod)."""
    return _NEGATED_ATTRIBUTE.sub(" ", masked)


def _agentless_passive(masked: str, verb: tuple[int, int]) -> bool:
    """A Chinese verb in the passive with no agent between 被 and it: "被逐出", "被 驱逐"."""
    return masked.startswith("被", verb[0]) or bool(_PASSIVE.search(masked, max(0, verb[0] - 2), verb[0]))


def _attributive(masked: str, verb: tuple[int, int], object_start: int) -> bool:
    """A Chinese verb between a classifier (or 的) and its object: "一个替代 Pod"."""
    if not MASKED.match(masked, object_start) or masked[verb[1]:object_start].strip():
        return False
    return bool(_ATTRIBUTIVE.search(masked[max(0, verb[0] - 4):verb[0]])) and not masked[verb[0]:verb[1]].isascii()


def contrasted(masked: str) -> set[int]:
    """Indexes of the mentions a contrast sets aside (from 而不是 / rather than to the clause end)."""
    aside: set[int] = set()
    for marker in _CONTRAST.finditer(masked):
        end = _CLAUSE.search(masked, marker.end())
        for ch in MASKED.findall(masked[marker.end():end.start() if end else len(masked)]):
            aside.add(ord(ch) - 0xE000)
    return aside


def scope_factor(masked: str, match: re.Match[str]) -> float:
    """How much the clause of the match weakens it (1.0 for a plain statement). A sentence that
    opens with a condition ("如果 …，则 …", "If …, …") makes all of it conditional."""
    clause = clause_before(masked, match.start())
    factor = 1.0
    if _CONDITIONAL.search(clause) or _CONDITIONAL.match(masked.lstrip()):
        factor *= SCOPE_FACTORS["conditional"]
    if _EXAMPLE.search(clause):
        factor *= SCOPE_FACTORS["example"]
    if masked.rstrip().endswith(("？", "?")):
        factor *= SCOPE_FACTORS["question"]
    if match.groupdict().get("A") is not None and match.start("A") == match.start() and _MEANS.search(clause):
        factor *= SCOPE_FACTORS["means"]
    return factor


def clause_before(masked: str, position: int) -> str:
    """The masked text from the last clause break before ``position`` up to it."""
    return _CLAUSE.split(masked[:position])[-1]


def _plain(masked: str) -> str:
    return MASKED.sub(" ", masked)
