"""The glossary as a Sphinx page: one reStructuredText ``.. glossary::`` directive.

In: a ``Glossary`` and an optional ``--source-url`` template. Out: reStructuredText, ``\\n`` line
ends. Must not: let text from the notes act as markup (``escape_rst``).

Each entry is a group of term lines — the name in the glossary's language, the other language's
name, then the aliases — so ``:term:`RS``` and ``:term:`副本集``` both reach ReplicaSet, followed by
its definitions (each ending in its source reference: a link with ``--source-url``, else literal
text), its types and its related terms (``:term:`` links when they are entries, plain text
otherwise). Sphinx matches terms case-insensitively and warns on a duplicate term, which
``sphinx-build -W`` makes fatal, so a term line is written once: the first entry in glossary
order keeps a name two concepts share.

Order: the directive has no ``:sorted:`` option (Sphinx would sort by code point, Chinese after
every Latin name in no useful order). The entries come pre-sorted in the glossary's order
(``kgraph.glossary.order``: by English name, a Chinese-only name by its pinyin among them).
"""
from __future__ import annotations

import re
import unicodedata

from kgraph.glossary.model import Definition, Glossary, GlossaryEntry, Related
from kgraph.glossary.text import Words, by_relation, one_line, source_link, source_reference, words

INDENT = "   "
_RST_SPECIAL = re.compile(r"([\\`*_|\[\]<>:])")
_BLOCK_START = re.compile(r"^([-+#=.~^\"'!$%&(),/;?@{}0-9])")


def sphinx_page(glossary: Glossary, source_url: str | None = None) -> str:
    w = words(glossary.lang)
    terms = term_lines(glossary)
    lines = [f".. {w.generated} (kgraph glossary; format sphinx, lang {glossary.lang})", "",
             w.title, "=" * _width(w.title), "", ".. glossary::", ""]
    for entry in glossary.entries:
        lines += _entry(entry, terms, w, source_url)
    return "\n".join(lines).rstrip("\n") + "\n"


def term_lines(glossary: Glossary) -> dict[str, tuple[str, ...]]:
    """Concept key -> its term lines (names first), each name once in the whole glossary."""
    taken: set[str] = set()
    result = {}
    for entry in glossary.entries:
        first, second = (entry.label_zh, entry.label_en) if glossary.lang == "zh" else (entry.label_en, entry.label_zh)
        names = [n for n in dict.fromkeys([first, second, *entry.aliases, entry.id]) if n and one_line(n)]
        mine = []
        for name in names:
            if _fold(name) not in taken:
                taken.add(_fold(name))
                mine.append(one_line(name))
        result[entry.id] = tuple(mine)
    return result


def _entry(entry: GlossaryEntry, terms: dict[str, tuple[str, ...]], w: Words, source_url: str | None) -> list[str]:
    names = terms[entry.id]
    if not names:  # every name belongs to an earlier entry: nothing to reference it by
        return []
    lines = [INDENT + escape_rst(name) for name in names]
    body = [_definition(d, source_url) for d in entry.definitions] or [f"*{escape_rst(w.undefined)}*"]
    if entry.types:
        body.append(f"{w.types}{w.colon} " + ", ".join(escape_rst(t.label) for t in entry.types))
    related = "; ".join(f"{escape_rst(relation.label)} " + ", ".join(_target(r, terms) for r in group)
                        for relation, group in by_relation(entry.related))
    if related:
        body.append(f"{w.related}{w.colon} {related}")
    for paragraph in body:
        lines += [INDENT * 2 + paragraph, ""]
    return lines


def _definition(definition: Definition, template: str | None) -> str:
    reference = source_reference(definition.citation)
    url = source_link(definition.citation, template)
    source = f"`{escape_rst(reference)} <{url}>`__" if url else f"``{reference}``"
    return f"{escape_rst(definition.text)} — {source}"


def _target(related: Related, terms: dict[str, tuple[str, ...]]) -> str:
    names = terms.get(related.target)
    if related.anchor is None or not names:
        return escape_rst(related.term)
    return f":term:`{_role_text(related.term)} <{_role_text(names[0])}>`"


def escape_rst(text: str) -> str:
    """Plain text that reStructuredText shows as is: markup characters backslash-escaped, and a
    first character that could open a list, a section or a directive escaped too."""
    escaped = _RST_SPECIAL.sub(r"\\\1", one_line(text))
    return _BLOCK_START.sub(r"\\\1", escaped, count=1)


def _role_text(text: str) -> str:
    """Text inside a role's backquotes: only ``<``, ``>`` and backquotes need escaping there."""
    return re.sub(r"([\\`<>])", r"\\\1", one_line(text))


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKC", one_line(name)).casefold()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
