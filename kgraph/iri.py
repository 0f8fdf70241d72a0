"""The one place that mints IRIs.

In: the configured base IRI and the ontology's declared term names. Out: ``Iris``, whose methods
give the IRI of a concept, note, passage, evidence node or named graph, and whose ``kg`` is a
closed namespace (``iris.kg.manages`` works, ``iris.kg.manges`` raises ``AttributeError``).

Layout under the base: concepts ``/id/<Key>``, the ontology ``/ontology#``, notes
``/notes/<path>``, passages ``/notes/<path>#L<start>-L<end>``, evidence ``/evidence/<hash>``,
named graphs ``/graph/<name>``. Concepts and notes are thereby dereferenceable at the service.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

if TYPE_CHECKING:  # kgraph.model imports note_url from here
    from kgraph.model import Span

def _oa() -> type[DefinedNamespace]:
    return closed_namespace("http://www.w3.org/ns/oa#", ("TextQuoteSelector", "hasSelector", "exact"))


GRAPH_NAMES = ("ontology", "asserted", "inferred", "evidence", "candidate")
DEFAULT_GRAPHS = ("ontology", "asserted", "inferred", "evidence")  # the SPARQL default graph: not the candidates

# Characters kept in concept keys: letters and digits of any script, '-', '_' and '.'.
_KEY_JUNK = re.compile(r"[^\w.\-]+", re.UNICODE)


def concept_key(label: str) -> str:
    """A stable IRI-safe local name from a label: 'Replication Controller' -> 'ReplicationController'.

    Spaces are dropped when both sides are Latin (CamelCase names), kept as '-' elsewhere is not
    wanted either, so any run of other characters is removed. Width is folded (NFKC).
    """
    text = unicodedata.normalize("NFKC", label).strip()
    key = _KEY_JUNK.sub("", text)
    if not key:
        raise ValueError(f"label {label!r} gives an empty concept key")
    return key


def closed_namespace(iri: str, names: Iterable[str]) -> type[DefinedNamespace]:
    """A ``DefinedNamespace`` with ``_fail = True`` holding exactly ``names``."""
    annotations = {name: URIRef for name in sorted(set(names))}
    return type("KG", (DefinedNamespace,), {"_NS": Namespace(iri), "_fail": True, "__annotations__": annotations})


@dataclass(frozen=True)
class Iris:
    """IRIs for one deployment (one base)."""

    base: str
    terms: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", self.base.rstrip("/"))
        object.__setattr__(self, "kg", closed_namespace(self.ontology_ns, self.terms))

    @property
    def ontology_ns(self) -> str:
        return f"{self.base}/ontology#"

    @property
    def concept_ns(self) -> str:
        return f"{self.base}/id/"

    @property
    def scheme(self) -> URIRef:
        return URIRef(f"{self.base}/id")

    def concept(self, key: str) -> URIRef:
        return URIRef(self.concept_ns + quote(key, safe="-._~" + _unreserved_unicode(key)))

    def key_of(self, iri: str) -> str | None:
        """The concept key of a concept IRI, or None for any other IRI."""
        if not iri.startswith(self.concept_ns):
            return None
        from urllib.parse import unquote

        return unquote(iri[len(self.concept_ns):]) or None

    def note(self, path: str) -> URIRef:
        return URIRef(f"{self.base}{note_path(path)}")

    def passage(self, path: str, span: Span) -> URIRef:
        return URIRef(f"{self.note(path)}#L{span.start_line}-L{span.end_line}")

    def evidence(self, *parts: object) -> URIRef:
        digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]
        return URIRef(f"{self.base}/evidence/{digest}")

    def graph(self, name: str) -> URIRef:
        if name not in GRAPH_NAMES:
            raise ValueError(f"unknown graph {name!r}; known: {', '.join(GRAPH_NAMES)}")
        return URIRef(f"{self.base}/graph/{name}")


def note_path(path: str) -> str:
    """The note view of a corpus-relative note path, relative to the server: ``/notes/<path>``."""
    return f"/notes/{quote(path, safe='/-._~')}"


def note_url(path: str, start_line: int, end_line: int) -> str:
    """The note view with lines highlighted, relative to the server: ``/notes/<path>#L<a>-L<b>``."""
    return f"{note_path(path)}#L{start_line}-L{end_line}"


def _unreserved_unicode(key: str) -> str:
    """Non-ASCII letters of ``key``: IRIs carry them as they are (RFC 3987 ucschar)."""
    return "".join(ch for ch in set(key) if ord(ch) > 127 and ch.isalnum())


OA = _oa()  # the Web Annotation terms kgraph uses, closed like kg:
