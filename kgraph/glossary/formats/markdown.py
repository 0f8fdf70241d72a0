"""The glossary as one Markdown page (GitHub and MkDocs), and the MkDocs abbreviations file.

In: a ``Glossary`` and an optional ``--source-url`` template. Out: Markdown text with ``\\n`` line
ends. Must not: let text from the notes through unescaped (``text.escape_markdown``).

Each entry: an ``<a id="term-…">`` anchor (raw HTML: GitHub and MkDocs both keep it, and its id
never depends on the heading text), the heading "ReplicaSet（副本集）", each chosen definition as
a quote ending with its source reference (``workloads.md#L7-L7``, a link when a source URL
template is given), then abbreviations, aliases, types and related terms. Related terms link to
their anchor when they are entries of this glossary and are plain text otherwise, so every link on
the page resolves.

The abbreviations file follows the Material for MkDocs glossary convention (``abbr`` +
``pymdownx.snippets`` with ``auto_append``): one ``*[RS]: ReplicaSet（副本集）— definition`` line
per acronym, the first entry in glossary order winning when two concepts share one.
"""
from __future__ import annotations

from kgraph.glossary.model import Definition, Glossary, GlossaryEntry, Named, Related
from kgraph.glossary.text import Words, by_relation, escape_markdown, one_line, source_link, source_reference, words


def markdown_page(glossary: Glossary, source_url: str | None = None, fmt: str = "markdown") -> str:
    w = words(glossary.lang)
    lines = [f"# {w.title}", "", f"<!-- {w.generated} (kgraph glossary; format {fmt}, lang {glossary.lang}) -->", ""]
    for entry in glossary.entries:
        lines += _entry(entry, w, source_url)
    return "\n".join(lines).rstrip("\n") + "\n"


def _entry(entry: GlossaryEntry, w: Words, source_url: str | None) -> list[str]:
    lines = [f'<a id="{entry.anchor}"></a>', "", f"## {escape_markdown(entry.term)}", ""]
    for definition in entry.definitions:
        lines += [f"> {escape_markdown(definition.text)}", f"> — {_source(definition, source_url)}", ""]
    if not entry.definitions:
        lines += [f"*{w.undefined}*", ""]
    fields = _fields(entry, w)
    return lines + fields + ([""] if fields else [])


def _source(definition: Definition, template: str | None) -> str:
    reference = source_reference(definition.citation)
    url = source_link(definition.citation, template)
    return f"[{escape_markdown(reference)}]({url})" if url else f"`{reference}`"


def _fields(entry: GlossaryEntry, w: Words) -> list[str]:
    shown = {entry.label_en, entry.label_zh}
    abbreviations = [a for a in entry.abbreviations if a not in shown]
    aliases = [a for a in entry.aliases if a not in abbreviations]
    fields = [
        (w.abbreviations, ", ".join(escape_markdown(a) for a in abbreviations)),
        (w.aliases, ", ".join(escape_markdown(a) for a in aliases)),
        (w.types, ", ".join(escape_markdown(t.label) for t in entry.types)),
        (w.related, "; ".join(_relation(relation, group) for relation, group in by_relation(entry.related))),
    ]
    return [f"- **{name}{w.colon}** {value}" for name, value in fields if value]


def _relation(relation: Named, group: list[Related]) -> str:
    return f"{escape_markdown(relation.label)} " + ", ".join(_target(r) for r in group)


def _target(related: Related) -> str:
    term = escape_markdown(related.term)
    return f"[{term}](#{related.anchor})" if related.anchor else term


def abbreviations_file(glossary: Glossary) -> str:
    """``*[ABBR]: term — definition`` lines (plain text: Python-Markdown puts it in a title)."""
    lines: dict[str, str] = {}
    for entry in glossary.entries:
        gloss = entry.term + (f" — {one_line(entry.definition.text)}" if entry.definition else "")
        for abbreviation in entry.abbreviations:
            lines.setdefault(abbreviation, f"*[{abbreviation}]: {gloss}")
    return "".join(line + "\n" for line in lines.values())
