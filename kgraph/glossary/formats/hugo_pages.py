"""The glossary as kubernetes.io keeps it: one Hugo content file per term and language.

In: a ``Glossary``. Out: ``(relative path, text)`` pairs, ``\\n`` line ends, nothing that changes
between runs. Must not: write files (the CLI does) or decide which definition an entry has.

Layout: ``content/<lang>/docs/reference/glossary/<id>.md`` with ``<lang>`` ``en`` and ``zh-cn``
(kubernetes.io's folders): both for a ``both`` glossary, one for ``en`` or ``zh``. The glossary
folder's own ``index.md`` (kubernetes.io's leaf bundle, with its layout) is the site's, never
written here. Each file:

- front matter ``title`` (en: the English name; zh: "应用（Applications）"), ``id``, ``date`` (the
  front-matter date of the note that states the definition, left out when that note has none: a
  run date would change every run), ``full_link`` (the site path of that note, see ``site_path``;
  empty when it is a glossary page itself, as kubernetes.io leaves it empty), ``short_description``
  (the cited definition, in the page's language where the notes have one), ``aka`` (the aliases)
  and ``tags`` (the ontology types, kebab-case); then ``citation`` (note, lines, URL, verbatim
  quote) and ``generator``, fields Hugo ignores (``.Params.citation`` in a template);
- the short paragraph (the definition, Markdown-escaped), ``<!--more-->``, and the long text: the
  related terms, each a ``{{< glossary_tooltip >}}`` when it is a term of this glossary.

Ids are the entry's anchor without ``term-`` (``kgraph.glossary.order``): derived from the concept
key alone, so ``glossary_tooltip term_id="replicaset"`` keeps working across runs.
"""
from __future__ import annotations

from pathlib import PurePosixPath

import yaml

from kgraph.glossary.model import Definition, Glossary, GlossaryEntry
from kgraph.glossary.names import bilingual
from kgraph.glossary.order import ANCHOR_PREFIX
from kgraph.glossary.text import by_relation, escape_markdown, kebab, one_line

GENERATOR = "kgraph glossary --format hugo-pages"
LANG_FOLDERS = {"en": "en", "zh": "zh-cn"}
GLOSSARY_FOLDER = "docs/reference/glossary"
_RELATED = {"en": "Related terms", "zh": "相关术语"}
_COLON = {"en": ": ", "zh": "："}
_COMMA = {"en": ", ", "zh": "、"}


def page_langs(glossary_lang: str) -> tuple[str, ...]:
    return ("en", "zh") if glossary_lang == "both" else (glossary_lang,)


def glossary_dir(lang: str) -> str:
    """``content/zh-cn/docs/reference/glossary`` for ``zh``."""
    return f"content/{LANG_FOLDERS[lang]}/{GLOSSARY_FOLDER}"


def term_id(entry: GlossaryEntry) -> str:
    return entry.anchor.removeprefix(ANCHOR_PREFIX)


def hugo_pages(glossary: Glossary) -> tuple[tuple[str, str], ...]:
    """Every term page of the glossary, in path order."""
    entries = {entry.id: entry for entry in glossary.entries}
    pages = [(f"{glossary_dir(lang)}/{term_id(entry)}.md", term_page(entry, lang, entries))
             for lang in page_langs(glossary.lang) for entry in glossary.entries]
    return tuple(sorted(pages))


def term_page(entry: GlossaryEntry, lang: str, entries: dict[str, GlossaryEntry]) -> str:
    definition = definition_in(entry, lang)
    front = yaml.safe_dump(_front_matter(entry, lang, definition), allow_unicode=True, sort_keys=False,
                           width=10_000, default_flow_style=False)
    short = escape_markdown(definition.text) if definition else ""
    return "\n".join(["---", front.rstrip("\n"), "---", short, "", "<!--more-->", "", *_long_text(entry, lang, entries)]) + "\n"


def definition_in(entry: GlossaryEntry, lang: str) -> Definition | None:
    """The entry's definition in ``lang``, else its first one."""
    return next((d for d in entry.definitions if d.lang == lang), entry.definition)


def title_in(entry: GlossaryEntry, lang: str) -> str:
    if lang == "en":
        return entry.label_en or entry.label_zh or entry.id
    return bilingual(entry.label_en, entry.label_zh, "zh") or entry.id


def _front_matter(entry: GlossaryEntry, lang: str, definition: Definition | None) -> dict:
    front = {"title": title_in(entry, lang), "id": term_id(entry)}
    if definition and definition.date:
        front["date"] = definition.date
    front |= {
        "full_link": (site_path(definition.citation.source) if definition else None) or "",
        "short_description": one_line(definition.text) if definition else "",
        "aka": list(entry.aliases),
        "tags": [kebab(t.id) for t in entry.types],
    }
    if definition:
        c = definition.citation
        front["citation"] = {"source": c.source, "start_line": c.start_line, "end_line": c.end_line,
                             "url": c.url, "quote": c.quote}
    front["generator"] = GENERATOR
    return front


def _long_text(entry: GlossaryEntry, lang: str, entries: dict[str, GlossaryEntry]) -> list[str]:
    lines = []
    for relation, group in by_relation(entry.related):
        label = dict(relation.labels).get(lang) or relation.id
        targets = _COMMA[lang].join(_target(r.target, lang, entries) for r in group)
        lines.append(f"- {escape_markdown(label)}{_COLON[lang]}{targets}")
    return [f"{_RELATED[lang]}{_COLON[lang]}", "", *lines] if lines else []


def _target(key: str, lang: str, entries: dict[str, GlossaryEntry]) -> str:
    entry = entries.get(key)
    if entry is None:
        return escape_markdown(key)
    name = (entry.label_zh or entry.label_en) if lang == "zh" else (entry.label_en or entry.label_zh)
    return f'{{{{< glossary_tooltip text="{_attribute(name or key)}" term_id="{term_id(entry)}" >}}}}'


def _attribute(text: str) -> str:
    return one_line(text).replace('"', "'")


def site_path(note: str) -> str | None:
    """The page a Hugo site makes of a note: ``content/en/docs/concepts/x.md`` → ``/docs/concepts/x/``
    (``content/<lang>/`` dropped, ``_index``/``index`` name their folder), ``workloads.md`` →
    ``/workloads/``; ``None`` for a glossary page (its term's own page links nowhere else)."""
    parts = list(PurePosixPath(note).with_suffix("").parts)
    if len(parts) > 2 and parts[0] == "content":
        parts = parts[2:]
    if "/".join(parts[:-1]).endswith(GLOSSARY_FOLDER):
        return None
    if parts and parts[-1] in ("_index", "index"):
        parts = parts[:-1]
    return "/" + "".join(f"{p}/" for p in parts)
