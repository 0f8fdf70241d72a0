"""Markdown notes → passages that cite exact lines.

In: a ``Note`` (from ``kgraph.corpus``). Out: ``ParsedNote``: ``Passage`` values in document order
and ``Problem`` warnings. Must not: read files, find structure with regexes over the raw text —
structure comes from markdown-it-py tokens (CommonMark + tables + strikethrough, with the
mdit-py-plugins ``front_matter`` and ``deflist`` rules); ``Token.map`` lines count from the top of
the file, front matter included.

Passages: paragraph, list_item (each paragraph of an item; nested lists are items of their own),
table_row (one per body row, cells joined by `` | ``; header row left out), blockquote (each
paragraph in a quote), code (fenced or indented; the code lines only, without the fences; ``text``
is the code). Headings are not passages: they set ``heading_path``. Front matter is never a
passage. A passage whose text is empty (e.g. a paragraph that is only an image) is dropped.

Plain ``text``: inline markup dropped (emphasis, code backticks, strikethrough), links keep their
text, images are dropped (their alt text in these notes is a file name), inline HTML tags dropped
with their inner text kept, entities decoded, zero-width characters (U+200B/C/D, U+2060, U+FEFF,
soft hyphen) dropped, U+00A0/U+2007/U+202F made spaces (U+3000 kept: ``fold`` maps it), CJK
compatibility ideographs (e.g. U+FA38 器 in one note) made their unified form, soft and hard line
breaks ``\\n``. ``offsets[i]`` is where ``text[i]`` is in ``source`` (see ``inline.py``), so
``Passage.quote`` returns verbatim lines.

Quirks of the real notes, handled on purpose:

* ``###Ingress Controller:`` (no space, so a paragraph for CommonMark) is a level-3 heading;
  a line like it inside a paragraph splits the paragraph there (see ``headings.py``).
* Heading text loses a trailing ``:`` or ``：``; numbering such as "1.1" stays.
* A real heading whose text ends in 。 is a sentence marked up as a heading
  (``### 而后台支撑型服务……都有一个此类Pod运行。``): it becomes a ``paragraph`` passage and
  does not enter the heading path, so its fact is kept and the section stays the same.
* A paragraph line that is only a bold run (``**Pod：**``, ``**Node IP**``), at most 40 characters
  and not ending like a sentence, is a heading one level below the current real heading; the
  other lines of that paragraph become paragraphs with their own spans. This applies to any line
  of a top-level paragraph, not only the first: ``**二：pod和容器的区别**`` sits mid-paragraph.
* Hugo shortcodes ``{{< … >}}`` / ``{{% … %}}``: the tags are dropped from ``text``, text between
  a pair kept.
* YAML manifests in code fences are ``code`` passages.
* An unclosed code fence (it swallows the rest of the note) is reported as a warning.
"""
from __future__ import annotations

from kgraph.parse.note import ParsedNote, markdown, parse_note

__all__ = ["ParsedNote", "markdown", "parse_note"]
