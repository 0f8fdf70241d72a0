"""Reading a question: text in, a ``Question`` (with its ``Intent``) out.

In: the question text (already checked by ``limits``), the vocabulary and patterns of
``ontology/questions.yaml``, the concepts, the tokenizer and the relation words. Out: a frozen
``Question``.

Steps: find concept mentions with every label (weak labels too, unless they are part of a
relation word: 部署在 is "runs on", not Deployment); mask them; match the type templates of
``ontology/questions.yaml`` against the masked question; resolve each template slot to the concept
it names (the head of "K8s 的存储卷" is 存储卷; words naming no concept stay ``extra``); find the
relation words (``relations``) and which side of the first one the question's concept is on
(``Direction``, from word order: "Deployment 管理什么" forward, "谁管理 Pod" / "Pod 被谁管理"
inverse, an inverse word such as "managed by" swapping it); read the wh word and the kind of
answer it asks for ("哪个组件", "which object"); keep the words that carry content — neither
mentions, stop words, wh words nor the template's own words — for retrieval and for the honesty
check. A weak mention that does not fill a slot by itself is demoted to an ordinary word ("如何部署
应用" is not about Deployment). The template's type and the slots make the intent: a question no
template matches asks for a relation when it names a concept and a relation word, else it is a
free lookup. Must not: query the graph or the index.
"""
from __future__ import annotations

from dataclasses import replace

from kgraph.answer.asked import answer_kind, asks_attribute, wh_positions
from kgraph.answer.concepts import Concepts
from kgraph.answer.intents import Composition, Definition, Difference, Direction, Intent, Lookup, Members, Path
from kgraph.answer.masking import Masked, mask
from kgraph.answer.question import Question, Slot, Word
from kgraph.answer.relations import RelationWord, RelationWords
from kgraph.tokenize import Token, Tokenizer, fold_text
from kgraph.answer.vocabulary import MAX_MENTIONS, Template, Vocabulary
from kgraph.model import Mention
from kgraph.text import detect_lang, is_cjk


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
        attribute = asks_attribute(self.vocabulary, masked, mentions, tokens, [(r.start, r.end) for r in relations], wh_at, lang)
        if kind == "retrieval" and relations and not attribute and self._keys(mentions, answer_concept):
            kind = "relation"
        question = Question(text, lang, Lookup(), tuple(mentions), slots, tuple(relations), tuple(words), bool(wh_at),
                            *self._asks(masked, lang, bool(wh_at)), answer_class, answer_concept)
        question = replace(question, direction=self._direction(question))
        return replace(question, intent=self._intent(kind, question))

    def _intent(self, kind: str, question: Question) -> Intent:
        """The intent of a question of type ``kind`` (a template's, "relation" or "retrieval")."""
        x, y = question.slot_key("X"), question.slot_key("Y")
        if kind == "definition":
            slot = question.slots.get("X")
            return Definition(x, slot.text.strip() if slot else "", bool(slot and slot.extra))
        if kind == "relation":
            return question.asked_relation() or Lookup()
        if kind == "list":
            return Members(self._listed_class(question), x)
        intents = {"relationship": Path(x, y), "difference": Difference(x, y), "composition": Composition(x)}
        return intents.get(kind, Lookup())

    def _listed_class(self, question: Question) -> str | None:
        """The class a list question lists: the one its slot names, the kind of answer it asks for,
        or the slot's concept when that is a class of its own (卷 → kg:Volume)."""
        slot = question.slots.get("X")
        cls = (slot.cls if slot else None) or question.answer_class
        concept = self.concepts.get(slot.key) if slot and slot.key else None
        return slot.key if concept is not None and not cls and slot.key in concept.types else cls

    def _direction(self, question: Question) -> Direction:
        """Whether ``keys[0]`` is the subject of the question's first relation word, read from word
        order: "Deployment 管理什么" yes, "谁管理 Pod" / "Pod 被谁管理" no; an inverse word
        ("managed by", 被管理) swaps it. A concept the question names without a mention: yes."""
        key = question.keys[0] if question.keys else None
        mention = next((m for m in question.mentions if m.key == key), None)
        if mention is None or not question.relations:
            return Direction.FORWARD
        word = question.relations[0]
        before = mention.start < word.start
        if before:
            between = question.text[mention.end:word.start]
            before = not any(marker in between for marker in self.vocabulary.passive_markers.get(question.lang, ()))
        return Direction.FORWARD if before != word.inverse else Direction.INVERSE

    def _asks(self, masked: Masked, lang: str, wh: bool) -> tuple[bool, bool, bool]:
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
