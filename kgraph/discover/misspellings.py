"""Misspellings of known English names: ``StatefullSet`` becomes a hidden label of StatefulSet.

In: passages, the lexicon so far, the names attested in their own right, and the limits of the
discovery word list. Out: ``Discovery`` values (rule ``discover-misspelling``, kind ``hidden``).

A word is a misspelling of a label only when (all of):
- the edit distance is small relative to the length: at most ``max_edits``, and at most one edit
  per ``min_length_per_edit`` characters of the label (Egress/Ingress, 2 edits in 7, are two words);
- the edit is not at the very end (scheduled/scheduler, Flannel0/Flannel are other words);
- the word is rare: used at most ``max_uses`` times, and the label at least ``label_ratio`` times
  as often (a misspelling is the exception, not the rule);
- the word is written like the name: its capital letters are the label's (StatefullSet and
  StatefulSet: S, S); an all-lowercase word such as "contained" is a word of its own, not a slip
  for "containerd", and "CGroupFs" is no slip for "cgroups";
- the word is not attested as a name in its own right (a gloss, a heading, a glossary link).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from rapidfuzz.distance import DamerauLevenshtein

from kgraph.discover.common import Discovery, DiscoveryWords, evidence
from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Passage, Term

_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{5,}(?![A-Za-z0-9])")


def from_misspellings(passages: Sequence[Passage], lexicon: Lexicon, attested: set[str],
                      words: DiscoveryWords) -> list[Discovery]:
    english = {fold_label(text): (term.key, _capitals(text)) for term in lexicon.terms.values()
               for text, _lang, _k in term.labels if text.isascii() and len(fold_label(text)) >= 6}
    uses = _uses(passages)
    limits = {k: words.number("misspellings", k) for k in ("max_edits", "min_length_per_edit", "max_uses", "label_ratio")}
    found, checked = [], set()
    for passage in passages:
        if passage.kind == "code":
            continue
        for match in _LATIN_WORD.finditer(passage.text):
            word = match.group()
            folded = fold_label(word)
            if folded in checked or folded in attested or word.islower() or lexicon.key_for(word):
                continue
            checked.add(folded)
            label = _near_label(folded, english, limits)
            if label is None or english[label][1] != _capitals(word):
                continue
            if uses[folded] <= limits["max_uses"] and uses[label] >= limits["label_ratio"] * uses[folded]:
                term = Term(english[label][0], ((word, "en", "hidden"),), (), "discovered")
                found.append(Discovery(term, evidence(passage, match.start(), match.end(), "discover-misspelling", 0.6)))
    return found


def _capitals(text: str) -> str:
    return "".join(ch for ch in text if ch.isupper())


def _uses(passages: Sequence[Passage]) -> Counter[str]:
    """How often each folded Latin word (its plural counted for the singular too) is used."""
    uses: Counter[str] = Counter()
    for passage in passages:
        if passage.kind != "code":
            folded = [fold_label(w) for w in _LATIN_WORD.findall(passage.text)]
            uses.update(folded + [w[:-1] for w in folded if w.endswith("s")])
    return uses


def _near_label(folded: str, english: Mapping[str, object], limits: Mapping[str, int]) -> str | None:
    """The English label this word is a misspelling of, if any (see the module docstring)."""
    if folded.rstrip("0123456789") != folded:
        return None
    for label in english:
        allowed = min(limits["max_edits"], len(label) // limits["min_length_per_edit"])
        if not allowed or abs(len(label) - len(folded)) > allowed:
            continue
        if DamerauLevenshtein.distance(label, folded, score_cutoff=allowed) <= allowed:
            if label[:-1] != folded[:-1] and label[:-1] != folded and label != folded[:-1]:
                return label
    return None
