"""What reading one note needs to know beyond the note itself.

In: the shortcode table (the project's ``ontology/shortcodes.yaml`` unless given), the glossary terms of the corpus (term id -> title per language) and the
note's language. Out: ``Reading``, passed down the parser so that a glossary tooltip without
``text=`` shows the term's title, as Hugo would render it. Must not: read files.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kgraph import data
from kgraph.parse.shortcodes import ShortcodeTable, default_shortcodes


@dataclass(frozen=True)
class Reading:
    shortcodes: ShortcodeTable = field(default_factory=lambda: default_shortcodes(data.ontology_dir() / "shortcodes.yaml"))
    term_titles: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # term id -> lang -> title
    lang: str = "en"

    def term_title(self, term_id: str) -> str:
        """The title Hugo shows for ``term_id``: this language's, else any, else the id itself."""
        titles = self.term_titles.get(term_id) or {}
        return titles.get(self.lang) or next(iter(sorted(titles.items())), ("", ""))[1] or term_id.replace("-", " ")
