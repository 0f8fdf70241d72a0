"""Names glossed with another name: 中文名（EnglishName，ABBR）, ABBR（English Name）, English Name (ABBR).

In: passages and the lexicon so far. Out: ``Discovery`` values (rules ``discover-gloss-zh``,
``discover-gloss-abbr``, ``discover-gloss-en``). An abbreviation counts only when its letters are
the English name's capitals (or initials), in order; a lowercase English gloss ("批处理型(batch)")
is a description, not a name.

The Chinese name is the end of the Chinese run before the gloss, cut at a word boundary (jieba,
with the known names kept whole): a known name if one ends the run, else the shortest ending at
least as long as the English name (two characters a word, a letter of an abbreviation) that does
not start with a function word ("并使用通用表达式语言（Common Expression Language）" -> 通用表达式语言);
when no ending is that long ("API 服务器（Extension API Server）"), the gloss gives no Chinese name.
Nor does it when that name is an everyday word of the notes (used in more than ``COMMON_NOTES``
of them, at least five): "通知组件（Informers）" cut to 组件 names no one.

Evidence asked for: a gloss seen only in table cells must be seen ``table_gloss_min`` times ("应用
（WordPress）" in one cell of a table does not make 应用 a name of WordPress), and a gloss that
would give a concept the lexicon already knows a new name must be seen twice (one "标签（Tag）"
does not make Tag a name of Label). A gloss whose English name is a longer name ending in a known
one ("Init 容器（Init Container）") names that narrower concept, not the known one.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from kgraph.discover.common import CJK, Discovery, DiscoveryWords, evidence, make_term, new_key
from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Passage, Term
from kgraph.text import is_abbreviation
from kgraph.tokenize import Tokenizer, user_words

_GLOSS_ZH_EN = re.compile(
    rf"(?P<zh>(?:[A-Za-z][A-Za-z0-9\-]*\s?)?[{CJK}]{{1,12}}(?:\s?[A-Za-z][A-Za-z0-9]*)?)[”\"」]?\s*[（(]\s*"
    rf"(?P<en>[A-Za-z][A-Za-z0-9.\-]*(?: [A-Za-z][A-Za-z0-9.\-]*){{0,5}})\s*"
    rf"(?:[，,、]\s*(?P<abbr>[A-Za-z][A-Za-z0-9\-]{{0,9}}))?\s*[）)]"
)
_GLOSS_ABBR_EN = re.compile(
    r"(?<![A-Za-z0-9])(?P<abbr>[A-Z][A-Za-z0-9]{1,9})\s*[（(]\s*"
    r"(?P<en>[A-Z][A-Za-z\-]+(?: [A-Za-z][A-Za-z\-]*){1,5})\s*[）)]"
)
_GLOSS_EN_ABBR = re.compile(
    r"(?<![A-Za-z0-9])(?P<en>[A-Z][A-Za-z\-]+(?: [A-Z][A-Za-z\-]*){0,4})\s*[（(]\s*(?P<abbr>[A-Z]{2,6})\s*[）)]"
)
_LATIN_LEAD = re.compile(r"^[A-Za-z][A-Za-z0-9\-]*\s?(?=[\u4e00-\u9fff])")
_ENGLISH_WORD = re.compile(r"[A-Za-z0-9]+")
_MINOR = frozenset({"of", "for", "the", "and", "a", "an", "to", "in", "on"})

Found = tuple[Passage, int, int, list[tuple[str, str, str]], str]


COMMON_NOTES = 0.05


def from_glosses(passages: Sequence[Passage], lexicon: Lexicon, words: DiscoveryWords) -> list[Discovery]:
    notes: dict[str, list[str]] = {}
    for passage in passages:
        notes.setdefault(passage.note_path, []).append(passage.text)
    namer = _ZhNamer(lexicon, words, ["\n".join(texts) for texts in notes.values()])
    found: list[Found] = []
    for passage in passages:
        if passage.kind != "code" and ("（" in passage.text or "(" in passage.text):
            found += _zh_glosses(passage, namer) + _abbreviation_glosses(passage)
    return [d for d in (_discovery(lexicon, *f) for f in _attested(found, lexicon, words)) if d]


def _attested(found: list[Found], lexicon: Lexicon, words: DiscoveryWords) -> list[Found]:
    """Glosses seen outside table cells, or in table cells at least ``table_gloss_min`` times; a
    gloss giving a known concept a new name, seen twice."""
    def name(f: Found) -> tuple[str, ...]:
        return tuple(fold_label(text) for text, _l, _k in f[3])

    in_text = {name(f) for f in found if f[0].kind != "table_row"}
    seen = Counter(name(f) for f in found)
    in_cells = Counter(name(f) for f in found if f[0].kind == "table_row")
    least = words.number("table_gloss_min")
    kept = []
    for f in found:
        if name(f) not in in_text and in_cells[name(f)] < least:
            continue
        known = [lexicon.key_for(text) for text, _l, _k in f[3]]
        if any(known) and not all(known) and seen[name(f)] < 2:
            continue
        kept.append(f)
    return kept


class _ZhNamer:
    """Chooses the Chinese name at the end of the run before a gloss (see the module docstring)."""

    def __init__(self, lexicon: Lexicon, words: DiscoveryWords, note_texts: list[str]) -> None:
        self.note_texts = note_texts
        self.common = max(5, COMMON_NOTES * len(note_texts))
        labels = [text for term in lexicon.terms.values() for text, lang, _k in term.labels if lang == "zh"]
        weak = {fold_label(text) for term in lexicon.terms.values() for text, _l, kind in term.labels if kind == "weak"}
        self.known = {fold_label(label) for label in labels} - weak
        self.stops = words.words("gloss_name_stops")
        self._tokenizer: Tokenizer | None = None
        self._labels = labels

    def name(self, run: str, english: str) -> str:
        lead = _LATIN_LEAD.match(run)
        chinese = run[lead.end():] if lead else run
        cuts = self._cuts(chinese)
        endings = [chinese[cut:].strip() for cut in cuts]
        known = [e for e in endings if fold_label(e) in self.known]
        if known:
            name = known[0]
        else:
            wanted = 2 * _english_words(english)
            allowed = [e for e, cut in zip(endings, cuts) if not self._has_stop(chinese, cut, cuts)]
            long_enough = [e for e in reversed(allowed) if _width(e) >= wanted]
            name = long_enough[0] if long_enough else ""
        if "的" in name[-3:] or len(name) < 2:
            return ""
        if fold_label(name) not in self.known and sum(name in text for text in self.note_texts) > self.common:
            return ""  # an everyday word, not this term's name
        if lead and name == chinese.strip() and fold_label(english).startswith(fold_label(lead.group())):
            return lead.group() + name
        return name

    def _cuts(self, chinese: str) -> list[int]:
        """Word starts in ``chinese``, the longest ending first."""
        if self._tokenizer is None:
            self._tokenizer = Tokenizer.for_words(user_words(self._labels))
        starts = [token.start for token in self._tokenizer.tokens(chinese)]
        return sorted(set(starts))

    def _has_stop(self, chinese: str, cut: int, cuts: list[int]) -> bool:
        """Whether the ending from ``cut`` starts with a function word, or has one inside (的
        is allowed inside: 基于角色的访问控制)."""
        words = [chinese[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(chinese)]) if a >= cut]
        return bool(words) and (words[0] in self.stops or any(w in self.stops and w != "的" for w in words[1:]))


def _english_words(english: str) -> int:
    """How many words a Chinese name of ``english`` spells out: its content words, or the letters
    of an abbreviation (PSI -> 3, QoS -> 2)."""
    words = [w for w in _ENGLISH_WORD.findall(english) if w.lower() not in _MINOR]
    if len(words) == 1:
        upper = sum(ch.isupper() for ch in words[0])
        if upper >= 2 and upper >= len(words[0]) - upper:  # PSI, QoS, IaaS; not WordPress
            return upper
    return max(1, len(words))


def _width(name: str) -> int:
    """A Chinese name's length in characters, a Latin word in it counted as two."""
    return sum(1 for ch in name if "\u4e00" <= ch <= "\u9fff") + 2 * len(_ENGLISH_WORD.findall(name))


def _zh_glosses(passage: Passage, namer: _ZhNamer) -> list[Found]:
    found = []
    for match in _GLOSS_ZH_EN.finditer(passage.text):
        en, abbr = match["en"].strip(), match["abbr"]
        zh = namer.name(match["zh"], en)
        if not _is_term_gloss(zh, en, abbr):
            continue
        labels = [(zh, "zh", "pref"), (en, "en", "pref")] + ([(abbr, "en", "alt")] if abbr else [])
        found.append((passage, match.start("zh") + match["zh"].find(zh), match.end(), labels, "discover-gloss-zh"))
    return found


def _abbreviation_glosses(passage: Passage) -> list[Found]:
    found = []
    for pattern, rule in ((_GLOSS_ABBR_EN, "discover-gloss-abbr"), (_GLOSS_EN_ABBR, "discover-gloss-en")):
        for match in pattern.finditer(passage.text):
            if is_abbreviation(match["abbr"], match["en"]):
                labels = [(match["en"], "en", "pref"), (match["abbr"], "en", "alt")]
                found.append((passage, match.start(), match.end(), labels, rule))
    return found


def _is_term_gloss(zh: str, en: str, abbr: str | None) -> bool:
    """A name glossed with a proper English term: 'batch', 'long-running' are descriptions."""
    if not zh or not re.search(f"[{CJK}]", zh) or re.search("[A-Za-z]", zh[-1]):
        return False  # '称作 CRI（Container Runtime Interface）' is an ABBR gloss, handled elsewhere
    if abbr and not is_abbreviation(abbr, en):
        return False
    return len(en) >= 2 and any(ch.isupper() for ch in en)


def _discovery(lexicon: Lexicon, passage: Passage, start: int, end: int, labels, rule: str) -> Discovery | None:
    term = _narrower(lexicon, labels) or make_term(lexicon, labels)
    return Discovery(term, evidence(passage, start, end, rule, 0.9)) if term else None


def _narrower(lexicon: Lexicon, labels: list[tuple[str, str, str]]) -> Term | None:
    """A new concept when the English name is unknown but ends in a known concept's name
    ('Init Container' ends in 'Container'): the gloss names a narrower concept."""
    english = [text for text, lang, _k in labels if lang == "en" and " " in text.strip()]
    if not english or lexicon.key_for(english[0]):
        return None
    last = english[0].split()[-1]
    if not lexicon.key_for(last):
        return None
    kept = [label for label in labels if lexicon.key_for(label[0]) is None]
    return Term(new_key(english[0]), tuple(kept), (), "discovered") if kept else None
