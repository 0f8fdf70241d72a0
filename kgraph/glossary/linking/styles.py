"""How each docs stack writes a link to a glossary term, and how such a link is recognised.

In: a ``Glossary`` and a style name (``STYLES``). Out: a ``LinkStyle``: ``target(key)`` (what the
site's link names: a Hugo ``term_id``, an ezglossary term, a Sphinx term), ``link(key, text,
in_table)`` (the markup that replaces a mention) and ``key_of(target)`` (the entry an existing
link points to). Must not: parse Markdown (``page`` does) or read files.

| style | a link | the glossary it needs |
|---|---|---|
| ``hugo`` | ``{{< glossary_tooltip text="Pods" term_id="pod" >}}`` (kubernetes.io's tooltip) | ``--format hugo-pages`` |
| ``mkdocs`` | ``<glossary:Pod|Pods>``; in a table cell only ``<glossary:Pod>`` | ``--format mkdocs-ezglossary`` |
| ``sphinx`` | ``{term}`Pods <Pod>``` (MyST Markdown's term role) | ``--format sphinx`` |

Targets come from the same functions the formats use, so a link written here resolves against
the glossary file written with the same ``--lang`` and ``--include-undefined``. In a table cell
the ``|`` of ezglossary's ``<glossary:Pod|Pods>`` would split the cell (and the plugin misreads
the escaped ``\\|``), so there a mention is linked only when it is written as the term itself;
``link`` returns None for the others and the next mention gets its chance.
"""
from __future__ import annotations

from dataclasses import dataclass

from kgraph.errors import BadRequest
from kgraph.glossary.formats.ezglossary import ez_link, ez_terms
from kgraph.glossary.formats.hugo_pages import term_id
from kgraph.glossary.formats.sphinx import term_lines
from kgraph.glossary.model import Glossary

STYLES = ("hugo", "mkdocs", "sphinx")


@dataclass(frozen=True)
class LinkStyle:
    name: str
    targets: dict[str, str]  # concept key -> link target
    keys: dict[str, str]  # folded link target (every name Sphinx knows a term by) -> concept key

    def target(self, key: str) -> str:
        return self.targets[key]

    def key_of(self, target: str) -> str | None:
        return self.keys.get(target.strip().casefold())

    def link(self, key: str, text: str, in_table: bool = False) -> str | None:
        target = self.targets[key]
        if self.name == "hugo":
            return f'{{{{< glossary_tooltip text="{text.replace(chr(34), chr(39))}" term_id="{target}" >}}}}'
        if self.name == "mkdocs":
            return None if in_table and text != target else ez_link(target, text)
        return f"{{term}}`{text}`" if text == target else f"{{term}}`{text} <{target}>`"


def link_style(glossary: Glossary, name: str) -> LinkStyle:
    if name == "hugo":
        targets = {entry.id: term_id(entry) for entry in glossary.entries}
        return LinkStyle(name, targets, {t.casefold(): k for k, t in targets.items()})
    if name == "mkdocs":
        targets = ez_terms(glossary)
        return LinkStyle(name, targets, {t.casefold(): k for k, t in targets.items()})
    if name == "sphinx":
        lines = term_lines(glossary)
        targets = {key: names[0] for key, names in lines.items() if names}
        return LinkStyle(name, targets, {n.casefold(): k for k, names in lines.items() for n in names})
    raise BadRequest(f"unknown link style {name!r}; use one of {', '.join(STYLES)}")
