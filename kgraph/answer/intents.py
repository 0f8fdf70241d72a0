"""What a question asks for, as one typed value: the intent the question reader finds.

In: nothing (types only). Out: one frozen dataclass per intent and their union ``Intent``:

    Definition(subject)                    what X is ("什么是 X？", "What is X for?")
    Relation(subject, property, direction, other)
                                           a relation of X: FORWARD when X is its subject ("what does
                                           Deployment manage"), INVERSE when X is its object ("什么管理
                                           Pod？", "What schedules Pods?")
    Path(a, b)                             how X and Y relate
    Difference(a, b)                       how X and Y differ
    Members(cls)                           the members (kinds) of a class ("卷有哪些类型？")
    Composition(whole)                     what X is made of, what runs on it
    Lookup()                               anything else: free retrieval

Concepts are keys (``None`` when the question's words name no concept). Each intent's ``kind`` is
the question type ``/api/ask`` reports (``type``). Must not: read text or the graph
(``reading`` builds intents; ``strategies`` answers them).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import ClassVar, Union


class Direction(Enum):
    """Which side of the asked relation the question's concept stands on."""

    FORWARD = "forward"  # it is the subject: "Deployment 管理什么", "What does Deployment manage?"
    INVERSE = "inverse"  # it is the object: "谁管理 Pod", "Pod 被谁管理", "What schedules Pods?"


@dataclass(frozen=True)
class Definition:
    kind: ClassVar[str] = "definition"
    subject: str | None  # the concept X names, if any
    written: str = ""  # X as the question writes it
    phrase: bool = False  # X is a phrase about the concept ("the possible Pod phases"), not its name


@dataclass(frozen=True)
class Relation:
    kind: ClassVar[str] = "relation"
    subject: str  # the concept the question asks about
    property: str  # the relation its first relation word names
    direction: Direction
    other: str | None = None  # a second concept: the facts between the two are asked for
    also: tuple[str, ...] = ()  # further relations the question's words name

    @property
    def properties(self) -> tuple[str, ...]:
        return (self.property, *self.also)


@dataclass(frozen=True)
class Path:
    kind: ClassVar[str] = "relationship"
    a: str | None
    b: str | None


@dataclass(frozen=True)
class Difference:
    kind: ClassVar[str] = "difference"
    a: str | None
    b: str | None


@dataclass(frozen=True)
class Members:
    kind: ClassVar[str] = "list"
    cls: str | None  # the ontology class whose members are asked for
    concept: str | None = None  # the concept X names: its subtypes are members too


@dataclass(frozen=True)
class Composition:
    kind: ClassVar[str] = "composition"
    whole: str | None


@dataclass(frozen=True)
class Lookup:
    kind: ClassVar[str] = "retrieval"


Intent = Union[Definition, Relation, Path, Difference, Members, Composition, Lookup]
