"""Answers read from the graph: definitions, relation questions, relationships, composition.

In: a ``Question`` and the ``Toolkit``. Out: a ``Draft`` citing the statements' evidence, with the
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

from collections.abc import Sequence

from kgraph.answer.compose import INCLUDES, INTRO, fact_line, join
from kgraph.answer.draft import Draft, Part, hits_parts, statements_parts
from kgraph.answer.graph_queries import Hop, Statement
from kgraph.answer.intents import Direction
from kgraph.answer.question import Question
from kgraph.answer.definition_passages import about
from kgraph.answer.text_answers import about_hits
from kgraph.answer.toolkit import Toolkit, other_side
from kgraph.reads import RULE_RANK, DefinitionRead, definition_order

MAX_DEFINITIONS = 3
MAX_FACT_PARTS = 5
MAX_LONG_PATHS = 2


# --- definitions -------------------------------------------------------------------------------------


def definition(question: Question, kit: Toolkit) -> Draft | None:
    key = question.intent.subject
    if key is None or question.intent.phrase:
        return None
    read = kit.graph.definitions([key])
    intro = INTRO[question.lang]["about"].format(kit.label(key, question.lang))
    parts = _definition_parts(read.rows, question.lang, kit)
    if not parts:
        return about(question, key, kit)
    if question.purpose:  # "what is X for": add the best sentence saying what it is for
        said = {p.text for p in parts}
        extra = [h for h in about_hits(question, key, kit) if h.sentence.text not in said][:1]
        parts = parts[: MAX_DEFINITIONS - len(extra)] + hits_parts(extra)
    return Draft("definition", "", parts, read.sparql, (key,), "graph", intro)


def _definition_parts(rows: Sequence[DefinitionRead], lang: str, kit: Toolkit) -> tuple[Part, ...]:
    """The best definitions by ``reads.definition_order``, the question's language first: those in
    that language when the notes have any, and of a defining form (``reads.RULE_RANK``) when
    there is one."""
    names = lambda key: kit.concepts.get(key).names() if key in kit.concepts else ()  # noqa: E731
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


def relation(question: Question, kit: Toolkit) -> Draft | None:
    asked = question.asked_relation()
    if asked is None:
        return None
    relations = list(asked.properties)
    if asked.other is not None:
        between = _between(question, asked.subject, asked.other, relations, kit)
        if between is not None:
            return between
    return _one_side(question, asked.subject, relations, asked.direction is Direction.FORWARD, kit)


def _one_side(question: Question, key: str, relations: list[str], is_subject: bool, kit: Toolkit) -> Draft | None:
    for tried, intro in ((relations, ""), (_fallbacks(relations, kit), INTRO[question.lang]["related"])):
        if not tried:
            continue
        statements, sparql = kit.graph.facts(subject=key, relations=tried) if is_subject else \
            kit.graph.facts(relations=tried, object=key)
        answers = kit.of_kind([other_side(s, key) for s in statements], question)
        statements = [s for s in statements if other_side(s, key) in answers]
        if statements:
            summary = _summary(statements, question.lang, kit)
            return Draft("relation", summary, statements_parts(statements, MAX_FACT_PARTS), sparql,
                         tuple(answers), "graph", intro)
    return None


def _between(question: Question, a: str, b: str, relations: list[str], kit: Toolkit) -> Draft | None:
    forward, sparql = kit.graph.facts(subject=a, relations=relations, object=b)
    backward, _ = kit.graph.facts(subject=b, relations=relations, object=a)
    statements = forward + backward
    if not statements:
        return None
    found = _kind_in_evidence(statements, question, kit)
    summary = (kit.listed(found, question.lang) + ("。" if question.lang == "zh" else ". ")) if found else ""
    summary += _summary(statements, question.lang, kit)
    return Draft("relation", summary, statements_parts(statements, MAX_FACT_PARTS), sparql, tuple(found), "graph")


def _kind_in_evidence(statements: list[Statement], question: Question, kit: Toolkit) -> list[str]:
    """Concepts of the asked-for kind named in the cited sentences ("什么协议" → gRPC)."""
    wanted = kit.kind_members(question)
    if not wanted:
        return []
    named = [m.key for s in statements for m in kit.concepts.find_in_text(s.text)]
    return [k for k in dict.fromkeys(named) if k in wanted and k not in question.keys]


def _fallbacks(relations: list[str], kit: Toolkit) -> list[str]:
    fallback = [r for rel in relations for r in kit.vocabulary.fallback_relations.get(rel, ())]
    return [r for r in dict.fromkeys(fallback) if r not in relations]


def _summary(statements: list[Statement], lang: str, kit: Toolkit) -> str:
    """One line per (subject, relation) group: "ReplicaSet、Deployment 管理 Pod。"."""
    groups: dict[tuple[str, str], list[str]] = {}
    for s in statements:
        groups.setdefault((s.relation, s.subject), []).append(s.object or "")
    by_object: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for (rel, subject), objects in groups.items():
        by_object.setdefault((rel, tuple(dict.fromkeys(objects))), []).append(subject)
    lines = [fact_line(kit.labels(subjects, lang), kit.verb(rel, lang, len(subjects) > 1), kit.labels(objects, lang),
                       lang, kit.symmetric(rel)) for (rel, objects), subjects in by_object.items()]
    return ("" if lang == "zh" else " ").join(lines)


# --- relationships and composition ---------------------------------------------------------------------


def direct_relationship(question: Question, kit: Toolkit) -> Draft | None:
    """``relationship`` when the graph holds a fact between the two concepts themselves."""
    draft = relationship(question, kit)
    pair = {question.intent.a, question.intent.b}
    return draft if draft is not None and any(part.concepts == pair for part in draft.parts) else None


def relationship(question: Question, kit: Toolkit) -> Draft | None:
    x, y = question.intent.a, question.intent.b
    if not x or not y or x == y:
        return None
    paths, sparql = kit.graph.paths(x, y)
    if not paths:
        return None
    hops = {kit.graph.canonical(h) for p in paths for h in p}
    statements, _ = kit.graph.triples(sorted(hops))
    by_fact = {}
    for s in statements:
        by_fact.setdefault(s.fact, []).append(s)
    chosen = _choose_paths(paths, by_fact, kit)
    if not chosen:
        return None
    cited = [by_fact[kit.graph.canonical(h)][0] for p in chosen for h in p]
    direct = [p for p in chosen if len(p) == 1]
    lines = _direct_lines(direct, question.lang, kit) + [_path_line(p, question.lang, kit) for p in chosen if len(p) > 1]
    summary = ("" if question.lang == "zh" else " ").join(lines)
    middle = tuple(h.object for p in chosen for h in p[:-1])
    return Draft("relationship", summary, statements_parts(cited, 8), sparql, middle, "graph")


def _choose_paths(paths: list[tuple[Hop, ...]], by_fact: dict, kit: Toolkit) -> list[tuple[Hop, ...]]:
    """Every cited direct fact, and the best-supported longer paths."""
    cited = [p for p in paths if all(kit.graph.canonical(h) in by_fact for h in p)]
    direct = [p for p in cited if len(p) == 1]
    longer = [p for p in cited if len(p) > 1]
    shortest = min((len(p) for p in longer), default=0)

    def support(path):
        return min(sum(s.support for s in by_fact[kit.graph.canonical(h)]) for h in path)

    longer = sorted((p for p in longer if len(p) == shortest), key=lambda p: -support(p))
    strong, routes = [], set()
    for path in longer:  # the best-supported path through each sequence of concepts
        route = tuple(h.object for h in path)
        if route not in routes and support(path) * 2 >= support(longer[0]):
            routes.add(route)
            strong.append(path)
    return direct + strong[:MAX_LONG_PATHS]


def _direct_lines(paths: list[tuple[Hop, ...]], lang: str, kit: Toolkit) -> list[str]:
    """One sentence per subject and object, their relations joined: "Deployment 管理、选择 Pod。" /
    "Deployment manages and selects Pod." rather than one sentence per fact."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for (hop,) in paths:
        subject, relation, obj = kit.graph.canonical(hop)
        if kit.symmetric(relation):
            grouped.setdefault((subject, obj, relation), [])  # "A 与 B 交互" keeps its own sentence
        else:
            grouped.setdefault((subject, obj), []).append(relation)
    end = "。" if lang == "zh" else "."
    lines = []
    for key, relations in grouped.items():
        if len(key) == 3:
            lines.append(_clause(key, lang, kit) + end)
            continue
        subject, obj = key
        verbs = join([kit.verb(r, lang) for r in dict.fromkeys(relations)], lang)
        lines.append(f"{kit.label(subject, lang)} {verbs} {kit.label(obj, lang)}{end}")
    return lines


def _path_line(path: tuple[Hop, ...], lang: str, kit: Toolkit) -> str:
    """ "A 管理 B，B 管理 C（A → B → C）。": each fact said the way it is asserted (not "C 被管理 B")."""
    clauses = [_clause(kit.graph.canonical(h), lang, kit) for h in path]
    chain = " → ".join([kit.label(path[0].subject, lang)] + [kit.label(h.object, lang) for h in path])
    if len(path) == 1:
        return clauses[0] + ("。" if lang == "zh" else ".")
    if lang == "zh":
        return "，".join(clauses) + f"（{chain}）。"
    return ", and ".join(clauses) + f" ({chain})."


def _clause(fact: tuple[str, str, str], lang: str, kit: Toolkit) -> str:
    subject, relation, obj = fact
    if kit.symmetric(relation) and lang == "zh":
        return f"{kit.label(subject, lang)} 与 {kit.label(obj, lang)} {kit.verb(relation, lang)}"
    return f"{kit.label(subject, lang)} {kit.verb(relation, lang)} {kit.label(obj, lang)}"


def composition(question: Question, kit: Toolkit) -> Draft | None:
    key = question.intent.whole
    if not key:
        return None
    forward, sparql = kit.graph.facts(subject=key, relations=kit.vocabulary.composition.get("forward", ()))
    inverse, _ = kit.graph.facts(relations=kit.vocabulary.composition.get("inverse", ()), object=key)
    statements = forward + inverse
    parts = kit.of_kind([other_side(s, key) for s in statements], question)
    statements = [s for s in statements if other_side(s, key) in parts]
    if not statements:
        return None
    summary = fact_line([kit.label(key, question.lang)], INCLUDES[question.lang], kit.labels(parts, question.lang),
                        question.lang)
    return Draft("composition", summary, statements_parts(statements, MAX_FACT_PARTS), sparql, tuple(parts), "graph")
