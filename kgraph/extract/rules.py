"""Extraction rules: ``ontology/patterns.yaml`` compiled against the ontology's relation words.

In: the patterns file and the ontology's ``Relation``s (their labels per language). Out: a tuple
of ``CompiledRule``, one per (rule, relation, template), each holding a regular expression over a
*masked* sentence — a sentence in which every concept mention is one character of the Unicode
private use area (``MASK_BASE + i`` for the i-th mention). The template language is documented at
the top of the patterns file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from kgraph.errors import OntologyError

MASK_BASE = 0xE000
MAX_MENTIONS = 256  # per masked sentence; a small private-use range keeps the regexes cheap to compile
MASK = "\ue000-\ue0ff"
_STOP = "。！？!?；;，,：:"
_TURN = "而但却若如"  # a gap never crosses a turn of the sentence ("Pod而是使用Deployment")
_DET = r"(?:(?:the|a|an|all|each|every|several|multiple|many|some|one|or|more|set|of|group|its|their|older|newer|new|old)\s+){0,3}?"
# List separators ("，" is not one: in Chinese it ends a clause); only articles may follow, so
# "ReplicaSets, and each ReplicaSet manages…" ends the list before a new clause.
_SEP = r"\s*(?:、|,|以及|和|与|及|或者|或|/|&|and|or)\s*(?:and\s+)?(?:(?:the|a|an)\s+)?"
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
}
_GAP_N = re.compile(r"\{gap:(\d+)\}")


@dataclass(frozen=True)
class CompiledRule:
    rule_id: str
    relation: str
    lang: str
    regex: re.Pattern[str]
    confidence: float
    candidates: tuple[str, ...]  # relations to try in order (domain/range decide)
    generic: bool = False  # verb-driven rule for every relation: both participants must be typed
    scope: str = "sentence"  # or "lead-in": a colon-ended sentence joined with one item of the list after it
    probe: tuple[str, ...] = ()  # the rule's verb words: a sentence with none of them cannot match

    def may_match(self, masked: str) -> bool:
        """A cheap substring test before the regex (most sentences carry no relation word)."""
        return not self.probe or any(word in masked for word in self.probe)


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


def _compile_rule(path: Path, rule: dict, relations: dict) -> list[CompiledRule]:
    names = list(relations) if rule["relations"] == "all" else list(rule["relations"])
    unknown = [n for n in names if n not in relations]
    if unknown:
        raise OntologyError(f"{path}: rule {rule['id']} names unknown relations {unknown}")
    out = []
    for template in rule["templates"]:
        for name in names if "{verb}" in template or "{inverse_verb}" in template else names[:1]:
            regex = _regex(template, relations[name], relations, rule["lang"])
            if regex is not None:
                candidates = (name,) if "{verb}" in template or "{inverse_verb}" in template else tuple(names)
                out.append(CompiledRule(rule["id"], name, rule["lang"], regex, float(rule["confidence"]), candidates,
                                        rule["relations"] == "all", rule.get("scope", "sentence"),
                                        _probe(template, relations[name], relations, rule["lang"])))
    return out


def _regex(template: str, relation, relations: dict, lang: str) -> re.Pattern[str] | None:
    pattern = template
    for placeholder, regex in _PLACEHOLDERS.items():
        pattern = pattern.replace(placeholder, regex)
    pattern = _GAP_N.sub(lambda m: f"[^{MASK}{_STOP}{_TURN}]{{0,{m.group(1)}}}?", pattern)
    if "{verb}" in pattern:
        words = relation.labels.get(lang, ())
        if not words:
            return None
        pattern = pattern.replace("{verb}", _alternation(words))
    if "{inverse_verb}" in pattern:
        inverse = relations.get(relation.inverse) if relation.inverse else None
        words = inverse.labels.get(lang, ()) if inverse else ()
        if not words:
            return None
        pattern = pattern.replace("{inverse_verb}", _alternation(words))
    # No re.IGNORECASE: with it, compiling the private-use ranges costs ~13 ms a rule. Masked
    # sentences are lowercased instead (see relations.mask) and templates are written in lowercase.
    return re.compile(pattern)


def _probe(template: str, relation, relations: dict, lang: str) -> tuple[str, ...]:
    """Words one of which a sentence must contain for a verb-driven template to match."""
    if "{verb}" in template:
        return tuple(w.lower().split()[0] for w in relation.labels.get(lang, ()))
    if "{inverse_verb}" in template and relation.inverse:
        return tuple(w.lower().split()[0] for w in relations[relation.inverse].labels.get(lang, ()))
    return ()


def _alternation(words: tuple[str, ...]) -> str:
    """Longest first, so 负责管理 wins over 管理; spaces in English phrases match any spacing."""
    escaped = [re.escape(w.lower()).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)]
    # 管理员 (administrator), 控制器 (controller), 管理者: the verb inside a noun is no verb
    return "(?:" + "|".join(escaped) + ")(?![员器者])"
