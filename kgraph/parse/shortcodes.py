"""Hugo shortcodes as markdown-it tokens, and what a reader of the rendered page sees of each.

In: Markdown source (through the markdown-it inline rule ``shortcode_plugin`` adds) and the
shortcode table ``ontology/shortcodes.yaml``. Out: ``shortcode`` inline tokens whose ``meta`` is a
``Shortcode`` (name, closing or not, arguments), and ``ShortcodeTable.behaviour(name)``, which
says what text a shortcode shows and whether the text between its opening and closing tags is
kept. Must not: decide passages or sentences.

A shortcode is ``{{< name args >}}`` or ``{{% name args %}}``; a closing tag is ``{{< /name >}}``.
Arguments are Hugo's: ``key="value"``, ``key=value``, ``"positional"`` or a bare word. The rule
runs before every other inline rule, so ``{{<glossary_tooltip text="x">}}`` is never read as an
HTML tag, and inside inline code it is never reached (backticks win there).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from kgraph.errors import OntologyError

TOKEN = "shortcode"
_MAX_LENGTH = 2000  # a shortcode longer than this is not one (an unclosed "{{<" in prose)
_TAG = re.compile(r"\{\{([<%])\s*(/?)\s*([A-Za-z_][\w.\-]*)(.*?)\s*([%>])\}\}", re.DOTALL)
_ARG = re.compile(r'''([A-Za-z_][\w\-]*)\s*=\s*("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+)|("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`=]+)''')


@dataclass(frozen=True)
class Shortcode:
    """One shortcode tag as written."""

    name: str
    closing: bool
    named: tuple[tuple[str, str], ...] = ()  # key="value" arguments, in order
    positional: tuple[str, ...] = ()

    def arg(self, key: str) -> str | None:
        return next((value for k, value in self.named if k == key), None)


@dataclass(frozen=True)
class Behaviour:
    """What a shortcode shows: ``show`` is ``none``, ``term`` (a glossary tooltip: its ``text=``, else
    the term's title) or ``attr`` (the value of argument ``attr``); ``inner`` is ``keep`` or ``drop``
    (the text between the opening and the closing tag); ``known`` is False for a name the table
    lacks (shown as ``inner: keep``, and worth a warning)."""

    show: str = "none"
    attr: str | None = None
    inner: str = "keep"
    known: bool = True


@dataclass(frozen=True)
class ShortcodeTable:
    behaviours: dict[str, Behaviour] = field(default_factory=dict)

    def behaviour(self, name: str) -> Behaviour:
        return self.behaviours.get(name.lower(), Behaviour(known=False))


def load_shortcodes(path: Path) -> ShortcodeTable:
    """The table in ``path`` (see its header); ``OntologyError`` naming the file if it is malformed."""
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        behaviours = {}
        for name, entry in (spec.get("shortcodes") or {}).items():
            entry = entry or {}
            show = str(entry.get("show", "none"))
            attr = None
            if show.startswith("attr "):
                show, attr = "attr", show.split(None, 1)[1]
            behaviour = Behaviour(show, attr, str(entry.get("inner", "keep")))
            if behaviour.show not in ("none", "term", "attr") or behaviour.inner not in ("keep", "drop"):
                raise ValueError(f"shortcode {name}: show must be none|term|attr NAME, inner keep|drop")
            behaviours[str(name).lower()] = behaviour
    except (OSError, yaml.YAMLError, AttributeError, ValueError) as error:
        raise OntologyError(f"{path}: cannot read shortcodes: {error}") from error
    return ShortcodeTable(behaviours)


@lru_cache(maxsize=4)
def default_shortcodes(path: Path) -> ShortcodeTable:
    return load_shortcodes(path)


def parse_tag(raw: str) -> Shortcode | None:
    """The shortcode ``raw`` spells, or None when it is not one."""
    match = _TAG.fullmatch(raw)
    if not match or (match[1] == "<") != (match[5] == ">"):
        return None
    named, positional = [], []
    for arg in _ARG.finditer(match[4]):
        if arg[1]:
            named.append((arg[1], _unquote(arg[2])))
        else:
            positional.append(_unquote(arg[3]))
    return Shortcode(match[3], bool(match[2]), tuple(named), tuple(positional))


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in '"`':
        value = value[1:-1]
    return value.replace('\\"', '"')


def _shortcode_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("{{", pos) or pos + 2 >= state.posMax or src[pos + 2] not in "<%":
        return False
    closer = ">}}" if src[pos + 2] == "<" else "%}}"
    end = src.find(closer, pos + 3, min(state.posMax, pos + _MAX_LENGTH))
    if end < 0:
        return False
    raw = src[pos:end + 3]
    shortcode = parse_tag(raw)
    if shortcode is None:
        return False
    if not silent:
        token = state.push(TOKEN, "", 0)
        token.content = raw
        token.meta = {"shortcode": shortcode}
    state.pos = end + 3
    return True


def shortcode_plugin(md: MarkdownIt) -> None:
    """Read Hugo shortcodes as ``shortcode`` tokens (before any other inline rule)."""
    md.inline.ruler.before("text", TOKEN, _shortcode_rule)
