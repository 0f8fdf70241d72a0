"""Which protocol queries are provably cheap, so the web worker may evaluate them itself.

In: a query text that passed ``safety``, the prefixes it may use undeclared, and the store's
``Fanout`` (for each predicate, the most objects one subject has and the most subjects one object
has, over every graph). Out: ``row_bound`` — an upper bound on the solutions Oxigraph produces on
the way to the query's answer, or ``None`` when the query is not of a shape this module can bound.
``SparqlEngine`` evaluates a query in-process when its bound is at most ``IN_PROCESS_ROWS``
(milliseconds of work), skipping the query worker's round trip; every other query goes to the
killable query workers with the time limit. Must not: evaluate anything.

The shapes bounded (anything else is ``None``, which is always safe):
- ``SELECT`` or ``ASK``, optional ``FROM`` clauses, then one group of triple patterns, with
  ``OPTIONAL`` groups of the same kind, ``FILTER`` and ``BIND`` whose expressions hold no group
  (so no ``EXISTS``), and any solution modifiers (``GROUP BY``, aggregates, ``ORDER BY``,
  ``LIMIT``...) but no ``VALUES``: those work on the bounded solutions;
- at most ``MAX_PATTERNS`` triple patterns; no ``UNION``, ``MINUS``, ``GRAPH``, sub-queries,
  blank-node brackets or collections;
- predicates that are IRIs, ``a``, or property paths of them built with ``/``, ``|`` and ``^``
  (no ``*``, ``+``, ``?`` or ``!``), or a variable used nowhere else in the pattern;
- every set of patterns joined through their subjects and objects holds a constant subject or
  object (an anchor), so no pattern is ever scanned whole.

Why the bound holds. Oxigraph (``sparopt``) orders the patterns of a group by how many of their
terms are bound, always starting from a pattern with a constant, then joins only patterns that share
a variable with what it has, by index lookup from the bound term (a for-loop join; measured: a
third pattern with two unbound variables added 130 µs at 100k triples, not a scan of them). So
each pattern multiplies the rows by at most its fan-out from whichever end is bound first: from a
constant subject the most objects a subject has for the predicate, from a constant object the most
subjects, from a variable the larger of the two (either end may be bound first). A sequence path
multiplies its steps' fan-outs, an alternative adds them, ``^`` swaps the ends. The product of
these over all patterns (each at least 1, so a pattern matching nothing still counts its lookups)
bounds the rows, also for sets of patterns joined as a cross product.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin

from kgraph.sparql.safety import Token, resolve_iri, tokens

IN_PROCESS_ROWS = 10_000  # a bound at most this evaluates in the web worker (~1 µs a row)
MAX_PATTERNS = 12
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_MODIFIER_WORDS = frozenset({"VALUES"})  # after the group; the rest of the modifiers are harmless
_IRI = r"<([^<>\"{}|^`\\\x00-\x20]*)>"
_PROLOGUE_STEP = re.compile(
    r"\s+|\#[^\n\r]*|PREFIX\s*([^\W\d_][\w.\-·]*)?:\s*" + _IRI + r"\s*|BASE\s*" + _IRI + r"\s*", re.IGNORECASE
)


@dataclass(frozen=True)
class Fanout:
    """The store's largest fan-outs, per predicate and over all predicates."""

    out: Mapping[str, int] = field(default_factory=dict)  # predicate -> most objects of one subject
    into: Mapping[str, int] = field(default_factory=dict)  # predicate -> most subjects of one object
    any_out: int = 0  # most triples one subject has
    any_into: int = 0  # most triples one object has


class _Unbounded(Exception):
    """The query is not of a shape this module bounds."""


def row_bound(text: str, fanout: Fanout, prefixes: Mapping[str, str]) -> int | None:
    """An upper bound on the rows evaluating ``text`` produces, or ``None`` if it cannot be bounded."""
    prefixes, base, start = _prologue(text, dict(prefixes))
    try:
        return _Query(list(_split_dots(tokens(text[start:]))), fanout, prefixes, base).bound()
    except (_Unbounded, RecursionError):  # paths and OPTIONALs nest; ``safety`` caps it at 256 first
        return None


def _prologue(text: str, prefixes: dict[str, str]) -> tuple[dict[str, str], str, int]:
    """The prefixes and base the prologue declares, and where it ends, read one anchored step at a
    time (linear; ~10x faster than tokenizing a dozen PREFIX lines); ``_Query`` reads any rest."""
    position, base = 0, ""
    while match := _PROLOGUE_STEP.match(text, position):
        name, iri, base_iri = match.groups()
        if iri is not None:
            prefixes[name or ""] = urljoin(base, iri) if base else iri
        elif base_iri is not None:
            base = urljoin(base, base_iri) if base else base_iri
        position = match.end()
    return prefixes, base, position


def is_in_process(bound: int | None) -> bool:
    return bound is not None and bound <= IN_PROCESS_ROWS


@dataclass
class _Pattern:
    ends: tuple[str | None, str | None]  # subject and object variable names (None: a constant)
    forward: int  # fan-out from the subject
    backward: int  # fan-out from the object
    predicate_variable: str | None = None

    @property
    def anchored(self) -> bool:
        return None in self.ends

    def from_anchor(self) -> int:
        """Rows it yields as the first pattern evaluated: from its constant end(s)."""
        subject, obj = self.ends
        if subject is None and obj is None:
            return max(1, min(self.forward, self.backward))
        return max(1, self.forward if subject is None else self.backward)

    def joined(self, shared: set[str]) -> int:
        """Rows it yields per row it joins: from whichever of its ``shared`` variables is bound first."""
        subject, obj = self.ends
        fans = [fan for end, fan in ((subject, self.forward), (obj, self.backward)) if end in shared]
        return max([1, *fans])


class _Query:
    """A one-pass reader of the bounded shapes over ``safety``'s tokens."""

    def __init__(self, stream: list[Token], fanout: Fanout, prefixes: dict[str, str], base: str) -> None:
        self.stream, self.at = stream, 0
        self.fanout, self.prefixes, self.base = fanout, prefixes, base
        self.patterns: list[_Pattern] = []

    def bound(self) -> int:
        self._prologue()
        if self._word() not in ("SELECT", "ASK"):
            raise _Unbounded
        self._until_group()
        self._group()
        self._modifiers()
        if len(self.patterns) > MAX_PATTERNS:
            raise _Unbounded
        return math.prod(self._component_bound(component) for component in self._components())

    # --- tokens --------------------------------------------------------------------------------

    def _peek(self) -> Token | None:
        return self.stream[self.at] if self.at < len(self.stream) else None

    def _next(self) -> Token:
        token = self._peek()
        if token is None:
            raise _Unbounded
        self.at += 1
        return token

    def _word(self) -> str:
        token = self._next()
        return token.text.upper() if token.kind == "word" else ""

    def _is(self, text: str) -> bool:
        token = self._peek()
        return token is not None and token.kind in ("other", "word") and token.text.upper() == text

    # --- structure -----------------------------------------------------------------------------

    def _prologue(self) -> None:
        while self._is("PREFIX") or self._is("BASE"):
            if self._word() == "BASE":
                self.base = self._iri(self._next())
                continue
            name = self._next()
            if name.kind != "pname" or not name.text.endswith(":"):
                raise _Unbounded
            self.prefixes[name.text[:-1]] = self._iri(self._next())

    def _until_group(self) -> None:
        """Past the projection and dataset clauses, up to the group's ``{``."""
        while not self._is("{"):
            token = self._next()
            if token.text in ("}", "["):
                raise _Unbounded

    def _group(self) -> None:
        if self._next().text != "{":
            raise _Unbounded
        while not self._is("}"):
            if self._is("."):
                self._next()
            elif self._is("OPTIONAL"):
                self._next()
                self._group()
            elif self._is("FILTER") or self._is("BIND"):
                self._next()
                self._expression()
            else:
                self._triples()
        self._next()

    def _expression(self) -> None:
        """A constraint or ``BIND``: a bracketed expression, or a function call, holding no group."""
        if not self._is("("):
            head = self._next()
            if head.kind not in ("word", "pname", "iri") or not self._is("("):
                raise _Unbounded
        depth = 0
        while True:
            text = self._next().text
            if text in ("{", "}"):
                raise _Unbounded
            depth += (text == "(") - (text == ")")
            if depth == 0:
                return

    def _modifiers(self) -> None:
        for token in self.stream[self.at:]:
            if token.text in ("{", "}") or (token.kind == "word" and token.text.upper() in _MODIFIER_WORDS):
                raise _Unbounded

    # --- triple patterns -----------------------------------------------------------------------

    def _triples(self) -> None:
        subject = self._term(self._next())
        while True:
            predicate = self._next()
            if predicate.kind == "var":
                forward, backward, variable = self.fanout.any_out, self.fanout.any_into, predicate.text[1:]
            else:
                (forward, backward), variable = self._path(predicate), None
            while True:
                obj = self._term(self._next())
                self.patterns.append(_Pattern((subject, obj), forward, backward, variable))
                if not self._is(","):
                    break
                self._next()
            if not self._is(";"):
                return
            self._next()
            if self._is(".") or self._is("}"):
                return

    def _term(self, token: Token) -> str | None:
        """A subject or object: its variable name, or ``None`` for a constant."""
        if token.kind == "var":
            return token.text[1:]  # ?x and $x are one variable
        if token.kind == "bnode":
            return token.text  # a blank node in a pattern joins like a variable, not with one
        if token.kind in ("iri", "pname") or (token.kind == "word" and token.text.lower() in ("true", "false")):
            return None
        if token.kind == "string":
            self._literal_suffix()
            return None
        if token.kind == "other" and token.text.isdigit():
            self._number_rest(token)
            return None
        raise _Unbounded

    def _literal_suffix(self) -> None:
        following = self._peek()
        if following is not None and following.kind == "lang":
            self._next()
        elif self._is("^"):
            self._next()
            if self._next().text != "^" or self._next().kind not in ("iri", "pname"):
                raise _Unbounded

    def _number_rest(self, first: Token) -> None:
        """Past an unsigned integer or decimal (its digits are one ``other`` token each); anything
        else glued to it (an exponent) is not read."""
        end = self._digits(first.offset + 1)
        dot, digit = self._peek(), self.stream[self.at + 1] if self.at + 1 < len(self.stream) else None
        if dot and digit and dot.text == "." and dot.offset == end and digit.offset == end + 1 and digit.text.isdigit():
            self.at += 1
            end = self._digits(end + 1)
        if (glued := self._peek()) is not None and glued.offset == end and glued.kind in ("word", "other") \
                and glued.text not in (".", ",", ";", "}", ")"):
            raise _Unbounded

    def _digits(self, end: int) -> int:
        while (token := self._peek()) is not None and token.offset == end and token.text.isdigit():
            self._next()
            end += 1
        return end

    def _path(self, first: Token) -> tuple[int, int]:
        """(forward, backward) fan-out of a path: alternatives of sequences of (inverse) IRIs."""
        forward, backward = self._sequence(first)
        while self._is("|"):
            self._next()
            more = self._sequence(self._next())
            forward, backward = forward + more[0], backward + more[1]
        return forward, backward

    def _sequence(self, first: Token) -> tuple[int, int]:
        forward, backward = self._step(first)
        while self._is("/"):
            self._next()
            more = self._step(self._next())
            forward, backward = forward * more[0], backward * more[1]
        return forward, backward

    def _step(self, token: Token) -> tuple[int, int]:
        inverse = token.text == "^"
        if inverse:
            token = self._next()
        if token.text == "(":
            fans = self._path(self._next())
            if self._next().text != ")":
                raise _Unbounded
        elif token.kind == "word" and token.text == "a":
            fans = self._fans(RDF_TYPE)
        elif token.kind in ("iri", "pname"):
            fans = self._fans(self._iri(token))
        else:
            raise _Unbounded
        following = self._peek()
        if following is not None and following.kind == "other" and following.text in "*+?{":
            raise _Unbounded
        return (fans[1], fans[0]) if inverse else fans

    def _fans(self, predicate: str) -> tuple[int, int]:
        return self.fanout.out.get(predicate, 0), self.fanout.into.get(predicate, 0)

    def _iri(self, token: Token) -> str:
        iri = resolve_iri(token, self.prefixes, self.base)
        if iri is None:
            raise _Unbounded
        return iri

    # --- the anchors ---------------------------------------------------------------------------

    def _components(self) -> list[list[_Pattern]]:
        """The patterns in sets joined through subjects and objects (Oxigraph joins the sets as a
        cross product); ``_Unbounded`` if a set has no constant subject or object, or a predicate
        variable appears in another position (a join on it could scan a whole predicate)."""
        ends = [name for pattern in self.patterns for name in pattern.ends if name]
        predicates = [p.predicate_variable for p in self.patterns if p.predicate_variable]
        if any(name in ends or predicates.count(name) > 1 for name in predicates):
            raise _Unbounded
        groups = _Groups()
        for pattern in self.patterns:
            groups.join(pattern.ends)
        components: dict[object, list[_Pattern]] = {}
        for i, pattern in enumerate(self.patterns):
            names = [name for name in pattern.ends if name]
            components.setdefault(groups.find(names[0]) if names else i, []).append(pattern)
        found = list(components.values())
        if not all(any(pattern.anchored for pattern in component) for component in found):
            raise _Unbounded
        return found

    @staticmethod
    def _component_bound(component: list[_Pattern]) -> int:
        """The most rows over every first pattern Oxigraph may choose (one with a constant end: its
        estimates put those first), each later pattern joined from a variable it shares."""
        uses: dict[str, int] = {}
        for pattern in component:
            for name in set(pattern.ends) - {None}:
                uses[name] = uses.get(name, 0) + 1
        shared = {name for name, count in uses.items() if count > 1}
        joined = [pattern.joined(shared) for pattern in component]
        rest = math.prod(joined)
        return max(pattern.from_anchor() * rest // joined[i] for i, pattern in enumerate(component) if pattern.anchored)


class _Groups:
    """Union-find over variable names."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, name: str) -> str:
        root = self.parent.setdefault(name, name)
        while root != self.parent[root]:
            root = self.parent[root]
        self.parent[name] = root
        return root

    def join(self, ends: tuple[str | None, str | None]) -> None:
        names = [name for name in ends if name]
        for name in names:
            self.find(name)
        if len(names) == 2:
            self.parent[self.find(names[0])] = self.find(names[1])


def _split_dots(stream: object) -> object:
    """Tokens with a prefixed name's trailing dots split off: ``id:Pod.`` ends a triple in SPARQL
    (a local name cannot end with a dot), while ``safety``'s tokenizer keeps the dot in the name."""
    for token in stream:
        if token.kind == "pname" and token.text.endswith(".") and not token.text.endswith("\\."):
            name = token.text.rstrip(".")
            yield Token("pname", name, token.offset)
            for i in range(len(name), len(token.text)):
                yield Token("other", ".", token.offset + i)
        else:
            yield token
