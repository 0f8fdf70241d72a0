"""The glossary as HTML: a fragment (for ``/glossary`` inside the site's layout) and a standalone page.

In: a ``Glossary``. Out: ``markupsafe.Markup`` (the fragment) or a complete document, ``\\n`` line
ends. Must not: let any text from the notes or the graph through unescaped: every string goes
through ``markupsafe.escape`` (notes hold raw HTML such as ``<font color='cyan'>``; the verbatim
quote is only ever an escaped ``title`` attribute, the definition is shown as escaped plain text).

Links are site-relative, as the kgraph service serves them: each term links to its concept page
``/id/<Key>``, each definition to its cited lines ``/notes/<path>#L<a>-L<b>``, each related term
to its entry's anchor (or, when it is no entry of this glossary, to its concept page).
"""
from __future__ import annotations

from markupsafe import Markup, escape

from kgraph.glossary.model import Definition, Glossary, GlossaryEntry, Named, Related
from kgraph.glossary.text import Words, by_relation, one_line, source_reference, words

STYLE = """body{font:16px/1.6 system-ui,sans-serif;margin:0 auto;max-width:50rem;padding:1rem}
.glossary-entry{border-top:1px solid #ddd;padding:.5rem 0}
.glossary-entry blockquote{margin:.5rem 0;padding-left:1rem;border-left:3px solid #ccc}
.glossary-entry dt{font-weight:bold}.glossary-entry dd{margin:0 0 .25rem 1rem}
.glossary .source{font-size:.875em;color:#555}"""


def html_fragment(glossary: Glossary) -> Markup:
    w = words(glossary.lang)
    parts = [Markup('<div class="glossary">')]
    parts += [_entry(entry, w) for entry in glossary.entries]
    parts.append(Markup("</div>"))
    return Markup("\n").join(parts)


def html_document(glossary: Glossary) -> str:
    w = words(glossary.lang)
    lang = "zh" if glossary.lang == "zh" else "en"
    head = [
        "<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="kgraph glossary">',
        f"<title>{escape(w.title)}</title>", f"<style>\n{STYLE}\n</style>", "</head>", "<body>", "<main>",
        f"<h1>{escape(w.title)}</h1>", f"<!-- {escape(w.generated)} -->",
    ]
    return "\n".join([*head, str(html_fragment(glossary)), "</main>", "</body>", "</html>"]) + "\n"


def _entry(entry: GlossaryEntry, w: Words) -> Markup:
    lines = [
        Markup('<article class="glossary-entry" id="{}">').format(entry.anchor),
        Markup('<h2><a href="{}">{}</a></h2>').format(entry.url, entry.term),
    ]
    lines += [_definition(d) for d in entry.definitions]
    if not entry.definitions:
        lines.append(Markup('<p class="undefined"><em>{}</em></p>').format(w.undefined))
    lines.append(_fields(entry, w))
    lines.append(Markup("</article>"))
    return Markup("\n").join(line for line in lines if line)


def _definition(definition: Definition) -> Markup:
    citation = definition.citation
    return Markup(
        '<blockquote class="definition" lang="{}"><p>{}</p>\n'
        '<footer class="source">— <a href="{}" title="{}">{}</a></footer></blockquote>'
    ).format(definition.lang, one_line(definition.text), citation.url, citation.quote, source_reference(citation))


def _fields(entry: GlossaryEntry, w: Words) -> Markup:
    shown = {entry.label_en, entry.label_zh}
    abbreviations = [a for a in entry.abbreviations if a not in shown]
    aliases = [a for a in entry.aliases if a not in abbreviations]
    rows = [
        (w.abbreviations, Markup(", ").join(escape(a) for a in abbreviations)),
        (w.aliases, Markup(", ").join(escape(a) for a in aliases)),
        (w.types, Markup(", ").join(escape(t.label) for t in entry.types)),
        (w.related, Markup("; ").join(_relation(relation, group) for relation, group in by_relation(entry.related))),
    ]
    items = [Markup("<dt>{}</dt><dd>{}</dd>").format(name, value) for name, value in rows if value]
    return Markup("<dl>{}</dl>").format(Markup("").join(items)) if items else Markup("")


def _relation(relation: Named, group: list[Related]) -> Markup:
    targets = Markup(", ").join(_target(r) for r in group)
    return Markup("{} {}").format(relation.label, targets)


def _target(related: Related) -> Markup:
    href = f"#{related.anchor}" if related.anchor else related.url
    return Markup('<a href="{}">{}</a>').format(href, related.term)

