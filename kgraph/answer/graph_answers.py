"""Answers read from the graph: definitions, relation questions, relationships, composition.

In: a ``Question`` and, as keyword arguments, the parts each strategy reads (``strategies`` binds
them): the graph queries, ``Names``, ``Kinds``, the concepts, the fallbacks of a definition. Out: a ``Draft`` citing the statements' evidence, with the
SPARQL that found them — or None when the graph has nothing, and the caller falls back to
passages.

- definition: the concept's ``skos:definition``s ranked as the glossary ranks them
  (``kgraph.reads.definition_order``), in the question's language when the notes have one; none →
  the passage sentences that say what it is (``definition_passages``).
- relation: the entity's side follows the question ("谁管理 Pod": Pod is the object; "Deployment
  管理什么": the subject; "被/由", English passives and inverse words such as "managed by" swap
  it); with two entities, the facts between them. No fact with the asked relation → the
  neighbouring relations of ``fallback_relations``, said to be related, not the same.
- relationship: paths of up to three facts between the two concepts (Deployment → ReplicaSet → Pod),
  the direct ones and the best-supported longer ones.
- composition: the parts (``hasPart``) of X and what runs on X.
Must not: search passages directly (``definition_passages`` and ``text_answers`` do) or write final text.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from kgraph.answer.compose import INCLUDES, INTRO, fact_line, join
from kgraph.answer.concepts import Concepts
from kgraph.answer.draft import Draft, Part, hits_parts, statements_parts
from kgraph.answer.graph_queries import GraphQueries, Hop, Statement
from kgraph.answer.intents import Direction
from kgraph.answer.kinds import Kinds
from kgraph.answer.names import Names
from kgraph.answer.question import Question
from kgraph.answer.retrieval import Hit
from kgraph.reads import RULE_RANK, DefinitionRead, definition_order

MAX_DEFINITIONS = 3
MAX_FACT_PARTS = 5
MAX_LONG_PATHS = 2


# --- definitions -------------------------------------------------------------------------------------


def definition(question: Question, *, graph: GraphQueries, names: Names, concepts: Concepts,
               about: Callable[[Question, str], Draft | None], hits_about: Callable[[Question, str], list[Hit]]) -> Draft | None:
    """The concept's definitions; none → ``about`` (sentences saying what it is); for "what is X
    for", the best of ``hits_about`` saying what it is for as well."""
    key = question.intent.subject
    if key is None or question.intent.phrase:
        return None
    read = graph.definitions([key])
    intro = INTRO[question.lang]["about"].format(names.label(key, question.lang))
    parts = _definition_parts(read.rows, question.lang, concepts)
    if not parts:
        return about(question, key)
    if question.purpose:  # "what is X for": add the best sentence saying what it is for
        said = {p.text for p in parts}
        extra = [h for h in hits_about(question, key) if h.sentence.text not in said][:1]
        parts = parts[: MAX_DEFINITIONS - len(extra)] + hits_parts(extra)
    return Draft("definition", "", parts, read.sparql, (key,), "graph", intro)


def _definition_parts(rows: Sequence[DefinitionRead], lang: str, concepts: Concepts) -> tuple[Part, ...]:
    """The best definitions by ``reads.definition_order``, the question's language first: those in
    that language when the notes have any, and of a defining form (``reads.RULE_RANK``) when
    there is one."""
    names = lambda key: concepts.get(key).names() if key in concepts else ()  # noqa: E731
    ranked = sorted(rows, key=definition_order(lang, names))
    if not ranked:
        return ()
    best = ranked[0]
    form = max(RULE_RANK.values()) if best.rule in RULE_RANK else len(RULE_RANK)
    kept = [r for r in ranked if r.lang == best.lang and RULE_RANK.get(r.rule, len(RULE_RANK)) <= form]
    parts: dict[str, Part] = {}
    for row in kept:
        if len(parts) < MAX_DEFINITIONS:
            parts.setdefault(row.text, Part(row.text, row.citation, frozenset({row.key})))
    return tuple(parts.values())


# --- relation questions ------------------------------------------------------------------------------


def relation(question: Question, *, graph: GraphQueries, names: Names, kinds: Kinds, concepts: Concepts,
             fallbacks: Mapping[str, Sequence[str]]) -> Draft | None:
    """The facts of the relation the question asks for (``Question.asked_relation``), in its
    direction or between its two concepts; none → those of the ``fallbacks`` relations."""
    asked = question.asked_relation()
    if asked is None:
        return None
    relations = list(asked.properties)
    if asked.other is not None:
        between = _between(question, asked.subject, asked.other, relations, graph, names, kinds, concepts)
        if between is not None:
            return between
    tried = ((relations, ""), (_fallbacks(relations, fallbacks), INTRO[question.lang]["related"]))
    return _one_side(question, asked.subject, asked.direction is Direction.FORWARD, tried, graph, names, kinds)


def _one_side(question: Question, key: str, is_subject: bool, tried: Sequence[tuple[list[str], str]],
              graph: GraphQueries, names: Names, kinds: Kinds) -> Draft | None:
    for relations, intro in tried:
        if not relations:
            continue
        statements, sparql = graph.facts(subject=key, relations=relations) if is_subject else \
            graph.facts(relations=relations, object=key)
        answers = kinds.narrow([s.other_side(key) for s in statements], question)
        statements = [s for s in statements if s.other_side(key) in answers]
        if statements:
            summary = _summary(statements, question.lang, names)
            return Draft("relation", summary, statements_parts(statements, MAX_FACT_PARTS), sparql,
                         tuple(answers), "graph", intro)
    return None


def _between(question: Question, a: str, b: str, relations: list[str], graph: GraphQueries, names: Names,
             kinds: Kinds, concepts: Concepts) -> Draft | None:
    forward, sparql = graph.facts(subject=a, relations=relations, object=b)
    backward, _ = graph.facts(subject=b, relations=relations, object=a)
    statements = forward + backward
    if not statements:
        return None
    found = _kind_in_evidence(statements, question, kinds, concepts)
    summary = (names.listed(found, question.lang) + ("。" if question.lang == "zh" else ". ")) if found else ""
    summary += _summary(statements, question.lang, names)
    return Draft("relation", summary, statements_parts(statements, MAX_FACT_PARTS), sparql, tuple(found), "graph")


def _kind_in_evidence(statements: list[Statement], question: Question, kinds: Kinds, concepts: Concepts) -> list[str]:
    """Concepts of the asked-for kind named in the cited sentences ("什么协议" → gRPC)."""
    wanted = kinds.members(question)
    if not wanted:
        return []
    named = [m.key for s in statements for m in concepts.find_in_text(s.text)]
    return [k for k in dict.fromkeys(named) if k in wanted and k not in question.keys]


def _fallbacks(relations: list[str], fallbacks: Mapping[str, Sequence[str]]) -> list[str]:
    fallback = [r for rel in relations for r in fallbacks.get(rel, ())]
    return [r for r in dict.fromkeys(fallback) if r not in relations]


def _summary(statements: list[Statement], lang: str, names: Names) -> str:
    """One line per (subject, relation) group: "ReplicaSet、Deployment 管理 Pod。"."""
    groups: dict[tuple[str, str], list[str]] = {}
    for s in statements:
        groups.setdefault((s.relation, s.subject), []).append(s.object or "")
    by_object: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for (rel, subject), objects in groups.items():
        by_object.setdefault((rel, tuple(dict.fromkeys(objects))), []).append(subject)
    lines = [fact_line(names.labels(subjects, lang), names.verb(rel, lang, len(subjects) > 1), names.labels(objects, lang),
                       lang, names.symmetric(rel)) for (rel, objects), subjects in by_object.items()]
    return ("" if lang == "zh" else " ").join(lines)


# --- relationships and composition ---------------------------------------------------------------------


def direct_relationship(question: Question, *, graph: GraphQueries, names: Names) -> Draft | None:
    """``relationship`` when the graph holds a fact between the two concepts themselves."""
    draft = relationship(question, graph=graph, names=names)
    pair = {question.intent.a, question.intent.b}
    return draft if draft is not None and any(part.concepts == pair for part in draft.parts) else None


def relationship(question: Question, *, graph: GraphQueries, names: Names) -> Draft | None:
    """The paths of up to three facts between the two concepts, each said as asserted."""
    x, y = question.intent.a, question.intent.b
    if not x or not y or x == y:
        return None
    paths, sparql = graph.paths(x, y)
    if not paths:
        return None
    hops = {graph.canonical(h) for p in paths for h in p}
    statements, _ = graph.triples(sorted(hops))
    by_fact = {}
    for s in statements:
        by_fact.setdefault(s.fact, []).append(s)
    chosen = _choose_paths(paths, by_fact, graph)
    if not chosen:
        return None
    cited = [by_fact[graph.canonical(h)][0] for p in chosen for h in p]
    direct = [p for p in chosen if len(p) == 1]
    lines = _direct_lines(direct, question.lang, graph, names) + [_path_line(p, question.lang, graph, names)
                                                                for p in chosen if len(p) > 1]
    summary = ("" if question.lang == "zh" else " ").join(lines)
    middle = tuple(h.object for p in chosen for h in p[:-1])
    return Draft("relationship", summary, statements_parts(cited, 8), sparql, middle, "graph")


def _choose_paths(paths: list[tuple[Hop, ...]], by_fact: dict, graph: GraphQueries) -> list[tuple[Hop, ...]]:
    """Every cited direct fact, and the best-supported longer paths."""
    cited = [p for p in paths if all(graph.canonical(h) in by_fact for h in p)]
    direct = [p for p in cited if len(p) == 1]
    longer = [p for p in cited if len(p) > 1]
    shortest = min((len(p) for p in longer), default=0)

    def support(path):
        return min(sum(s.support for s in by_fact[graph.canonical(h)]) for h in path)

    longer = sorted((p for p in longer if len(p) == shortest), key=lambda p: -support(p))
    strong, routes = [], set()
    for path in longer:  # the best-supported path through each sequence of concepts
        route = tuple(h.object for h in path)
        if route not in routes and support(path) * 2 >= support(longer[0]):
            routes.add(route)
            strong.append(path)
    return direct + strong[:MAX_LONG_PATHS]


def _direct_lines(paths: list[tuple[Hop, ...]], lang: str, graph: GraphQueries, names: Names) -> list[str]:
    """One sentence per subject and object, their relations joined: "Deployment 管理、选择 Pod。" /
    "Deployment manages and selects Pod." rather than one sentence per fact."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for (hop,) in paths:
        subject, relation, obj = graph.canonical(hop)
        if names.symmetric(relation):
            grouped.setdefault((subject, obj, relation), [])  # "A 与 B 交互" keeps its own sentence
        else:
            grouped.setdefault((subject, obj), []).append(relation)
    end = "。" if lang == "zh" else "."
    lines = []
    for key, relations in grouped.items():
        if len(key) == 3:
            lines.append(_clause(key, lang, names) + end)
            continue
        subject, obj = key
        verbs = join([names.verb(r, lang) for r in dict.fromkeys(relations)], lang)
        lines.append(f"{names.label(subject, lang)} {verbs} {names.label(obj, lang)}{end}")
    return lines


def _path_line(path: tuple[Hop, ...], lang: str, graph: GraphQueries, names: Names) -> str:
    """ "A 管理 B，B 管理 C（A → B → C）。": each fact said the way it is asserted (not "C 被管理 B")."""
    clauses = [_clause(graph.canonical(h), lang, names) for h in path]
    chain = " → ".join([names.label(path[0].subject, lang)] + [names.label(h.object, lang) for h in path])
    if len(path) == 1:
        return clauses[0] + ("。" if lang == "zh" else ".")
    if lang == "zh":
        return "，".join(clauses) + f"（{chain}）。"
    return ", and ".join(clauses) + f" ({chain})."


def _clause(fact: tuple[str, str, str], lang: str, names: Names) -> str:
    subject, relation, obj = fact
    if names.symmetric(relation) and lang == "zh":
        return f"{names.label(subject, lang)} 与 {names.label(obj, lang)} {names.verb(relation, lang)}"
    return f"{names.label(subject, lang)} {names.verb(relation, lang)} {names.label(obj, lang)}"


def composition(question: Question, *, graph: GraphQueries, names: Names, kinds: Kinds,
                parts_of: Mapping[str, Sequence[str]]) -> Draft | None:
    """The parts of the whole and what runs on it: the facts of the ``parts_of`` relations
    (``forward``: X hasPart …, ``inverse``: … runsOn X)."""
    key = question.intent.whole
    if not key:
        return None
    forward, sparql = graph.facts(subject=key, relations=parts_of.get("forward", ()))
    inverse, _ = graph.facts(relations=parts_of.get("inverse", ()), object=key)
    statements = forward + inverse
    parts = kinds.narrow([s.other_side(key) for s in statements], question)
    statements = [s for s in statements if s.other_side(key) in parts]
    if not statements:
        return None
    summary = fact_line([names.label(key, question.lang)], INCLUDES[question.lang], names.labels(parts, question.lang),
                        question.lang)
    return Draft("composition", summary, statements_parts(statements, MAX_FACT_PARTS), sparql, tuple(parts), "graph")
