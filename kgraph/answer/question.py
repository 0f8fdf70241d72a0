"""Understanding a question: its language, entities, type, slots, relation words and content words.

In: the question text (already checked by ``limits``). Out: a frozen ``Question``.

Steps: find concept mentions with every label (weak labels too, unless they are part of a
relation word: 部署在 is "runs on", not Deployment); mask them; match the type templates of
``ontology/questions.yaml`` against the masked question; resolve each template slot to the concept
it names (the head of "K8s 的存储卷" is 存储卷; words naming no concept stay ``extra``); find the
relation words (``relations``); read the wh word and the kind of answer it asks for ("哪个组件",
"which object"); keep the words that carry content — neither mentions, stop words, wh words nor
the template's own words — for retrieval and for the honesty check. A weak mention that does not
fill a slot by itself is demoted to an ordinary word ("如何部署应用" is not about Deployment).
Must not: query the graph or the index.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kgraph.answer.asked import answer_kind, wh_positions
from kgraph.answer.concepts import Concepts
from kgraph.answer.masking import Masked, mask
from kgraph.answer.relations import RelationWord, RelationWords
from kgraph.tokenize import Token, Tokenizer, fold_text
from kgraph.answer.vocabulary import MAX_MENTIONS, Template, Vocabulary
from kgraph.model import Mention
from kgraph.text import detect_lang, is_cjk


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
    kind: str  # difference, relationship, composition, list, definition, relation, retrieval
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

    @property
    def unresolved(self) -> list[str]:
        """Words of the slots that name no concept: what the question asks about but the graph lacks."""
        return [w for slot in self.slots.values() for w in slot.extra]


class Reader:
    """Turns question text into a ``Question``."""

    def __init__(self, vocabulary: Vocabulary, concepts: Concepts, tokenizer: Tokenizer, relations: RelationWords,
                 class_labels: dict[str, str] | None = None) -> None:
        self.vocabulary = vocabulary
        self.concepts = concepts
        self.tokenizer = tokenizer
        self.relation_words = relations
        words = {w: cls for cls, ws in vocabulary.class_words.items() for w in ws}
        self.class_names = {_squeeze(w): cls for w, cls in {**words, **(class_labels or {})}.items()}

    def read(self, text: str) -> Question:
        lang = detect_lang(text)
        tokens = self.tokenizer.tokens(text)
        mentions, relations = self._mentions_and_relations(text, tokens, lang)
        masked = mask(text, mentions, lang)
        kind, slots, literal = self._classify(masked, mentions, tokens, relations, lang)
        mentions = [m for m in self._demote_weak(mentions, slots) if not literal.issuperset(range(m.start, m.end))]
        wh_at = wh_positions(self.vocabulary, masked, tokens)
        answer_class, answer_concept, class_span = answer_kind(self.vocabulary, masked, mentions, wh_at)
        if kind == "list" and answer_concept in {s.key for s in slots.values()}:
            answer_concept = None  # "有哪些探针": the probes are the topic, not a kind of answer
        skip = literal if kind == "list" else literal | class_span  # a list's class is its topic
        words = _with_classes(self._words(tokens, mentions, relations, skip), slots)
        if kind == "retrieval" and relations and self._keys(mentions, answer_concept):
            kind = "relation"
        return Question(text, lang, kind, tuple(mentions), slots, tuple(relations), tuple(words), bool(wh_at),
                        *self._intents(masked, lang, bool(wh_at)), answer_class, answer_concept)

    def _intents(self, masked: Masked, lang: str, wh: bool) -> tuple[bool, bool, bool]:
        """(yes/no question, asks what something is for, asks how to do something)."""
        v = self.vocabulary
        return (not wh and v.is_yes_no(masked.compact, lang), v.asks_purpose(masked.compact), v.asks_how(masked.compact))

    def _keys(self, mentions: list[Mention], answer_concept: str | None) -> list[str]:
        return [m.key for m in mentions if m.key != answer_concept]

    # --- mentions and relation words --------------------------------------------------------------

    def _mentions_and_relations(self, text: str, tokens: list[Token], lang: str) -> tuple[list[Mention], list[RelationWord]]:
        mentions = self.concepts.find_in_question(text)[:MAX_MENTIONS]
        strong = [m for m in mentions if not self.concepts.is_weak(m.surface)]
        masked_strong = mask(text, strong, lang).full
        relations = self.relation_words.find(masked_strong, _outside(tokens, strong))
        kept = [m for m in mentions if not (self.concepts.is_weak(m.surface) and _overlaps(m, relations))]
        return kept, relations

    def _demote_weak(self, mentions: list[Mention], slots: dict[str, Slot]) -> list[Mention]:
        slot_keys = {s.key for s in slots.values() if s.key}
        return [m for m in mentions if not self.concepts.is_weak(m.surface) or m.key in slot_keys]

    # --- templates and slots ---------------------------------------------------------------------

    def _classify(self, masked: Masked, mentions: list[Mention], tokens: list[Token],
                  relations: list[RelationWord], lang: str) -> tuple[str, dict[str, Slot], set[int]]:
        """The first template matching; each is tried on the masked question, then with the
        mentions that are one of the templates' own words unmasked ("the role of etcd": "role" is
        the concept Role, but here it is the template's word)."""
        plain = [m for m in mentions if fold_text(m.surface) not in self.vocabulary.template_words]
        readings = [(masked, mentions)] + ([(mask(masked.text, plain, lang), plain)] if len(plain) < len(mentions) else [])
        for template in self.vocabulary.templates_for(lang):
            for reading, named in readings:
                match = template.pattern.match(reading.compact)
                if match is None:
                    continue
                slots = {name: self._slot(name, match.span(name), reading, named, tokens, lang)
                         for name in ("X", "Y") if match.groupdict().get(name) is not None}
                if self._acceptable(template, slots, reading, match, relations):
                    return template.kind, slots, _literal(reading, match, slots)
        return "retrieval", {}, set()

    def _acceptable(self, template: Template, slots: dict[str, Slot], masked: Masked, match, relations) -> bool:
        """A definition slot holding a relation word besides other words ("what is X managed by")
        is a relation question; one that is only the word asks what the word means ("什么是抢占")."""
        if template.kind != "definition":
            return True
        start, end = masked.span(*match.span("X"))
        inside = [r for r in relations if r.start < end and start < r.end]
        return not inside or all(r.start <= start and end <= r.end for r in inside)

    def _slot(self, name: str, span: tuple[int, int], masked: Masked, mentions: list[Mention],
              tokens: list[Token], lang: str) -> Slot:
        start, end = masked.span(*span)
        text = masked.text[start:end]
        inside = [mentions[i] for i in dict.fromkeys(masked.mention_indices(*span))]
        keys = list(dict.fromkeys(m.key for m in inside))
        if not keys:  # a label too short to match in running text ("卷") may still fill a slot
            named = self.concepts.question_matcher.key_for(text)
            keys = [named] if named else []
        extra = [t.word for t in _outside(tokens, inside) if start <= t.start and t.end <= end and self._content(t, lang)]
        cls = self._class_named(text, lang)
        if cls and extra:  # "workload controllers": the class, not the concept "controller"
            keys = []
        if cls or (keys and not inside):
            extra = []
        head = (keys[-1] if lang == "zh" else keys[0]) if keys else None
        return Slot(name, text, head, tuple(k for k in keys if k != head), tuple(extra), cls, start, end)

    def _class_named(self, text: str, lang: str) -> str | None:
        """The class a slot names as a whole ("工作负载控制器", "the volume types"), if any."""
        folded = _squeeze(fold_text(text))
        fillers = sorted(self.vocabulary.slot_fillers.get(lang, ()), key=len, reverse=True)
        for candidate in (folded, _strip_fillers(folded, fillers)):
            for form in (candidate, candidate[:-1] if candidate.endswith("s") else candidate):
                if form in self.class_names:
                    return self.class_names[form]
        return None

    def _content(self, token: Token, lang: str) -> bool:
        v = self.vocabulary
        fillers = v.slot_fillers.get("zh", frozenset()) | v.slot_fillers.get("en", frozenset())
        joiners = set(v.slot_joiners.get("zh", ())) | set(v.slot_joiners.get("en", ()))
        return token.word not in fillers and token.word not in joiners and _meaningful(token, v)

    # --- content words ---------------------------------------------------------------------------

    def _words(self, tokens: list[Token], mentions: list[Mention], relations: list[RelationWord], skip: set[int]) -> list[Word]:
        """Content words; the tokens of one relation word ("负责调度", "stores … in") make one word."""
        words: list[Word] = []
        taken: set[int] = set()
        for token in _outside(tokens, mentions):
            if any(i in skip for i in range(token.start, token.end)):
                continue
            relation = next((r for r in relations if r.start <= token.start and token.end <= r.end), None)
            if relation is not None and id(relation) not in taken:
                taken.add(id(relation))
                text = fold_text(relation.text)
                words.append(Word(text, text, relation.start, relation.end, relation.relation))
            elif relation is None and _meaningful(token, self.vocabulary):
                words.append(Word(token.word, token.term, token.start, token.end))
        return words


def _meaningful(token: Token, vocabulary: Vocabulary) -> bool:
    """Not a stop word, wh word or single letter/ideograph."""
    word = token.word
    wh = vocabulary.wh_words
    if word in vocabulary.stopwords or token.term in vocabulary.stopwords or word in wh.get("zh", ()) or word in wh.get("en", ()):
        return False
    if len(word) == 1 and (is_cjk(word) or word.isalpha()):
        return word in vocabulary.translations
    return True


def _with_classes(words: list[Word], slots: dict[str, Slot]) -> list[Word]:
    """The words of a slot naming a class (and no concept) become one word standing for the class."""
    for slot in slots.values():
        if slot.cls and not slot.key:
            words = [w for w in words if not (slot.start <= w.start and w.end <= slot.end)]
            folded = fold_text(slot.text.strip())
            words.append(Word(folded, folded, slot.start, slot.end, cls=slot.cls))
    return words


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _strip_fillers(text: str, fillers: list[str]) -> str:
    changed = True
    while changed:
        changed = False
        for filler in fillers:
            if filler and text.startswith(filler) and len(text) > len(filler):
                text, changed = text[len(filler):], True
    return text


def _outside(tokens: list[Token], mentions: list[Mention]) -> list[Token]:
    return [t for t in tokens if all(t.end <= m.start or t.start >= m.end for m in mentions)]


def _overlaps(mention: Mention, relations: list[RelationWord]) -> bool:
    return any(mention.start < r.end and r.start < mention.end for r in relations)


def _literal(masked: Masked, match, slots: dict[str, Slot]) -> set[int]:
    """Question offsets of the template's own words (the match without its slots)."""
    covered = set()
    slot_spans = [masked.span(*match.span(name)) for name in slots]
    for i in range(*match.span()):
        at = masked.positions[i]
        if not any(s <= at < e for s, e in slot_spans):
            covered.add(at)
    return covered
