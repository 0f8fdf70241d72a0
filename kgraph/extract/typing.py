"""What the ontology says about a fact's participants: type checks and the direction of a relation.

In: the ``Ontology`` (relations with rdfs:domain/rdfs:range, the class hierarchy) and the
``Lexicon`` (each concept's types). Out: a ``TypeCheck`` for ``relations_in`` and the
``Direction`` that turns facts stated with an inverse property onto the forward one.
"""
from __future__ import annotations

from kgraph.extract.confidence import Untyped
from kgraph.extract.relations import Direction, TypeCheck
from kgraph.lexicon import Lexicon
from kgraph.ontology import Ontology

def type_check(ontology: Ontology, lexicon: Lexicon, untyped: Untyped = Untyped()) -> TypeCheck:
    """The ``untyped`` factor of the sides of a fact that have no type to judge (1.0 when both
    have one) when the others fit the relation's domain/range (``Ontology.is_a``; one of its
    ``kg:signature`` pairs, if it has several, the best fitting); ``None`` when a type contradicts
    it. The doer is the relation's subject, or its object for a passive one (managedBy). A kind of
    something (``Relation.taxonomic``: subtypeOf) is of the other's class when both are typed:
    "Calico is a network plugin", never "Pods are a kind of API"; a relation between peers
    (``Relation.peers``: supersedes) needs both of one class. A rule that narrows its participants
    to some classes (``participants`` in the patterns file) admits only concepts typed as them."""
    def fits(key: str, allowed: tuple[str, ...]) -> bool | None:
        if not allowed:
            return True
        term = lexicon.terms.get(key)
        return ontology.is_a(term.types, allowed) if term and term.types else None

    def _kind_of(subject: str, obj: str) -> bool:
        sub, sup = lexicon.terms.get(subject), lexicon.terms.get(obj)
        return not (sub and sup and sub.types and sup.types) or ontology.is_a(sub.types, sup.types)

    def check(relation: str, subject: str, obj: str,
              participants: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> float | None:
        rel = ontology.relations[relation]
        fitting = [(s, o) for s, o in ((fits(subject, d), fits(obj, r)) for d, r in rel.pairs) if s is not False and o is not False]
        if not fitting:
            return None
        subject_fits, object_fits = min(fitting, key=lambda pair: (pair[0] is None) + (pair[1] is None))
        if any(classes and not fits(key, classes) for key, classes in zip((subject, obj), participants)):
            return None  # a rule's participants must be typed, and of its classes
        if rel.taxonomic and not _kind_of(subject, obj) or rel.peers and not (_kind_of(subject, obj) and _kind_of(obj, subject)):
            return None
        passive = bool(rel.inverse and not rel.symmetric and not rel.canonical)  # as direction_of turns it
        doer_untyped, other_untyped = (object_fits is None, subject_fits is None) if passive else (subject_fits is None, object_fits is None)
        return untyped.factor(doer_untyped, other_untyped)

    return check


def direction_of(ontology: Ontology) -> Direction:
    """Inverse properties (managedBy, partOf …) map to their forward property (manages, hasPart …);
    the ontology marks the passive member of each pair with ``kg:derivedInverse``."""
    forward = {name: rel.inverse for name, rel in ontology.relations.items()
               if rel.inverse and not rel.symmetric and not rel.canonical}
    return Direction(forward)


def inverses(ontology: Ontology) -> dict[str, str]:
    """Relation -> its inverse (a symmetric relation maps to itself)."""
    return {name: rel.inverse for name, rel in ontology.relations.items() if rel.inverse}


def class_labels(ontology: Ontology) -> dict[str, tuple[str, ...]]:
    """Class local name -> its labels in every language (used to type discovered terms)."""
    return {cls: tuple(ontology.class_labels(cls).values()) for cls in ontology.superclasses}
