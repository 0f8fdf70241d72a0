"""Answers found in the passages: "about X", differences, lists, and plain retrieval.

In: a ``Question`` and the ``Toolkit``. Out: a ``Draft`` quoting the best sentences, or None.

- about X: sentences naming X first or under its heading (``definition_passages`` keeps those
  that say what X is);
- difference: sentences naming both sides, preferring contrast words (而, 但, 区别, whereas …),
  plus any fact between the two; when no sentence names both, the best one for each side;
- list ("有哪些 X", "what kinds of X"): a sentence announcing a list ("有三种IP地址，分别如下：")
  with the items after it, or the sentences under one heading naming most members of the class X
  names (or of X's subtypes) — whichever names more;
- purpose: retrieval, for "what is X for" and for "what is <a phrase about a concept>" only;
- retrieval: the sentence covering most of the question (preferring, for "谁…"/"which …", one
  naming someone, of the kind asked for), with the list items it announces, if any.
The answerer decides afterwards whether the chosen sentences cover the question well enough.
Must not: run SPARQL except through ``kit.graph``.
"""
from __future__ import annotations

from collections.abc import Sequence

from kgraph.answer.compose import INTRO, join
from kgraph.answer.draft import Draft, Part, hits_parts, statements_parts
from kgraph.answer.intents import Composition, Direction
from kgraph.answer.question import Question
from kgraph.answer.retrieval import TOP_PASSAGES, Hit, Keep, Preference
from kgraph.answer.toolkit import Toolkit
from kgraph.tokenize import fold_text, stem

MAX_SENTENCES = 2
MAX_DIFFERENCES = 3
CLOSE = 0.1  # a second sentence is quoted when it covers nearly as much as the best
MAX_LIST_SENTENCES = 6
LIST_POOL = 40
ANNOUNCED_SHARE = 0.6
MAX_HEAD = 30  # characters of a list item's lead that still read as a name
ANNOUNCING = ("：", ":")  # a sentence ending so announces what follows


def about_hits(question: Question, key: str, kit: Toolkit, keep: Keep | None = None,
               passages: int = TOP_PASSAGES) -> list[Hit]:
    """Sentences about ``key`` (naming it first, or under its heading), those saying what it is
    for first when the question asks that; only those ``keep`` accepts, when given."""
    terms = kit.coverage.terms(question, skip=[question.answer_concept] if question.answer_concept else ())
    cues = kit.vocabulary.purpose_words if question.purpose else frozenset()
    hits = kit.retriever.hits(terms, Preference(focus=(key,), cues=cues, lang=question.lang), limit=10,
                              passages=passages, keep=keep)
    target = kit.coverage.concept(key, True)
    return [h for h in hits if kit.coverage.credit(target, h.evidence)]


def retrieval(question: Question, kit: Toolkit) -> Draft | None:
    terms = kit.coverage.terms(question, skip=[question.answer_concept] if question.answer_concept else ())
    if not terms:
        return None
    hits = kit.retriever.hits(terms, _preference(question, kit, terms), limit=10)
    if not hits:
        return None
    items = _items_announced_by(hits[0], kit)
    parts = hits_parts(hits[:1]) + items if items else hits_parts(best(hits))
    return Draft("retrieval", "", parts, None, (), "passages", single=True)


def purpose(question: Question, kit: Toolkit) -> Draft | None:
    """Retrieval for "what is X for", and for "what is X" when X is a phrase about a concept ("the
    possible Pod phases", "容器的 hostname"): what something is for, or a property of it, may be
    said in any sentence, where "what is X" of a term needs one that says what X is."""
    about_a_concept = question.intent.subject is not None and question.intent.phrase
    return retrieval(question, kit) if question.purpose or about_a_concept else None


def _preference(question: Question, kit: Toolkit, terms: list) -> Preference:
    """What a wh question wants of a sentence: naming someone besides the question's concepts
    ("谁负责调度 Pod"), before the relation word when the question asks for the subject, and of
    the kind asked for ("通过什么接口": an interface); a composition question, the words of parts."""
    asks_for_one = question.wh and bool(question.relations)
    kinds = frozenset(kit.kind_members(question) or ()) - set(question.keys)
    if isinstance(question.intent, Composition):  # "what does X consist of": a sentence saying what it is made of
        return Preference(kinds=kinds, lang=question.lang, cues=_composition_words(kit))
    if not asks_for_one:
        return Preference(kinds=kinds, lang=question.lang)
    agent = bool(question.keys) and question.direction is Direction.INVERSE
    words = tuple(f for t in terms if t.kind == "word" and _is_relation(t, question) for f in t.forms) if agent else ()
    return Preference(other_than=frozenset(question.keys), kinds=kinds, agent=words, lang=question.lang)


def _composition_words(kit: Toolkit) -> frozenset[str]:
    """The words of the relations naming parts (hasPart: consists of, 包含, 由组成 …), folded; an
    English one by the stem of its verb (consist, contain), a Chinese label written around its
    object ("由…组成") by its last word (组成)."""
    names = kit.vocabulary.composition.get("forward", ())
    labels = [label for name in names if name in kit.relations for ls in kit.relations[name].labels.values() for label in ls]
    words = {fold_text(label[1:] if label.startswith("由") else label) for label in labels if not label.isascii()}
    for label in (fold_text(l).split() for l in labels if l.isascii()):  # "consists of" → consist, "is composed of" → compos
        words.add(stem(label[1] if label[0] in ("is", "are") and len(label) > 1 else label[0]))
    return frozenset(w for w in words if len(w) >= 4 or not w.isascii())


def _items_announced_by(hit: Hit, kit: Toolkit) -> tuple[Part, ...]:
    """The list items after a sentence that ends announcing them ("…四个初始命名空间：")."""
    if not hit.sentence.text.rstrip().endswith(ANNOUNCING):
        return ()
    items = kit.retriever.index.following_items(hit.passage, MAX_LIST_SENTENCES)
    return tuple(Part(i.sentences[0].text, i.citation(i.sentences[0])) for i in items if i.sentences)


def _is_relation(term, question: Question) -> bool:
    return any(w.relation and w.word == term.key for w in question.words)


def best(hits: Sequence[Hit], n: int = MAX_SENTENCES) -> list[Hit]:
    """The first hit, and the next best of other passages that cover nearly as much."""
    top = hits[0]
    rest = [h for h in hits[1:] if h.coverage >= top.coverage - CLOSE and h.passage is not top.passage]
    return [top] + rest[: n - 1]


# --- differences ---------------------------------------------------------------------------------------


def difference(question: Question, kit: Toolkit) -> Draft | None:
    heads = question.core_keys
    keys = question.slot_keys if len(set(heads)) < 2 else heads  # "K8s 的卷 vs Docker 的卷": the modifiers differ
    if not keys:
        return None
    terms = kit.coverage.terms(question)
    prefer = Preference(focus=tuple(keys), contrast=kit.vocabulary.contrast_words,
                        weak_contrast=kit.vocabulary.weak_contrast_words)
    hits = kit.retriever.hits(terms, prefer, limit=20)
    both = [h for h in hits if all(k in h.evidence.concepts for k in keys)]
    facts = _facts_between(question, kit)
    if both:
        return Draft("difference", "", hits_parts(best(both, MAX_DIFFERENCES)) + facts, None, (), "passages")
    sides = list(dict.fromkeys(h for h in (_side(hits, key) for key in keys[:2]) if h is not None))
    if not sides and not facts:
        return None
    return Draft("difference", "", hits_parts(sides) + facts, None, (), "passages", INTRO[question.lang]["separately"])


def _side(hits: Sequence[Hit], key: str) -> Hit | None:
    return next((h for h in hits if key in h.evidence.concepts), None)


def _facts_between(question: Question, kit: Toolkit) -> tuple:
    x, y = question.intent.a, question.intent.b  # a Path or a Difference
    if not x or not y or x == y:
        return ()
    forward, _ = kit.graph.facts(subject=x, object=y)
    backward, _ = kit.graph.facts(subject=y, object=x)
    return statements_parts(forward + backward, 1)


# --- lists ---------------------------------------------------------------------------------------------


def listing(question: Question, kit: Toolkit) -> Draft | None:
    members, sparql = _members(question, kit)
    terms = kit.coverage.terms(question)
    drafts = [d for d in (_announced(question, kit, terms, members), _grouped(question, kit, terms, members, sparql)) if d]
    # the one naming more members; an announced list (with its items) when they name as many
    return max(drafts, key=lambda d: len(d.concepts), default=None)


def _grouped(question: Question, kit: Toolkit, terms: list, members: list[str], sparql: str | None) -> Draft | None:
    if len(members) < 2:
        return None
    hits = kit.retriever.hits(terms + [kit.coverage.concept(k, False) for k in members], limit=LIST_POOL)
    group = _best_group(hits, members, kit.vocabulary.list_cues)
    if group is None:
        return None
    found = [k for h in group for k in _named(h, members)]
    parts = _announcement_of(group[0], kit) + hits_parts(group)
    return Draft("list", _list_line(question, found, kit), parts, sparql, tuple(dict.fromkeys(found)), "passages")


def _announcement_of(first: Hit, kit: Toolkit) -> tuple[Part, ...]:
    """The sentence announcing the list ``first`` opens, if the passage before it is one."""
    passages = kit.retriever.index.passages
    if first.passage.kind != "list_item" or first.passage.position == 0:
        return ()
    before = passages[first.passage.position - 1]
    if before.note != first.passage.note or before.heading_path != first.passage.heading_path or not before.sentences:
        return ()
    last = before.sentences[-1]
    return (Part(last.text, before.citation(last)),) if last.text.rstrip().endswith(ANNOUNCING) else ()


def _list_line(question: Question, found: list[str], kit: Toolkit, named: bool = False) -> str:
    """ "卷：A、B。" — ``found`` are concept keys, or already names when ``named``."""
    target = question.intent.concept
    head = kit.label(target, question.lang) if target else question.slots["X"].text.strip()
    listed = join(found, question.lang) if named else kit.listed(found, question.lang)
    return f"{head}：{listed}。" if question.lang == "zh" else f"{head}: {listed}."


def _announced(question: Question, kit: Toolkit, terms: list, members: list[str]) -> Draft | None:
    """A sentence announcing a list ("有三种IP地址，分别如下：") that covers the question, with the
    list items after it, named by their heads; without items, the members the sentence names."""
    cues = kit.vocabulary.list_cues
    for hit in kit.retriever.hits(terms, limit=10):
        if hit.coverage < ANNOUNCED_SHARE or kit.coverage.missing_required(terms, hit.evidence):
            continue
        if not (any(c in hit.evidence.folded for c in cues) or hit.sentence.text.rstrip().endswith(ANNOUNCING)):
            continue
        items = [i for i in kit.retriever.index.following_items(hit.passage, MAX_LIST_SENTENCES) if i.sentences]
        parts = hits_parts([hit]) + tuple(Part(i.sentences[0].text, i.citation(i.sentences[0])) for i in items)
        if len(items) >= 2:
            return _items_draft(question, kit, items, parts)
        known = set(question.keys)
        names = [m.key for m in kit.concepts.find_in_text(hit.sentence.text) if m.key not in known]
        names = [k for k in dict.fromkeys(names) if not members or k in members]
        if len(names) >= 2:
            return Draft("list", _list_line(question, names, kit), parts, None, tuple(names), "passages")
    return None


def _items_draft(question: Question, kit: Toolkit, items: list, parts: tuple[Part, ...]) -> Draft:
    """An announced list: its items named by their heads ("default", "kube-system" …)."""
    heads = [_head(i.text).strip() for i in items]
    keys = [k for k in (kit.concepts.question_matcher.key_for(h) for h in heads) if k]
    line = _list_line(question, heads, kit, named=True) if all(len(h) <= MAX_HEAD for h in heads) else ""
    return Draft("list", line, parts, None, tuple(dict.fromkeys(keys)) or tuple(heads), "passages")


def _head(text: str) -> str:
    """A list item's lead: up to its first colon (or its first 40 characters)."""
    for mark in ("：", ":"):
        if mark in text[:60]:
            return text[: text.index(mark)]
    return text[:40]


def _members(question: Question, kit: Toolkit) -> tuple[list[str], str | None]:
    cls, concept = question.intent.cls, question.intent.concept
    members, sparql = kit.graph.members(cls) if cls else ([], None)
    if concept:
        subtypes, sub_sparql = kit.graph.facts(relations=["subtypeOf"], object=concept)
        members += [s.subject for s in subtypes]
        sparql = sparql or sub_sparql
    exclude = {concept} if concept else set()
    return [k for k in dict.fromkeys(members) if k not in exclude], sparql


def _named(hit: Hit, members: list[str]) -> list[str]:
    return [k for k in members if k in hit.evidence.concepts]


def _best_group(hits: Sequence[Hit], members: list[str], cues: frozenset[str]) -> list[Hit] | None:
    """The sentences under one heading of one note that together name the most members."""
    groups: dict[tuple, list[Hit]] = {}
    for hit in hits:
        if _named(hit, members) or hit.coverage >= 0.5:
            groups.setdefault((hit.passage.note, hit.passage.heading), []).append(hit)

    def strength(group: list[Hit]) -> tuple:
        named = {k for h in group for k in _named(h, members)}
        announced = any(c in h.evidence.folded for h in group for c in cues)
        return (len(named) + 2 * announced + 2 * max(h.coverage for h in group), len(named))

    best = max(groups.values(), key=strength, default=None)
    if best is None or strength(best)[1] < 2:
        return None
    best.sort(key=lambda h: (h.sentence.start_line, h.sentence.text))
    return best[:MAX_LIST_SENTENCES]
