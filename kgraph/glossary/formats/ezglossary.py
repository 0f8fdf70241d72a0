"""The glossary for MkDocs' ezglossary plugin: one page of ``section:term`` definition lists.

In: a ``Glossary`` and an optional ``--source-url`` template. Out: Markdown, ``\\n`` line ends.
Must not: let text from the notes through unescaped (``text.escape_markdown``).

The plugin (``mkdocs-ezglossary-plugin``) reads a definition list whose term is ``section:term``
(Python-Markdown's ``def_list``, which Material for MkDocs turns on as "definition lists") and
links ``<section:term>`` or ``<section:term|text>`` anywhere on the site to it, with the
definition as a tooltip (``tooltip: short|full``). Each entry here:

    glossary:ReplicaSet
    :   **ReplicaSet（副本集）**

        ReplicaSet（RS）是新一代的副本控制器…… — `workloads.md#L9-L9`

        - **Also known as:** Replica Set, RS
        - **Related:** manages <glossary:Pod|Pod（容器组）>

The section is ``SECTION`` (``glossary``). The term is the entry's name in the glossary's language
(``ez_term``), with the characters the plugin's term pattern refuses (``: < > " | / @``, and
``#``/``&`` first) made spaces; a name two entries share gets the second one's key in brackets, so
each term is defined once. Aliases are not terms of their own (the plugin gives one term per
definition); ``kgraph glossary --link-docs --style mkdocs`` links an alias's mention with
``<glossary:ReplicaSet|RS>``.
"""
from __future__ import annotations

import re

from kgraph.glossary.model import Definition, Glossary, GlossaryEntry, Related
from kgraph.glossary.text import Words, by_relation, escape_markdown, one_line, source_link, source_reference, words

SECTION = "glossary"
_REFUSED = re.compile(r'[:<>"|/@]')


def ezglossary_page(glossary: Glossary, source_url: str | None = None) -> str:
    w = words(glossary.lang)
    terms = ez_terms(glossary)
    # No ASCII colon in raw HTML: the plugin would read "<!-- a: b -->" as a link to a term.
    comment = f"{w.generated} (kgraph glossary, format mkdocs-ezglossary, lang {glossary.lang})".replace(":", " —")
    lines = [f"# {w.title}", "", f"<!-- {comment} -->", ""]
    for entry in glossary.entries:
        lines += _entry(entry, terms, w, source_url)
    return "\n".join(lines).rstrip("\n") + "\n"


def ez_terms(glossary: Glossary) -> dict[str, str]:
    """Concept key -> its ezglossary term, unique in the glossary (see the module docstring)."""
    taken: set[str] = set()
    result = {}
    for entry in glossary.entries:
        term = ez_term(entry, glossary.lang)
        if term.casefold() in taken:
            term = f"{term} ({ez_clean(entry.id)})"
        taken.add(term.casefold())
        result[entry.id] = term
    return result


def ez_term(entry: GlossaryEntry, lang: str) -> str:
    name = (entry.label_zh or entry.label_en) if lang == "zh" else (entry.label_en or entry.label_zh)
    return ez_clean(name or entry.id) or entry.anchor


def ez_clean(text: str) -> str:
    return one_line(_REFUSED.sub(" ", text)).lstrip("#&").strip()


def ez_link(term: str, text: str | None = None) -> str:
    """``<glossary:Pod>`` or ``<glossary:Pod|容器组>``: a link the plugin resolves."""
    shown = one_line(text or "").replace(">", "").replace("<", "")
    return f"<{SECTION}:{term}|{shown}>" if shown and shown != term else f"<{SECTION}:{term}>"


def _entry(entry: GlossaryEntry, terms: dict[str, str], w: Words, source_url: str | None) -> list[str]:
    body = []
    if entry.term != terms[entry.id]:
        body.append(f"**{escape_markdown(entry.term)}**")
    body += [_definition(d, source_url) for d in entry.definitions] or [f"*{w.undefined}*"]
    fields = _fields(entry, terms, w)
    if fields:
        body.append("\n".join(fields))
    lines = [f"{SECTION}:{terms[entry.id]}", ":   " + _indent(body[0])]
    for paragraph in body[1:]:
        lines += ["", "    " + _indent(paragraph)]
    return lines + [""]


def _indent(paragraph: str) -> str:
    return paragraph.replace("\n", "\n    ")


def _definition(definition: Definition, template: str | None) -> str:
    reference = source_reference(definition.citation)
    url = source_link(definition.citation, template)
    source = f"[{escape_markdown(reference)}]({url})" if url else f"`{reference}`"
    return f"{escape_markdown(definition.text)} — {source}"


def _fields(entry: GlossaryEntry, terms: dict[str, str], w: Words) -> list[str]:
    shown = {entry.label_en, entry.label_zh}
    fields = [
        (w.aliases, ", ".join(escape_markdown(a) for a in entry.aliases if a not in shown)),
        (w.types, ", ".join(escape_markdown(t.label) for t in entry.types)),
        (w.related, "; ".join(f"{escape_markdown(relation.label)} " + ", ".join(_target(r, terms) for r in group)
                              for relation, group in by_relation(entry.related))),
    ]
    return [f"- **{name}{w.colon}** {value}" for name, value in fields if value]


def _target(related: Related, terms: dict[str, str]) -> str:
    term = terms.get(related.target)
    return ez_link(term, related.term) if term and related.anchor else escape_markdown(related.term)
