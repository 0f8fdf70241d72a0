"""A question as read: its language, intent, mentions, slots, relation words and content words.

In: nothing (types only; ``reading.Reader`` reads question text into them). Out: frozen ``Slot``,
``Word`` and ``Question``, which carries one ``intent`` (``intents``) — what the question asks
for — beside what strategies and the honesty check read of its words (mentions, slots, relation
words, content words, the kind of answer asked for). Must not: read text, the graph or the index.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kgraph.answer.intents import Direction, Intent, Relation
from kgraph.answer.relations import RelationWord
from kgraph.model import Mention


@dataclass(frozen=True)
class Slot:
    name: str  # X or Y
    text: str  # as the question words it
    key: str | None  # the concept it names
    context: tuple[str, ...] = ()  # other concepts named in it
    extra: tuple[str, ...] = ()  # its words that name no concept
    cls: str | None = None  # the ontology class it names ("工作负载控制器", "volume type")
    start: int = 0  # its span in the question
    end: int = 0


@dataclass(frozen=True)
class Word:
    """A content word of the question."""

    word: str
    term: str
    start: int
    end: int
    relation: str | None = None  # the relation it names, if it is a relation word
    cls: str | None = None  # the class it names: a slot such as "IP" in "有哪几种 IP"


@dataclass(frozen=True)
class Question:
    text: str
    lang: str
    intent: Intent
    mentions: tuple[Mention, ...]
    slots: dict[str, Slot] = field(default_factory=dict)
    relations: tuple[RelationWord, ...] = ()
    words: tuple[Word, ...] = ()
    wh: bool = False
    yes_no: bool = False
    purpose: bool = False  # asks what something is for ("X 的作用", "what is X used for")
    how_to: bool = False  # asks how to do something ("如何安装", "how do I configure")
    answer_class: str | None = None  # ontology class the answer should belong to
    answer_concept: str | None = None  # or the concept whose kinds it should be ("哪些容器")
    direction: Direction = Direction.FORWARD  # the side of its first relation word ``keys[0]`` is on

    @property
    def keys(self) -> list[str]:
        """The concepts the question names (mentions, and slots named by a short label), no repeats."""
        named = [m.key for m in self.mentions] + [s.key for s in self.slots.values() if s.key]
        return list(dict.fromkeys(k for k in named if k != self.answer_concept))

    def slot_key(self, name: str) -> str | None:
        slot = self.slots.get(name)
        return slot.key if slot else None

    @property
    def core_keys(self) -> list[str]:
        """The concepts an answer must be about: the slots' heads (not "in a cluster", not the
        "K8s" of "K8s 的存储卷"), or every concept when there are no slots."""
        if not self.slots:
            return self.keys
        return list(dict.fromkeys(s.key for s in self.slots.values() if s.key))

    @property
    def slot_keys(self) -> list[str]:
        """Every concept the slots name, heads and modifiers."""
        return list(dict.fromkeys(k for s in self.slots.values() for k in (s.key, *s.context) if k))

    def asked_relation(self) -> Relation | None:
        """The relation the question's words ask for, whatever its intent (a composition question
        may name one: "what runs on a node"): its first concept, relation words and direction."""
        keys, names = self.keys, list(dict.fromkeys(r.relation for r in self.relations))
        if not keys or not names:
            return None
        return Relation(keys[0], names[0], self.direction, keys[1] if len(keys) > 1 else None, tuple(names[1:]))

    @property
    def unresolved(self) -> list[str]:
        """Words of the slots that name no concept: what the question asks about but the graph lacks."""
        return [w for slot in self.slots.values() for w in slot.extra]
