"""Terms the site's structure names: glossary pages, glossary links, and a page's translated title.

In: the corpus's ``GlossaryPage`` values, its passages (their glossary links), its notes, the
lexicon so far and the discovery word list. Out: ``Discovery`` values and ``term_keys`` (glossary
term id -> concept key), which lets the extractor read every glossary link as a mention.

- ``discover-glossary``: a glossary page names its term: the title in the page's language (a
  glossed title ``污点（Taint）`` gives both names) and every ``aka`` alias. The zh-cn and en pages
  of one term id are one concept. Its key is the concept the lexicon already knows by any of these
  names or by the term id, else one made from the English name. Its type comes from the page's
  tags (``glossary_tags``) when the lexicon gives none.
- ``discover-link``: a glossary link (``glossary_tooltip``) to a term id without a page here
  names that term with the words it shows, when they are a name: they contain Chinese, a capital,
  or are the term id's own words ("resource" linked to api-resource is not a name of it). Words
  two term ids share are nobody's label.
- ``discover-title``: a page whose English and Chinese titles are each one short name ("Resource
  Quotas" / "资源配额"), the English one used in its own page's text, names one concept in both
  languages.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from kgraph.discover.common import Discovery, DiscoveryWords, camel, evidence, first_sentence_evidence, lang_of, make_term
from kgraph.iri import concept_key
from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Note, Passage, Term
from kgraph.structure import GlossaryPage, title_names, translations

_SHORT_TITLE = re.compile(r"^[A-Za-z][A-Za-z0-9\-]*(?: [A-Za-z][A-Za-z0-9\-]*){0,3}$")
_ZH_TITLE = re.compile(r"^[A-Za-z0-9\- ]{0,20}[\u4e00-\u9fff]{2,8}$|^[\u4e00-\u9fff]{2,8}[A-Za-z0-9\- ]{0,20}$")
_NOT_A_NAME_ZH = re.compile(r"[和与及、，的]")


def from_glossary_pages(pages: Sequence[GlossaryPage], lexicon: Lexicon, words: DiscoveryWords) -> tuple[list[Discovery], dict[str, str]]:
    by_id: dict[str, list[GlossaryPage]] = defaultdict(list)
    for page in pages:
        by_id[page.term_id].append(page)
    found, keys = [], {}
    for term_id, group in sorted(by_id.items()):
        group.sort(key=lambda p: p.lang != "en")
        labels = [label for page in group for label in _page_labels(page)]
        key = _key(lexicon, labels, term_id)
        types = () if key in lexicon.terms and lexicon.terms[key].types else _tag_type(group[0].tags, words)
        keys[term_id] = key
        first = group[0]
        found.append(Discovery(Term(key, tuple(labels), types, "discovered"),
                               first_sentence_evidence(first.summary[0], "discover-glossary", 0.95)))
    return found, keys


def _page_labels(page: GlossaryPage) -> list[tuple[str, str, str]]:
    names = [(name, lang_of(name), "pref") for name in page.names]
    return names + [(alias, lang_of(alias), "alt") for alias in page.aka]


def _key(lexicon: Lexicon, labels: list[tuple[str, str, str]], term_id: str) -> str:
    for text, _lang, _kind in labels:
        key = lexicon.key_for(text)
        if key:
            return key
    key = lexicon.key_for(term_id) or lexicon.key_for(term_id.replace("-", " "))
    if key:
        return key
    english = next((text for text, lang, _k in labels if lang == "en"), None)
    if english and any(ch.isupper() for ch in english):
        return concept_key(camel(english))
    return concept_key(_id_name(term_id))  # "toleration" -> Toleration, "api-group" -> ApiGroup


def _id_name(term_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_\s]+", term_id) if part)


def _tag_type(tags: Iterable[str], words: DiscoveryWords) -> tuple[str, ...]:
    have = set(tags)
    for row in words.spec.get("glossary_tags") or ():
        if set(row.get("tags") or ()) <= have:
            return (str(row["class"]),)
    return ()


def from_links(passages: Sequence[Passage], lexicon: Lexicon, known: Mapping[str, str]) -> tuple[list[Discovery], dict[str, str]]:
    """Terms for glossary links whose term has no page in the corpus (``known`` has those that do)."""
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, tuple[Passage, int, int]] = {}
    for passage in passages:
        for link in passage.links:
            if link.term_id not in known:
                shown[link.term_id][passage.text[link.start:link.end].strip()] += 1
                first.setdefault(link.term_id, (passage, link.start, link.end))
    owners = Counter(name for texts in shown.values()
                     for name in {fold_label(n) for text in texts for n in title_names(text)})
    found, keys = [], {}
    for term_id, texts in sorted(shown.items()):
        names = _link_names(term_id, texts, owners)
        key = _key(lexicon, names, term_id)
        keys[term_id] = key
        if names:
            passage, start, end = first[term_id]
            found.append(Discovery(Term(key, tuple(names), (), "discovered"), evidence(passage, start, end, "discover-link", 0.85)))
    return found, keys


def _link_names(term_id: str, texts: Counter[str], owners: Counter[str]) -> list[tuple[str, str, str]]:
    """The names a term's links show, most used first; plural forms folded into their singular."""
    id_words = fold_label(term_id.replace("-", " "))
    names: dict[str, tuple[str, str, str]] = {}
    for text, _count in texts.most_common():
        for name in title_names(text):
            folded = fold_label(name)
            singular = folded[:-1] if folded.endswith("s") and folded[:-1] in (id_words, *names) else folded
            if owners[folded] > 1 or singular in names or not _is_name(name, folded, id_words):
                continue
            lang = lang_of(name)
            kind = "alt" if any(l == lang for _t, l, _k in names.values()) else "pref"
            names[singular] = (name if singular == folded else name[:-1], lang, kind)
    return list(names.values())


def _is_name(name: str, folded: str, id_words: str) -> bool:
    return lang_of(name) == "zh" or any(ch.isupper() for ch in name) or folded.rstrip("s") == id_words.rstrip("s")


def from_titles(notes: Sequence[Note], passages: Sequence[Passage], lexicon: Lexicon) -> list[Discovery]:
    """One concept for a page whose English and Chinese titles are each one short name."""
    first: dict[str, Passage] = {}
    text: dict[str, list[str]] = defaultdict(list)
    for passage in passages:
        first.setdefault(passage.note_path, passage)
        text[passage.note_path].append(passage.text)
    found, pairs = [], translations(notes)
    for note in notes:
        if note.lang != "en" or note.term_id or not _SHORT_TITLE.match(note.title):
            continue
        for other in pairs[note.path]:
            zh = other.title.strip()
            if other.lang != "zh" or not _ZH_TITLE.match(zh) or _NOT_A_NAME_ZH.search(zh) or other.path not in first:
                continue
            english = _singular(note.title.strip(), " ".join(text[note.path]))
            if english and fold_label(zh) in fold_label(" ".join(text[other.path])):
                term = make_term(lexicon, [(english, "en", "pref"), (zh, "zh", "pref")])
                if term:
                    found.append(Discovery(term, first_sentence_evidence(first[other.path], "discover-title", 0.8)))
    return found


def _singular(title: str, body: str) -> str | None:
    """The title as its page's text uses it (at least twice, as whole words), in the singular when
    the page has it ("Resource Quotas" -> "Resource Quota", "Policies" -> "Policy")."""
    for form in (*_singulars(title), title):
        if len(re.findall(rf"(?<![A-Za-z]){re.escape(form)}(?![A-Za-z])", body, re.IGNORECASE)) >= 2:
            return form
    return None


def _singulars(title: str) -> tuple[str, ...]:
    if title.endswith("ies"):
        return (title[:-3] + "y",)
    if title.endswith(("ses", "xes", "ches", "shes")):
        return (title[:-2],)
    if title.endswith("s") and not title.endswith("ss"):
        return (title[:-1],)
    return ()
