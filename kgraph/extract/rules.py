"""Extraction rules: ``ontology/patterns.yaml`` compiled against the ontology's relation words.

In: the patterns file and the ontology's ``Relation``s (their labels per language). Out: a tuple
of ``CompiledRule``, one per (rule, relation, template), each holding a regular expression over a
*masked* sentence — a sentence in which every concept mention is one character of the Unicode
private use area (``MASK_BASE + i`` for the i-th mention) — and ``RuleIndex``, which finds in one
pass over a sentence the rules whose words it contains. The template language is documented at
the top of the patterns file. English relation words are used in all their forms
(``kgraph.extract.inflect``): {verb} is manages / manage / managed, {verb_s} manages, {verb_pp}
managed, {verb_ing} managing.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import ahocorasick
import yaml

from kgraph.errors import OntologyError
from kgraph.extract.inflect import active, gerund, participle, third_person

MASK_BASE = 0xE000
MAX_MENTIONS = 256  # per masked sentence; a small private-use range keeps the regexes cheap to compile
MASK = "\ue000-\ue0ff"
_STOP = "。！？!?；;，,：:"
_TURN = "而但却若如"  # a gap never crosses a turn of the sentence ("Pod而是使用Deployment")
_DETERMINER = (r"(?:the|a|an|all|each|every|several|multiple|many|some|one|or|more|set|of|group|its|their|this|that|"
               r"these|those|any|no|both|such|other|wide|broad|large|small|whole|variety|range|number|list|pair|"
               r"lot|lots|kinds|types|collection|series|much|enough|less|fewer|as(?=\s+(?:much|many)\b))")
# Modifiers between a determiner and its noun: adjectives and participles ("newly created",
# "the best", "running", "unscheduled"), never a preposition or another noun's "of".
_MODIFIER = (r"(?:newly|already|currently|not|yet|fully|partially|also|only|[a-z\-]+(?:ed|ing|able|ible|al|ive|ent|ant|"
             r"ous|ic|ary|less)|new|old|older|newer|existing|specific|particular|different|individual|available|"
             r"single|certain|extra|additional|custom|default|static|dynamic|local|remote|external|internal|"
             r"global|high|low|higher|lower|best|optimal|appropriate|suitable|right|correct|same|given|own|"
             r"matching|pending|running|unscheduled|healthy|unhealthy|ready|free|idle|empty|underlying|target)")
_DET = rf"(?:(?:{_DETERMINER}|{_MODIFIER})\s+){{0,4}}?"
# List separators ("，" is not one: in Chinese it ends a clause); only articles may follow, so
# "ReplicaSets, and each ReplicaSet manages…" ends the list before a new clause.
_SEP = r"\s*(?:和\s*/\s*或|and\s*/\s*or|、|,|以及|和|与|及|或者|或|/|&|and|or)\s*(?:and\s+)?(?:(?:the|a|an)\s+)?"
# Between an English subject and its verb: auxiliaries, modals, adverbs, relative pronouns — never
# a preposition (the subject of a verb is not the object of "of", "to", "by", "with" …); "is configured /
# designed / able to" keep the subject the doer ("The kube-apiserver is configured to assign IP addresses").
_AUX = (r"(?:\s*,?\s+(?:that|which|who|is|are|was|were|be|been|being|has|have|had|does|do|did|can|could|"
        r"will|would|should|must|may|might|shall|also|then|automatically|only|always|directly|typically|"
        r"usually|generally|now|already|still|often|actually|itself|themselves|first|later|eventually|"
        r"periodically|continuously|each|just|simply|further|additionally|instead|never|not|cannot|stays?|remains?|becomes?|gets?|"
        r"dynamically|actively|effectively|explicitly|implicitly|in\s+turn|configured\s+to|designed\s+to|able\s+to)){0,3}")
_PLACEHOLDERS = {
    "{A}": f"(?P<A>[{MASK}])",
    "{B}": f"(?P<B>[{MASK}])",
    "{A?}": f"(?:(?P<A>[{MASK}]))?",
    "{B?}": f"(?:(?P<B>[{MASK}]))?",
    "{A+}": f"(?P<A>[{MASK}](?:{_SEP}[{MASK}])*)",
    "{B+}": f"(?P<B>[{MASK}](?:{_SEP}[{MASK}])*)",
    "{B...}": "(?P<B>.*)",
    "{X}": f"[{MASK}]",
    "{gap}": f"[^{MASK}{_STOP}{_TURN}]{{0,8}}?",
    "{any}": "[^。！？!?；;]{0,30}?",
    "{det}": _DET,
    "{aux}": _AUX,
    # A Chinese object's modifiers after the verb: a few characters, or a phrase ending in 的
    # ("管理基于时间的 Job", "管理各个独立的控制面组件").
    "{ogap}": f"(?:[^{MASK}{_STOP}{_TURN}]{{0,12}}?的\\s?|[^{MASK}{_STOP}{_TURN}]{{0,4}}?)",
    # After a Chinese object: no modal or copula follows, which would make the verb phrase before it
    # the clause's subject ("驱逐 Pod 只会回收少量资源": evicting Pods reclaims little).
    "{no_predicate}": "(?!\\s?(?:只|会|可以|可能|能|将|需要|是|不|也|就))",
}
_GAP_N = re.compile(r"\{gap:(\d+)\}")


@dataclass(frozen=True)
class CompiledRule:
    """One template of a rule, compiled. A verb-driven template is compiled once for all its
    relations: ``verbs`` maps each verb form to the relation it names (see ``verb_relation``)."""

    rule_id: str
    relation: str  # the first listed relation ("" for a verb-driven template)
    lang: str
    regex: re.Pattern[str]
    confidence: float
    candidates: tuple[str, ...]  # relations to try in order (domain/range decide); () when verb-driven
    generic: bool = False  # verb-driven rule for every relation: both participants must be typed
    scope: str = "sentence"  # or "lead-in": a colon-ended sentence joined with one item of the list after it;
    # or "item": the first sentence of a list item under a lead-in that names its subject (the topic)
    probe: tuple[str, ...] = ()  # the rule's verb words: a sentence with none of them cannot match
    verbs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # classes the subject / object must be typed as, beyond the relation's domain/range (a rule
    # without a verb: "the kubelet on the node" is said of components, "the taints on the node" is not)
    participants: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    # a noun phrase that states the relation with no verb ("the kubelet on the node", "Pod 中的容器"):
    # it holds whatever the clause around it says, so only a negation inside it counts (``scope``)
    phrase: bool = False


class RuleIndex:
    """The rules a sentence may match, found with one Aho-Corasick pass over its probe words
    (most sentences carry no relation word, and there are hundreds of compiled rules)."""

    def __init__(self, rules: Sequence[CompiledRule]) -> None:
        self.rules = tuple(rules)
        self.always = tuple(i for i, rule in enumerate(self.rules) if not rule.probe)
        by_word: dict[str, list[int]] = {}
        for i, rule in enumerate(self.rules):
            for word in rule.probe:
                by_word.setdefault(word, []).append(i)
        self._automaton = ahocorasick.Automaton()
        for word, indices in by_word.items():
            self._automaton.add_word(word, tuple(indices))
        if by_word:
            self._automaton.make_automaton()
        self._empty = not by_word

    def candidates(self, masked: str, scope: str = "sentence") -> list[CompiledRule]:
        """The rules of ``scope`` whose words ``masked`` contains, in file order."""
        found = set(self.always)
        if not self._empty:
            for _end, indices in self._automaton.iter(masked):
                found.update(indices)
        return [self.rules[i] for i in sorted(found) if self.rules[i].scope == scope]


def load_rules(path: Path, relations: dict) -> tuple[CompiledRule, ...]:
    """Compile every rule of the patterns file; ``relations`` maps names to ``Relation``."""
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise OntologyError(f"{path}: cannot read patterns: {error}") from error
    compiled: list[CompiledRule] = []
    for rule in spec.get("rules", []):
        compiled += _compile_rule(path, rule, relations)
    return tuple(compiled)


def with_priors(rules: Sequence[CompiledRule], priors: dict[str, float]) -> tuple[CompiledRule, ...]:
    """``rules`` with the fitted prior of each rule id that has one (``confidence.load_priors``)."""
    return tuple(replace(rule, confidence=priors[rule.rule_id]) if rule.rule_id in priors else rule for rule in rules)


def _compile_rule(path: Path, rule: dict, relations: dict) -> list[CompiledRule]:
    names = list(relations) if rule["relations"] == "all" else list(rule["relations"])
    unknown = [n for n in names if n not in relations]
    if unknown:
        raise OntologyError(f"{path}: rule {rule['id']} names unknown relations {unknown}")
    narrow = rule.get("participants") or {}
    participants = (tuple(narrow.get("subject", ())), tuple(narrow.get("object", ())))
    out = []
    for template in rule["templates"]:
        verbs = _verbs(template, names, relations, rule["lang"])
        if verbs == {}:
            continue  # no relation has words in this language
        regex = _regex(template, verbs)
        out.append(CompiledRule(rule["id"], names[0] if verbs is None else "", rule["lang"], regex, float(rule["confidence"]),
                                tuple(names) if verbs is None else (), rule["relations"] == "all",
                                rule.get("scope", "sentence"), tuple(dict.fromkeys(w.split()[0] for w in verbs or ())),
                                verbs or {}, participants, bool(rule.get("phrase", False))))
    return out


def _verbs(template: str, names: list[str], relations: dict, lang: str) -> dict[str, str] | None:
    """For a verb-driven template: each form of each relation word -> its relation (a word of an
    inverse, for ``{inverse_verb}``, -> the relation itself). None for a template without verbs."""
    placeholders = [p for p in (*_VERB_FORMS, "{inverse_verb}") if p in template]
    if not placeholders:
        return None
    verbs: dict[str, str] = {}
    for name in names:
        relation = relations[name]
        for placeholder in placeholders:
            if placeholder == "{inverse_verb}":
                inverse = relations.get(relation.inverse) if relation.inverse else None
                words = _stated(inverse, lang) if inverse else ()
            else:
                words = _forms(_stated(relation, lang), _VERB_FORMS[placeholder])
            for word in words:
                verbs.setdefault(_verb_key(word), name)
    return verbs


def _stated(relation, lang: str) -> tuple[str, ...]:
    """The relation's words that state it in running text (not its ``unstated`` weak labels)."""
    unstated = set(relation.unstated.get(lang, ()))
    return tuple(w for w in relation.labels.get(lang, ()) if w not in unstated)


def relation_words(relations: dict) -> frozenset[str]:
    """Every form of every relation word, folded as labels are (``fold_label``): no concept name
    found in the notes may be one of them, or it would hide the verb ("the scheduler watches")."""
    from kgraph.lexicon import fold_label

    words = set()
    for relation in relations.values():
        for labels in relation.labels.values():
            for form in _VERB_FORMS.values():
                words.update(fold_label(f) for f in _forms(labels, form))
    return frozenset(w for w in words if w)


def _verb_key(word: str) -> str:
    return " ".join(word.lower().split())


def verb_relation(rule: CompiledRule, match: re.Match[str]) -> tuple[str, ...]:
    """The relations a match of ``rule`` may assert: the one its verb names, or the rule's list."""
    if not rule.verbs:
        return rule.candidates
    name = rule.verbs.get(_verb_key(match.group("V")))
    return (name,) if name else ()


def _regex(template: str, verbs: dict[str, str] | None) -> re.Pattern[str]:
    pattern = template
    for placeholder, regex in _PLACEHOLDERS.items():
        pattern = pattern.replace(placeholder, regex)
    pattern = _GAP_N.sub(lambda m: f"[^{MASK}{_STOP}{_TURN}]{{0,{m.group(1)}}}?", pattern)
    if verbs:
        pattern = re.sub(r"\{(?:verb|verb_s|verb_pp|verb_ing|inverse_verb)\}", lambda _m: _alternation(tuple(verbs)), pattern, count=1)
    # No re.IGNORECASE: with it, compiling the private-use ranges costs ~13 ms a rule. Masked
    # sentences are lowercased instead (see relations.mask) and templates are written in lowercase.
    return re.compile(pattern)


_VERB_FORMS = {"{verb}": active, "{verb_s}": third_person, "{verb_pp}": participle, "{verb_ing}": gerund}


def _forms(words: Iterable[str], form) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for word in words for f in form(word)))


def _alternation(words: tuple[str, ...]) -> str:
    """Longest first, so 负责管理 wins over 管理; spaces in English phrases match any spacing. The
    group is named V: the checks of ``kgraph.extract.relations`` look around the verb."""
    escaped = [re.escape(w.lower()).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)]
    # 管理员 (administrator), 控制器 (controller), 管理者, 使用量 (usage): the verb inside a noun is no verb; an
    # English word must end where the verb does ("use" is not "user").
    # A particle after an English verb makes another verb: "the node runs out of memory".
    return "(?<![a-z])(?P<V>" + "|".join(escaped) + r")(?![员器者量率])(?![a-z])(?!\s+(?:out|up|away|down|off)\b)"
