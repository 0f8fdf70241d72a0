"""A concept's names in the glossary: its two labels, its aliases, its acronyms and its heading.

In: a concept's ``Label``s (pref, alt, hidden, weak) and the glossary language. Out: ``Names``.
Must not: query or render.

- ``label_en``/``label_zh``: the skos:prefLabel in that language, else the first altLabel in it.
- ``aliases``: every other pref/alt label (weak labels included: they are names people use), in
  English-then-Chinese, case-insensitive order, each text once. Hidden labels are misspellings the
  notes contain ("StatefullSet"): they stay out of every output.
- ``abbreviations``: the names that are acronyms (``RS``, ``PVC``, ``K8s``, ``NFS``): Latin, 2–6
  characters, at least two capitals or digits, no space; weak labels (``po``, ``deploy``) never.
- ``linkable``: the names a docs page may mention it by (``--link-docs``): pref and alt labels
  only — weak labels are everyday words ("deploy"), hidden ones misspellings.
- ``heading``: ``both`` → "ReplicaSet（副本集）", ``en`` → "ReplicaSet (副本集)", ``zh`` →
  "副本集（ReplicaSet）"; a concept named in one language only shows that name.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kgraph.reads import Label

_ACRONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]{1,5}$")


@dataclass(frozen=True)
class Names:
    label_en: str | None
    label_zh: str | None
    aliases: tuple[str, ...]
    abbreviations: tuple[str, ...]
    linkable: tuple[str, ...] = ()


def names_of(labels: Iterable[Label]) -> Names:
    shown = [l for l in labels if l.kind in ("pref", "alt", "weak")]
    en, zh = _label(shown, "en"), _label(shown, "zh")
    weak = {l.text for l in shown if l.kind == "weak"}
    texts = [l.text for l in sorted(shown, key=_alias_order)]
    aliases = tuple(t for t in dict.fromkeys(texts) if t not in (en, zh))
    abbreviations = tuple(t for t in dict.fromkeys(texts) if t not in weak and is_acronym(t))
    linkable = tuple(dict.fromkeys(l.text for l in sorted(shown, key=_alias_order) if l.kind != "weak"))
    return Names(en, zh, aliases, abbreviations, linkable)


def _label(labels: list[Label], lang: str) -> str | None:
    for kind in ("pref", "alt"):
        texts = sorted(l.text for l in labels if l.lang == lang and l.kind == kind)
        if texts:
            return texts[0]
    return None


def _alias_order(label: Label) -> tuple[int, str, str]:
    return (0 if label.lang == "en" else 1 if label.lang == "zh" else 2), label.text.casefold(), label.text


def is_acronym(text: str) -> bool:
    """'RS', 'PVC', 'K8s', 'NFS' are; 'Pod', 'svc', 'kube-proxy' are not."""
    strong = sum(ch.isupper() or ch.isdigit() for ch in text)
    return bool(_ACRONYM.match(text)) and strong >= 2 and text[0].isalpha() and not text.isdigit()


def bilingual(en: str | None, zh: str | None, lang: str) -> str:
    """One name in the glossary's language with the other in brackets (see the module docstring)."""
    if not en or not zh or en == zh:
        return en or zh or ""
    if lang == "zh":
        return f"{zh}（{en}）"
    if lang == "en":
        return f"{en} ({zh})"
    return f"{en}（{zh}）"


def heading(names: Names, key: str, lang: str) -> str:
    return bilingual(names.label_en, names.label_zh, lang) or key
