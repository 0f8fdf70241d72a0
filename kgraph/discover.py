"""Term discovery: names the curated lexicon lacks, found in the notes, each with evidence.

In: the passages of all notes and the curated ``Lexicon``. Out: ``Discovery`` values — a ``Term``
(``source="discovered"``; its key may be an existing concept's, in which case its labels are new
aliases of that concept) and the ``Evidence`` of where the name was seen.

Where names come from (each a small function below):
- the glossing pattern 中文名（EnglishName，ABBR） / 中文名(English Name, ABBR), and ABBR（English
  Name） / English Name(ABBR) when the abbreviation's letters are the English name's capitals;
- section headings that look like a term: a Latin identifier of up to three words (``hostPath``,
  ``Ingress Controller``), or a short Chinese modifier before a known name (``静态 Pod``);
- inline code that is an identifier (``emptyDir``) seen in at least two passages or as a heading;
- misspellings: a Latin word one edit away from a known English label of six or more letters
  (StatefullSet) becomes a hidden label of that concept.
Types come from the ontology's class labels: a name ending in a class's label ("临时卷" ends in
卷/Volume) gets that class.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from rapidfuzz.distance import DamerauLevenshtein

from kgraph.iri import concept_key
from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Evidence, Passage, Term

_CJK = r"\u4e00-\u9fff"
_GLOSS_ZH_EN = re.compile(
    rf"(?P<zh>[{_CJK}]{{1,12}}(?:\s?[A-Za-z][A-Za-z0-9]*)?)[”\"」]?\s*[（(]\s*"
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
# Where a Chinese run before a gloss stops being the name: verbs and particles that end a clause,
# then function words a name does not start with.
_ZH_CUT = re.compile(r".*(?:称为|称作|叫作|叫做|就是|也是|这是|是|为|即|了|和|与|及|或|在|把|将|被|对|从|由|个|种|这|该|其)")
_ZH_LEAD = re.compile(r"^(?:使用|表示|版|的|于|中|上|下|里|内|同|区|用)+")
_LATIN_HEADING = re.compile(r"^[A-Za-z][A-Za-z0-9.\-]*(?: [A-Za-z][A-Za-z0-9.\-]*){0,2}$")
_MODIFIED_HEADING = re.compile(rf"^(?P<mod>[{_CJK}]{{1,3}})\s?(?P<head>[A-Za-z][A-Za-z0-9\-]*)$")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[一二三四五六七八九十]+[、：:.．])\s*")
_IDENTIFIER = re.compile(r"^(?:[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*|[a-z]{3,}|[A-Z][a-z]+[A-Z][A-Za-z0-9]*)$")
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{5,}(?![A-Za-z0-9])")


@dataclass(frozen=True)
class Discovery:
    term: Term
    evidence: Evidence


def discover(passages: Sequence[Passage], lexicon: Lexicon, class_labels: Mapping[str, Iterable[str]]) -> list[Discovery]:
    """Every discovered name with its first evidence, in passage order; labels deduplicated."""
    found: list[Discovery] = []
    found += _from_glosses(passages, lexicon)
    found += _from_headings(passages, lexicon)
    found += _from_inline_code(passages, lexicon)
    found += _from_misspellings(passages, lexicon)
    return [_typed(d, class_labels) for d in _dedupe(found)]


def _evidence(passage: Passage, start: int, end: int, rule: str, confidence: float) -> Evidence:
    quote, span = passage.quote(start, end)
    return Evidence(passage.note_path, passage.index, span, quote, passage.text[start:end], rule, confidence)


def _sentence_evidence(passage: Passage, rule: str, confidence: float) -> Evidence:
    """Evidence quoting the passage's first line (where no finer position is known)."""
    text = passage.text
    end = text.find("\n")
    end = len(text) if end <= 0 else end
    start = len(text[:end]) - len(text[:end].lstrip())
    return _evidence(passage, start, max(end, start + 1), rule, confidence)


def _term(lexicon: Lexicon, names: list[tuple[str, str, str]]) -> Term | None:
    """A Term for these labels: the known concept any of them names, else a new key."""
    names = [(text.strip(), lang, kind) for text, lang, kind in names if text and text.strip()]
    if not names:
        return None
    for text, _lang, _kind in names:
        key = lexicon.key_for(text)
        if key:
            return Term(key, tuple(names), (), "discovered")
    name = next((text for text, lang, _k in names if lang == "en"), names[0][0])
    return Term(concept_key(_camel(name)), tuple(names), (), "discovered")


def _camel(name: str) -> str:
    """'Static Pod' -> 'StaticPod'; one-word names stay as written ('emptyDir')."""
    words = name.split()
    return name if len(words) == 1 else "".join(w[:1].upper() + w[1:] for w in words)


def _clean_zh(text: str) -> str:
    """The name in a Chinese run: '使用存储类' -> '存储类'; '上运行的代理' -> '' (a description, not a name)."""
    name = _ZH_LEAD.sub("", _ZH_CUT.sub("", text).strip())
    if "的" in name and len(name.rsplit("的", 1)[1]) < 3:
        return ""
    return name


def _from_glosses(passages: Sequence[Passage], lexicon: Lexicon) -> list[Discovery]:
    found = []
    for passage in passages:
        if passage.kind == "code":
            continue
        for match in _GLOSS_ZH_EN.finditer(passage.text):
            zh = _clean_zh(match["zh"])
            en, abbr = match["en"].strip(), match["abbr"]
            if not _is_term_gloss(zh, en, abbr):
                continue
            labels = [(zh, "zh", "pref"), (en, "en", "pref")] + ([(abbr, "en", "alt")] if abbr else [])
            found.append((passage, match.start("zh") + match["zh"].find(zh), match.end(), labels, "discover-gloss-zh"))
        for pattern, rule in ((_GLOSS_ABBR_EN, "discover-gloss-abbr"), (_GLOSS_EN_ABBR, "discover-gloss-en")):
            for match in pattern.finditer(passage.text):
                if _is_abbreviation(match["abbr"], match["en"]):
                    labels = [(match["en"], "en", "pref"), (match["abbr"], "en", "alt")]
                    found.append((passage, match.start(), match.end(), labels, rule))
    return [d for d in (_discovery(lexicon, *args) for args in found) if d]


def _is_term_gloss(zh: str, en: str, abbr: str | None) -> bool:
    """A name glossed with a proper English term: 'batch', 'long-running' are descriptions."""
    if not zh or not re.search(f"[{_CJK}]", zh) or re.search("[A-Za-z]", zh[-1]):
        return False  # '称作 CRI（Container Runtime Interface）' is an ABBR gloss, handled elsewhere
    if abbr and not _is_abbreviation(abbr, en):
        return False
    return any(ch.isupper() for ch in en)


def _discovery(lexicon: Lexicon, passage: Passage, start: int, end: int, labels, rule: str) -> Discovery | None:
    term = _term(lexicon, labels)
    return Discovery(term, _evidence(passage, start, end, rule, 0.9)) if term else None


def _is_abbreviation(abbr: str, name: str) -> bool:
    """'RC' abbreviates 'Replication Controller' / 'ReplicationController': its letters are the capitals, in order."""
    capitals = "".join(ch for ch in name if ch.isupper()) or "".join(w[0] for w in name.split()).upper()
    initials = "".join(w[0] for w in re.split(r"[\s\-]+", name) if w).upper()
    letters = abbr.upper()
    return len(letters) >= 2 and letters != name.upper() and (letters in (capitals, initials) or _subsequence(letters, capitals))


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return short[0] == long[:1] and all(ch in it for ch in short)


def _heading_names(heading: str) -> list[str]:
    text = _NUMBERING.sub("", heading).strip().rstrip(":：").strip()
    return [part.strip() for part in re.split(r"\s*&&?\s*|\s*/\s*", text) if part.strip()]


def _from_headings(passages: Sequence[Passage], lexicon: Lexicon) -> list[Discovery]:
    """Term-like headings whose name the notes also use in running text."""
    found, seen = [], set()
    body = fold_label(" ".join(p.text for p in passages if p.kind != "code"))
    for passage in passages:
        if not passage.heading_path or passage.heading_path[-1] in seen:
            continue
        seen.add(passage.heading_path[-1])
        for name in _heading_names(passage.heading_path[-1]):
            if lexicon.key_for(name):
                continue
            labels = _heading_labels(name, lexicon) if fold_label(name) in body else []
            term = _term(lexicon, labels) if labels else None
            if term:
                found.append(Discovery(term, _sentence_evidence(passage, "discover-heading", 0.7)))
    return found


def _heading_labels(name: str, lexicon: Lexicon) -> list[tuple[str, str, str]]:
    if _LATIN_HEADING.match(name) and not (" " in name and name == name.lower()):
        return [(name, "en", "pref")]
    modified = _MODIFIED_HEADING.match(name)
    if modified and lexicon.key_for(modified["head"]):
        return [(name, "zh", "pref")]
    return []


def _inline_code(passage: Passage, parser: MarkdownIt) -> set[str]:
    tokens = parser.parseInline(passage.source)
    return {child.content.strip() for token in tokens for child in token.children or () if child.type == "code_inline"}


def _from_inline_code(passages: Sequence[Passage], lexicon: Lexicon) -> list[Discovery]:
    parser = MarkdownIt("commonmark")
    seen_in: dict[str, list[Passage]] = defaultdict(list)
    headings = {fold_label(name) for p in passages for h in p.heading_path for name in _heading_names(h)}
    for passage in passages:
        if passage.kind == "code" or "`" not in passage.source:
            continue
        for code in _inline_code(passage, parser):
            if _IDENTIFIER.match(code) and not lexicon.key_for(code) and code in passage.text:
                seen_in[code].append(passage)
    found = []
    for code, where in seen_in.items():
        if len({p.note_path + str(p.index) for p in where}) >= 2 or fold_label(code) in headings:
            start = where[0].text.index(code)
            found.append(Discovery(Term(concept_key(code), ((code, "en", "pref"),), (), "discovered"),
                                   _evidence(where[0], start, start + len(code), "discover-code", 0.6)))
    return found


def _from_misspellings(passages: Sequence[Passage], lexicon: Lexicon) -> list[Discovery]:
    english = {fold_label(text): term.key for term in lexicon.terms.values() for text, _lang, _k in term.labels
               if text.isascii() and len(fold_label(text)) >= 6}
    found, checked = [], set()
    for passage in passages:
        if passage.kind == "code":
            continue
        for match in _LATIN_WORD.finditer(passage.text):
            word = match.group()
            folded = fold_label(word)
            if folded in checked or lexicon.key_for(word):
                continue
            checked.add(folded)
            key = _near_label(folded, english)
            if key:
                term = Term(key, ((word, "en", "hidden"),), (), "discovered")
                found.append(Discovery(term, _evidence(passage, match.start(), match.end(), "discover-misspelling", 0.6)))
    return found


def _near_label(folded: str, english: Mapping[str, str]) -> str | None:
    """The concept whose English label is one edit from this word, unless the edit is at the very
    end: 'scheduled'/'scheduler', 'Flannel0'/'Flannel' are other words, not misspellings."""
    if folded.rstrip("0123456789") != folded:
        return None
    for label, key in english.items():
        if abs(len(label) - len(folded)) <= 1 and DamerauLevenshtein.distance(label, folded, score_cutoff=1) <= 1:
            if label[:-1] != folded[:-1] and label[:-1] != folded and label != folded[:-1]:
                return key
    return None


def _dedupe(found: list[Discovery]) -> list[Discovery]:
    """One Discovery per (key, label); the first evidence wins."""
    seen: set[tuple[str, str]] = set()
    out = []
    for discovery in found:
        labels = tuple(l for l in discovery.term.labels if (discovery.term.key, fold_label(l[0])) not in seen)
        if labels:
            seen.update((discovery.term.key, fold_label(l[0])) for l in labels)
            out.append(Discovery(Term(discovery.term.key, labels, discovery.term.types, "discovered"), discovery.evidence))
    return out


def _typed(discovery: Discovery, class_labels: Mapping[str, Iterable[str]]) -> Discovery:
    best, best_len = None, 0
    for text, _lang, _kind in discovery.term.labels:
        folded = fold_label(text)
        for cls, labels in class_labels.items():
            for label in labels:
                suffix = fold_label(label)
                if suffix and folded.endswith(suffix) and len(suffix) > best_len and folded != suffix:
                    best, best_len = cls, len(suffix)
    if best is None:
        return discovery
    term = discovery.term
    return Discovery(Term(term.key, term.labels, (best,), term.source), discovery.evidence)
