"""What a query text is, and whether this endpoint may run it — decided before anything is evaluated.

In: the query text of a request. Out: ``QueryInfo`` (the query form, its ``FROM``/``FROM NAMED``
graphs), or ``QueryNotAllowed`` for ``SERVICE`` anywhere, for SPARQL Update text and for brackets
nested deeper than ``MAX_NESTING`` (Oxigraph's parser recurses per level: about 5,000 levels
overflow its stack and take the query worker down).
Must not: evaluate anything or touch the store.

Why a tokenizer and not a parser. Oxigraph parses the query again when it evaluates it, and
pyoxigraph exposes no parsed algebra, so a parser here would be a second one just for the checks.
rdflib's (``parseQuery``) costs 3-5 ms a query — 30-50x the evaluation of a one-hop query — and is
not thread-safe on first use (RDFLib#1282). The checks only need to know which words are *keywords*:
that is lexical, not grammatical. SPARQL's terminals make it exact: strings (four quote styles, with
escapes), IRIs ``<…>``, comments, variables, prefixed names (``service:x``, ``ex:SERVICE``) and
language tags are recognised as tokens, so only a bare keyword ``SERVICE`` (any case, with SILENT,
a variable, nested in OPTIONAL, FILTER EXISTS or a sub-query) is refused, while the word inside a
string, an IRI or a comment is not. The checks err on the side of refusing: the SPARQL spec
unescapes ``\\uXXXX`` before parsing (Oxigraph does not), so a query containing such escapes is
checked both as written and unescaped.

Cost. Tokenizing in Python costs ~0.3 µs a token (~300 µs for a query with a dozen PREFIX lines),
more than evaluating a one-hop query, so the common case avoids it: IRIs are blanked and the text
searched for risky words with two C-speed regexes (~5 µs). Blanking IRIs cannot hide a keyword: an
IRI span holds no whitespace, braces or ``<``, and every risky keyword needs one of those next to it
in a valid query. Only a query in which a risky word remains (in a string or comment too) is
tokenized in full; the form is read by scanning the prologue token by token, by the full token
stream if that fails.

Linear in the input, whatever it is. These checks run in the web worker, outside the query time
limit, so no input may make them backtrack: no quantified group holds another quantifier that could
match the same text (a prologue regex of that shape took exponential time on 30 ``#``), the prologue
is scanned one anchored token at a time, and no token can fail after scanning far and then be tried
again from every later position — a string missing its closing quote runs to where it stops (such a
query is a syntax error to Oxigraph, so nothing in it is ever evaluated) and a prefixed name's
prefix is at most ``LONGEST_PREFIX`` characters (a longer one is read as words, which can only make
the checks refuse more).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple
from dataclasses import dataclass
from urllib.parse import urljoin

from kgraph.errors import QueryNotAllowed

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING"}
)
_RISKY = re.compile(r"\b(?:SERVICE|FROM|" + "|".join(sorted(UPDATE_KEYWORDS)) + r")\b|\\[uU]", re.I)
_IRI_SPAN = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
# One token of a prologue (IRIs blanked): whitespace, a comment, ``PREFIX name:``, ``BASE``, or the
# form keyword that ends it. Matched at one position at a time, never repeated as a group.
_NAME_END = r"(?![\w.\-·:])"  # a keyword, not the start of a longer name or a prefixed name
_PROLOGUE_TOKEN = re.compile(  # each token takes the whitespace after it, in fewer steps
    r"\s+|\#[^\n\r]*\s*|PREFIX" + _NAME_END + r"\s*(?:[^\W\d_][\w.\-·]*)?:\s*|BASE" + _NAME_END
    + r"\s*|(SELECT|ASK|CONSTRUCT|DESCRIBE)" + _NAME_END,
    re.I,
)
LONGEST_PREFIX = 128  # characters of a prefixed name's prefix the tokenizer reads as one
MAX_NESTING = 256  # brackets ({ ( [) open at once; real queries stay far below
_OPENING, _CLOSING = frozenset("({["), frozenset(")}]")

_PN_CHARS = r"[^\W_]|[\-_·\u0300-\u036f\u203f-\u2040]"
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
             |'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
             |"(?:[^"\\\n\r]|\\[^\n\r])*"?
             |'(?:[^'\\\n\r]|\\[^\n\r])*'?)
  | (?P<var>[?$](?:\w|·)+)
  | (?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
  | (?P<bnode>_:(?:\w|[.\-·])*)
  | (?P<pname>(?:[^\W\d_](?:\w|[.\-·]){0,%d})?:(?:\w|[.:%%\-·]|\\[^\s])*)
  | (?P<word>[^\W\d](?:\w)*)
  | (?P<other>.)
    """ % (LONGEST_PREFIX - 1),
    re.VERBOSE | re.DOTALL,
)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class Token(NamedTuple):
    """One token; a named tuple rather than a dataclass: a query has hundreds, made in ~0.3 µs each."""

    kind: str  # a group name of _TOKEN
    text: str
    offset: int


@dataclass(frozen=True)
class QueryInfo:
    """The facts about a query text the endpoint needs before evaluating it."""

    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE, or "" when the text has none (a syntax error)
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """``"results"`` for SELECT/ASK (solutions, a boolean), ``"graph"`` for CONSTRUCT/DESCRIBE."""
        return "graph" if self.form in ("CONSTRUCT", "DESCRIBE") else "results"


def inspect_query(text: str, prefixes: dict[str, str] | None = None) -> QueryInfo:
    """The form and dataset clauses of ``text``; ``QueryNotAllowed`` for SERVICE or update text.

    ``prefixes`` are the predeclared ones, used to resolve ``FROM kg:…`` style graph names.
    """
    _check_nesting(text)
    bare = _IRI_SPAN.sub(" ", text)
    form = _fast_form(bare) or _form(tokens(text))
    if not _RISKY.search(bare):
        return QueryInfo(form)
    _refuse(text)
    if _UNICODE_ESCAPE.search(text):
        _refuse(_UNICODE_ESCAPE.sub(_unescape, text))
    from_graphs, from_named = _dataset_clauses(list(tokens(text)), dict(prefixes or {}))
    return QueryInfo(form, from_graphs, from_named)


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of ``text`` (whitespace and comments dropped)."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("ws", "comment"):
            yield Token(kind, match.group(), match.start())


def _fast_form(bare: str) -> str:
    """The form keyword right after a prologue of PREFIX/BASE lines (IRIs blanked), else "".

    One anchored match per prologue token, each moving past what it matched: linear in ``bare``."""
    position = 0
    while match := _PROLOGUE_TOKEN.match(bare, position):
        if match.group(1):
            return match.group(1).upper()
        position = match.end()
    return ""


def _check_nesting(text: str) -> None:
    """``QueryNotAllowed`` if brackets outside strings, IRIs and comments nest too deep; a text with
    too few brackets to do so is not tokenized."""
    if sum(text.count(bracket) for bracket in _OPENING) <= MAX_NESTING:
        return
    depth = 0
    for token in tokens(text):
        if token.kind != "other":
            continue
        if token.text in _OPENING:
            depth += 1
            if depth > MAX_NESTING:
                raise _not_allowed(text, token, f"the query nests brackets more than {MAX_NESTING} deep")
        elif token.text in _CLOSING:
            depth -= 1


def _form(stream: Iterator[Token]) -> str:
    for token in stream:
        if token.kind == "word" and token.text.upper() in FORMS:
            return token.text.upper()
    return ""


def _refuse(text: str) -> None:
    for token in tokens(text):
        if token.kind != "word":
            continue
        word = token.text.upper()
        if word == "SERVICE":
            raise _not_allowed(text, token, "SERVICE (federated query) is not allowed on this endpoint")
        if word in UPDATE_KEYWORDS:
            raise _not_allowed(
                text, token, f"SPARQL Update ({word}) is not allowed: this endpoint is read-only"
            )


def _not_allowed(text: str, token: Token, message: str) -> QueryNotAllowed:
    line = text.count("\n", 0, token.offset) + 1
    column = token.offset - (text.rfind("\n", 0, token.offset) + 1) + 1
    return QueryNotAllowed(f"{message} (line {line}, column {column})", details={"line": line, "column": column})


def _dataset_clauses(stream: list[Token], prefixes: dict[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """IRIs named by ``FROM`` and ``FROM NAMED``, resolved against PREFIX/BASE declarations."""
    default: list[str] = []
    named: list[str] = []
    base = ""
    for i, token in enumerate(stream):
        word = token.text.upper() if token.kind == "word" else ""
        if word == "BASE" and i + 1 < len(stream):
            base = resolve_iri(stream[i + 1], prefixes, base) or base
        elif word == "PREFIX" and i + 2 < len(stream) and stream[i + 1].kind == "pname":
            prefixes[stream[i + 1].text[:-1]] = resolve_iri(stream[i + 2], prefixes, base) or ""
        elif word == "FROM" and i + 1 < len(stream):
            is_named = stream[i + 1].text.upper() == "NAMED"
            target = stream[i + 2] if is_named and i + 2 < len(stream) else stream[i + 1]
            iri = resolve_iri(target, prefixes, base)
            if iri is not None:
                (named if is_named else default).append(iri)
    return tuple(default), tuple(named)


def resolve_iri(token: Token, prefixes: dict[str, str], base: str) -> str | None:
    """The IRI an ``iri`` or ``pname`` token names (``None`` for other tokens or an unknown prefix)."""
    if token.kind == "iri":
        return urljoin(base, token.text[1:-1]) if base else token.text[1:-1]
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def _unescape(match: re.Match[str]) -> str:
    code = int(match.group(1) or match.group(2), 16)
    return chr(code) if code <= 0x10FFFF else "\ufffd"


def with_values(text: str, values: dict[str, str]) -> str:
    """``text`` with ``VALUES (?name …) { (term …) }`` opening its WHERE group.

    ``values`` maps variable names to terms already in SPARQL syntax (N-Triples, as pyoxigraph's
    ``str(term)`` writes them, so nothing can break out of a term). At the start of the group the
    values constrain the pattern as inline constants would, also under aggregates, which a trailing
    VALUES clause would not.
    """
    if not values:
        return text
    stream = list(tokens(text))
    position = _where_group(stream)
    if position is None:
        raise ValueError("cannot bind values: the query has no WHERE group")
    names = " ".join(f"?{name}" for name in values)
    clause = f" VALUES ({names}) {{ ({' '.join(values.values())}) }} "
    return text[: position + 1] + clause + text[position + 1:]


def _where_group(stream: list[Token]) -> int | None:
    """Offset of the ``{`` opening the WHERE group (skipping a CONSTRUCT template)."""
    start = next((i for i, t in enumerate(stream) if t.kind == "word" and t.text.upper() in FORMS), None)
    if start is None:
        return None
    skip_template = stream[start].text.upper() == "CONSTRUCT" and not (
        start + 1 < len(stream) and stream[start + 1].text.upper() == "WHERE"
    )
    depth = 0
    for token in stream[start + 1:]:
        if token.text == "{":
            if depth == 0 and not skip_template:
                return token.offset
            depth += 1
        elif token.text == "}":
            depth -= 1
            if depth == 0:
                skip_template = False
    return None
