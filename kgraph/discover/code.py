"""Inline code that names a term: ``emptyDir``, ``hostPath``.

In: passages, the lexicon so far, the ontology's class words and the discovery word list. Out:
``Discovery`` values (rule ``discover-code``). An identifier in inline code is a term only on
evidence that it names a thing: a class word of the ontology right before or after it in some
passage ("`emptyDir` 卷", "the `hostPath` volume"), or a heading that is its name. A field path
(``spec.internalTrafficPolicy``) is never one, nor an identifier the notes anywhere write next to
a field word ("the `spec` field", "`--config` 参数", "the `X` feature gate").
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from markdown_it import MarkdownIt

from kgraph.discover.common import Discovery, DiscoveryWords, evidence
from kgraph.discover.headings import heading_names
from kgraph.iri import concept_key
from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Passage, Term

_IDENTIFIER = re.compile(r"^(?:[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*|[a-z]{3,}|[A-Z][a-z]+[A-Z][A-Za-z0-9]*)$")
_NEAR = 12  # characters around the code looked at for a class or field word


def from_inline_code(passages: Sequence[Passage], lexicon: Lexicon, class_labels: Mapping[str, Iterable[str]],
                     words: DiscoveryWords) -> list[Discovery]:
    parser = MarkdownIt("commonmark")
    seen_in: dict[str, list[Passage]] = defaultdict(list)
    headings = {fold_label(name) for p in passages for h in p.heading_path for name in heading_names(h)}
    classes = {label.casefold() for labels in class_labels.values() for label in labels}
    fields = {w for lang in ("zh", "en") for w in words.words("field_words", lang)}
    named: set[str] = set()
    a_field: set[str] = set()
    for passage in passages:
        if passage.kind == "code" or "`" not in passage.source:
            continue
        for code in _inline_code(passage, parser):
            if not _IDENTIFIER.match(code) or lexicon.key_for(code) or code not in passage.text:
                continue
            seen_in[code].append(passage)
            if _next_to(passage.text, code, fields):
                a_field.add(code)
            elif _next_to(passage.text, code, classes):
                named.add(code)
    found = []
    for code, where in seen_in.items():
        if code not in a_field and (code in named or fold_label(code) in headings):
            start = where[0].text.index(code)
            found.append(Discovery(Term(concept_key(code), ((code, "en", "pref"),), (), "discovered"),
                                   evidence(where[0], start, start + len(code), "discover-code", 0.6)))
    return found


def _next_to(text: str, code: str, words: set[str]) -> bool:
    """Whether one of ``words`` (case-folded) stands right before or right after ``code`` in ``text``."""
    for match in re.finditer(re.escape(code), text):
        before = text[max(0, match.start() - _NEAR):match.start()].replace("`", "").rstrip().casefold()
        after = text[match.end():match.end() + _NEAR].replace("`", "").lstrip().casefold()
        if any(_starts_with(after, word) or _ends_with(before, word) for word in words if word):
            return True
    return False


def _starts_with(text: str, word: str) -> bool:
    if not text.startswith(word):
        return False
    rest = text[len(word):]
    return not (word.isascii() and rest[:1].isalpha()) or (rest[:1] == "s" and not rest[1:2].isalpha())


def _ends_with(text: str, word: str) -> bool:
    return text.endswith(word) and not (word.isascii() and text[:-len(word)][-1:].isalpha())


def _inline_code(passage: Passage, parser: MarkdownIt) -> set[str]:
    tokens = parser.parseInline(passage.source)
    return {child.content.strip() for token in tokens for child in token.children or () if child.type == "code_inline"}
