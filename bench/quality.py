"""Knowledge quality: relations found, facts right, definitions carried, per split and language.

Usage:
    python bench/quality.py [--split corpus --split dev --split test] [--misses N] [--unjudged FILE] [--json]

For each split (see tests/quality/README.md) the split's notes are built with the real build into
a temporary store, and the built graph is read back by SPARQL (Oxigraph, read-only) and through
the glossary, as a user would. Then, per split and language:

- **recall**: of the gold relations (``gold/relations.<split>*.tsv``), the share the default graph
  holds with evidence from the stating note whose lines overlap the gold lines (subject and object
  found by any of their labels, folded as the matcher folds); ``recall expl.`` counts only the rows
  the second reader marked ``explicit`` (the sentence has words for the relation itself);
- **precision**: of the extracted facts that were judged (``judged/<split>.tsv``, plus every fact
  that matches a gold row, which reading already found right), the share judged right; ``judged``
  says how many of the facts that is;
- **definitions**: of the gold defined terms (``gold/definitions.<split>*.tsv``, per term and
  language), the share carried by exactly one glossary entry whose chosen definition in that language
  is one of the sentences the gold says define it; ``glossary``: of the terms with a glossary page,
  the share whose chosen definition is cited from that page; ``aliases`` also asks that the entry
  carries every alias the gold lists;
- **what-is answers**: of the same terms, asked "What is X?" / "什么是X？" in the term's language,
  the share answered with a citation of one of the sentences the gold says define X
  (``what-is answered``: the share answered at all);
- **inverse answers**: of the gold relations (those a verb can ask about), asked "What manages
  Pod?" / "什么管理Pod？" in the stating page's language, the share whose answer names the gold
  subject, and the share that also cites the stating lines.

``--misses N`` prints N gold relations not found per split (never look at the test split's), each
with why it was missed (see ``diagnose``), and a count of the reasons per split and language;
``--unjudged FILE`` writes the facts without a verdict, in the judged file's format, to be read.
Thresholds are never fitted here: this only measures.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from kgraph.build import build  # noqa: E402
from kgraph.config import Settings  # noqa: E402
from kgraph.extract.confidence import UNTYPED, Untyped, load_priors, load_untyped  # noqa: E402
from kgraph.glossary import GlossaryOptions, load_glossary  # noqa: E402
from kgraph.kb import KnowledgeBase  # noqa: E402
from kgraph.lexicon import fold_label  # noqa: E402
from kgraph.ontology import load_ontology  # noqa: E402
from kgraph.sparql import SparqlEngine  # noqa: E402
from kgraph.web.answers import answer_text  # noqa: E402

QUALITY = ROOT / "tests" / "quality"
SPLITS = {
    "corpus": ROOT / "corpus",
    "dev": ROOT / "tests/corpora/k8s-docs/content",
    "test": ROOT / "tests/corpora/k8s-docs-test/content",
}
_SOURCE = re.compile(r"^(?P<path>[^:]+):(?P<first>\d+)(?:-(?P<last>\d+))?$")
FACTS = """
SELECT ?s ?p ?o ?path ?start ?end ?rule ?confidence ?quote WHERE {
  GRAPH graph:asserted { ?s ?p ?o }
  ?p rdfs:subPropertyOf kg:relatedTo .
  ?e a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kg:startLine ?start ; kg:endLine ?end ; kg:rule ?rule ; kg:confidence ?confidence ;
     oa:hasSelector/oa:exact ?quote ; prov:wasDerivedFrom/dct:isPartOf/kg:path ?path .
}"""
LABELS = """
SELECT ?c ?l WHERE { GRAPH graph:asserted { ?c a skos:Concept ; skos:prefLabel|skos:altLabel|skos:hiddenLabel ?l } }"""
TYPED = """
SELECT DISTINCT ?c WHERE { GRAPH graph:asserted { ?c a skos:Concept , ?class } ?class rdfs:subClassOf* kg:KubernetesConcept }"""
SYMMETRIC = {"interactsWith"}


@dataclass(frozen=True)
class Lines:
    path: str
    first: int
    last: int

    @classmethod
    def parse(cls, source: str) -> Lines:
        match = _SOURCE.match(source.strip())
        if not match:
            raise ValueError(f"bad source {source!r}")
        return cls(match["path"], int(match["first"]), int(match["last"] or match["first"]))

    def overlaps(self, path: str, start: int, end: int) -> bool:
        return path == self.path and start <= self.last and self.first <= end

    @property
    def lang(self) -> str:
        return lang_of(self.path)


@dataclass(frozen=True)
class Fact:
    subject: str  # concept key
    relation: str
    object: str
    path: str
    start: int
    end: int
    rule: str
    confidence: float
    quote: str

    @property
    def key(self) -> tuple:
        return (self.path, self.start, self.subject, self.relation, self.object)


@dataclass
class Built:
    facts: list[Fact]
    names: dict[str, set[str]]  # folded label -> concept keys
    glossary: list  # GlossaryEntry values
    base: str
    settings: Settings
    typed: set[str] = field(default_factory=set)  # concept keys with an ontology class


@dataclass
class Scores:
    rows: dict[str, dict[str, float | int | str]] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    reasons: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # split/lang -> why rows were missed
    unjudged: list[Fact] = field(default_factory=list)
    wrong_answers: dict[str, list[str]] = field(default_factory=dict)


def lang_of(path: str) -> str:
    return "en" if path.startswith("en/") else "zh"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if any(row.values())]


def gold(kind: str, split: str) -> list[dict[str, str]]:
    files = sorted((QUALITY / "gold").glob(f"{kind}.{split}.*tsv")) + sorted((QUALITY / "gold").glob(f"{kind}.{split}.tsv"))
    return [row for file in dict.fromkeys(files) for row in read_tsv(file)]


def judged(split: str) -> dict[tuple, str]:
    file = QUALITY / "judged" / f"{split}.tsv"
    verdicts = {}
    for row in read_tsv(file) if file.exists() else []:
        lines = Lines.parse(row["source"])
        verdicts[(lines.path, lines.first, row["subject"], row["relation"], row["object"])] = row["verdict"]
    return verdicts


def build_split(split: str, workdir: Path, threshold: float | None = None) -> Built:
    settings = Settings(corpus=SPLITS[split], store=workdir / split, fact_threshold=threshold)
    build(settings)
    engine = SparqlEngine.open(settings)
    base = settings.base
    facts = [Fact(_key(r["s"], base), _local(r["p"]), _key(r["o"], base), str(r["path"]), int(r["start"]), int(r["end"]),
                  str(r["rule"]), float(r["confidence"]), str(r["quote"])) for r in engine.select(FACTS)]
    names: dict[str, set[str]] = defaultdict(set)
    for row in engine.select(LABELS):
        names[fold_label(str(row["l"]))].add(_key(row["c"], base))
    glossary = load_glossary(engine, GlossaryOptions(lang="both")).entries
    typed = {_key(row["c"], base) for row in engine.select(TYPED)}
    return Built(facts, names, list(glossary), base, settings, typed)


def _key(iri, base: str) -> str:
    return str(iri).removeprefix(f"{base}/id/")


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def concepts(names: dict[str, set[str]], written: str) -> set[str]:
    """The concepts any of ``a | b | c`` names (plural forms tolerated)."""
    found: set[str] = set()
    for name in (n.strip() for n in written.split("|")):
        folded = fold_label(name)
        for form in (folded, folded[:-1] if folded.endswith("s") else None, folded[:-2] if folded.endswith("es") else None):
            if form and form in names:
                found |= names[form]
                break
    return found


def matches(row: dict[str, str], fact: Fact, names: dict[str, set[str]], cache: dict) -> bool:
    lines = cache.setdefault(("lines", row["source"]), Lines.parse(row["source"]))
    if not lines.overlaps(fact.path, fact.start, fact.end):
        return False
    subjects = cache.setdefault(("c", row["subject"]), concepts(names, row["subject"]))
    objects = cache.setdefault(("c", row["object"]), concepts(names, row["object"]))
    if fact.relation != row["relation"]:
        return False
    forward = fact.subject in subjects and fact.object in objects
    backward = row["relation"] in SYMMETRIC and fact.subject in objects and fact.object in subjects
    return forward or backward


def score_relations(split: str, built: Built, scores: Scores, misses: int) -> set[tuple]:
    """Recall per language; returns the keys of facts that match a gold row (right by reading)."""
    rows = gold("relations", split)
    by_path: dict[str, list[Fact]] = defaultdict(list)
    for fact in built.facts:
        by_path[fact.path].append(fact)
    cache: dict = {}
    found_keys: set[tuple] = set()
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # found, total, explicit found, explicit
    missed = []
    for row in rows:
        lines = Lines.parse(row["source"])
        hits = [f for f in by_path.get(lines.path, ()) if matches(row, f, built.names, cache)]
        counts = tally[lines.lang]
        explicit = row.get("strength", "explicit") == "explicit"
        counts[1] += 1
        counts[3] += explicit
        if hits:
            counts[0] += 1
            counts[2] += explicit
            found_keys.update(f.key for f in hits)
        else:
            reason = diagnose(row, built, by_path, cache)
            scores.reasons[f"{split}/{lines.lang}"][reason] += 1
            missed.append(f"{row['source']}\t{row['subject']} {row['relation']} {row['object']}\t{row['quote'][:60]}"
                          f"\t{row.get('strength', '')}\t{reason}")
    for lang, (found, total, explicit_found, explicit) in tally.items():
        row = scores.rows.setdefault(f"{split}/{lang}", {})
        row.update(relations=total, recall=found / total if total else 0.0,
                   explicit=explicit, recall_explicit=explicit_found / explicit if explicit else 0.0)
    scores.misses[split] = missed[:misses]
    return found_keys


MISS_REASONS = ("no concept", "one side only", "wrong property", "wrong direction", "elsewhere only", "nothing here")


def diagnose(row: dict[str, str], built: Built, by_path: dict[str, list[Fact]], cache: dict) -> str:
    """Why the graph misses a gold row, the first that applies: a participant is no concept
    (``no concept``); the stating lines give facts about one of the two only (``one side only``),
    the pair with another property (``wrong property``) or the other way round
    (``wrong direction``); the graph holds the fact from other lines only (``elsewhere only``);
    else the lines yield nothing about the pair (``nothing here``)."""
    subjects = cache.setdefault(("c", row["subject"]), concepts(built.names, row["subject"]))
    objects = cache.setdefault(("c", row["object"]), concepts(built.names, row["object"]))
    if not subjects or not objects:
        return "no concept"
    lines = cache.setdefault(("lines", row["source"]), Lines.parse(row["source"]))
    here = [f for f in by_path.get(lines.path, ()) if lines.overlaps(f.path, f.start, f.end)]
    if any(f.subject in subjects and f.object in objects for f in here):
        return "wrong property"
    if any(f.subject in objects and f.object in subjects for f in here):
        return "wrong direction"
    if any({f.subject, f.object} & (subjects | objects) for f in here):
        return "one side only"
    if any(f.relation == row["relation"] and f.subject in subjects and f.object in objects for f in built.facts):
        return "elsewhere only"
    return "nothing here"


def score_precision(split: str, built: Built, right_by_gold: set[tuple], scores: Scores) -> None:
    verdicts = judged(split)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # right, judged, facts
    for fact in built.facts:
        verdict = "right" if fact.key in right_by_gold else verdicts.get(fact.key)
        counts = tally[lang_of(fact.path) if split != "corpus" else "zh"]
        counts[2] += 1
        if verdict:
            counts[1] += 1
            counts[0] += verdict == "right"
        else:
            scores.unjudged.append(fact)
    for lang, (right, judged_count, facts) in tally.items():
        row = scores.rows.setdefault(f"{split}/{lang}", {})
        row.update(facts=facts, judged=judged_count, precision=right / judged_count if judged_count else 0.0)


def score_definitions(split: str, built: Built, scores: Scores) -> None:
    """Per defined term and language: exactly one glossary entry carries the term's name, and its
    chosen definition in that language is one of the sentences the gold says define it."""
    carriers: dict[str, list] = defaultdict(list)
    for entry in built.glossary:
        for name in _entry_names(entry):
            carriers[fold_label(name)].append(entry)
    terms: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in gold("definitions", split):
        terms[(fold_label(row["term"]), row["lang"])].append(row)
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for (term, lang), rows in terms.items():
        entries = {id(e): e for e in carriers.get(term, [])}
        one = next(iter(entries.values())) if len(entries) == 1 else None
        sources = [Lines.parse(row["source"]) for row in rows]
        cited = one is not None and any(
            d.lang == lang and any(s.overlaps(d.citation.source, d.citation.start_line, d.citation.end_line) for s in sources)
            for d in one.definitions)
        aliases = {fold_label(a) for row in rows for a in row["aliases"].split("|") if a.strip()}
        complete = cited and aliases <= {fold_label(n) for n in _entry_names(one)}
        counts = tally[lang if split != "corpus" else "zh"]
        for column, ok in (("definitions", cited), ("aliases", complete)):
            counts[column][0] += ok
            counts[column][1] += 1
        if any(row["kind"] == "glossary" for row in rows):
            glossary_page = [s for row, s in zip(rows, sources) if row["kind"] == "glossary"]
            counts["glossary"][0] += one is not None and any(
                d.lang == lang and any(s.overlaps(d.citation.source, d.citation.start_line, d.citation.end_line)
                                       for s in glossary_page) for d in one.definitions)
            counts["glossary"][1] += 1
    for lang, counts in tally.items():
        row = scores.rows.setdefault(f"{split}/{lang}", {})
        for column, (ok, total) in counts.items():
            row[column] = ok / total if total else 0.0
            row[f"{column}_n"] = total


ASKED = {"en": "What is {term}?", "zh": "什么是{term}？"}


def score_answers(split: str, built: Built, scores: Scores) -> None:
    """Per gold defined term and language: asked "What is X?" / "什么是X？" in that language, the
    service answers and cites one of the sentences the gold says define X."""
    terms: dict[tuple[str, str], list[Lines]] = defaultdict(list)
    for row in gold("definitions", split):
        terms[(row["term"], row["lang"])].append(Lines.parse(row["source"]))
    knowledge = KnowledgeBase(built.settings)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # cited a definition, answered, asked
    try:
        for (term, lang), sources in terms.items():
            reply = knowledge.ask(ASKED[lang].format(term=term))
            right = reply.answered and any(s.overlaps(c.source, c.start_line, c.end_line)
                                           for c in reply.citations for s in sources)
            counts = tally[lang if split != "corpus" else "zh"]
            counts[0] += right
            counts[1] += reply.answered
            counts[2] += 1
            if not right:
                scores.wrong_answers.setdefault(split, []).append(
                    f"{ASKED[lang].format(term=term)}\t{'answered' if reply.answered else 'refused'}\t"
                    + "; ".join(f"{c.source}:{c.start_line}" for c in reply.citations[:2]))
    finally:
        knowledge.close()
    for lang, (right, answered, asked) in tally.items():
        row = scores.rows.setdefault(f"{split}/{lang}", {})
        row.update(def_answers=right / asked if asked else 0.0, def_answered=answered / asked if asked else 0.0)


NOT_ASKED = {"subtypeOf", "hasPart", "hasAddress"}  # no verb to ask "what … X?" with
INVERSE = {"en": "What {verb} {object}?", "zh": "什么{verb}{object}？"}


def score_inverse_answers(split: str, built: Built, scores: Scores) -> None:
    """Per gold relation (its language, its relation's first label as the verb; ``NOT_ASKED``
    left out): asked "What manages Pod?" / "什么管理Pod？", the answer names the gold subject
    (``inverse named``) and also cites the stating lines (``inverse cited``)."""
    relations = load_ontology(built.settings.ontology, built.base).relations
    knowledge = KnowledgeBase(built.settings)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # named, cited, asked
    asked: dict[str, object] = {}
    try:
        for row in gold("relations", split):
            relation = relations.get(row["relation"])
            lines = Lines.parse(row["source"])
            lang = lines.lang if split != "corpus" else "zh"
            if relation is None or row["relation"] in NOT_ASKED or not relation.labels.get(lang):
                continue
            text = INVERSE[lang].format(verb=relation.labels[lang][0], object=_name_in(row["object"], lang))
            reply = asked.get(text) or asked.setdefault(text, knowledge.ask(text))
            said = fold_label(answer_text(reply) + " " + " ".join(l for e in reply.entities for l in (e.label, *e.labels)))
            named = reply.answered and any(fold_label(n) in said for n in row["subject"].split("|") if n.strip())
            cited = named and any(lines.overlaps(c.source, c.start_line, c.end_line) for c in reply.citations)
            counts = tally[lang]
            counts[0] += named
            counts[1] += cited
            counts[2] += 1
    finally:
        knowledge.close()
    for lang, (named, cited, total) in tally.items():
        row = scores.rows.setdefault(f"{split}/{lang}", {})
        row.update(inverse_named=named / total if total else 0.0, inverse_cited=cited / total if total else 0.0,
                   inverse_n=total)


def _name_in(names: str, lang: str) -> str:
    """The gold name to ask with: a Chinese one for a Chinese question when the gold gives one."""
    written = [n.strip() for n in names.split("|") if n.strip()]
    chinese = [n for n in written if any("\u4e00" <= ch <= "\u9fff" for ch in n)]
    return chinese[0] if lang == "zh" and chinese else written[0]


def _entry_names(entry) -> set[str]:
    return {n for n in (entry.label_en, entry.label_zh, *entry.aliases) if n}


def evaluate(splits: Iterable[str], misses: int = 0) -> Scores:
    scores = Scores()
    with tempfile.TemporaryDirectory(prefix="kgraph-quality-") as tmp:
        for split in splits:
            built = build_split(split, Path(tmp))
            right = score_relations(split, built, scores, misses)
            score_precision(split, built, right, scores)
            score_definitions(split, built, scores)
            score_answers(split, built, scores)
            score_inverse_answers(split, built, scores)
    return scores


COLUMNS = [("relations", "gold rel.", "{:d}"), ("recall", "recall", "{:.0%}"),
           ("recall_explicit", "recall expl.", "{:.0%}"), ("facts", "facts", "{:d}"),
           ("judged", "judged", "{:d}"), ("precision", "precision", "{:.0%}"), ("definitions_n", "def. terms", "{:d}"),
           ("definitions", "def. right", "{:.0%}"), ("glossary", "glossary", "{:.0%}"), ("aliases", "all aliases", "{:.0%}"),
           ("def_answers", "what-is cited", "{:.0%}"), ("def_answered", "what-is answered", "{:.0%}"),
           ("inverse_n", "inverse asked", "{:d}"), ("inverse_named", "inverse named", "{:.0%}"),
           ("inverse_cited", "inverse cited", "{:.0%}")]


def table(scores: Scores) -> str:
    header = ["split/lang"] + [title for _k, title, _f in COLUMNS]
    lines = [header]
    for name, row in scores.rows.items():
        lines.append([name] + [fmt.format(row[key]) if key in row else "" for key, _t, fmt in COLUMNS])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = ["  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(line, widths))) for line in lines]
    return "\n".join([out[0], "-" * len(out[0]), *out[1:]])


PRECISION_TARGET = 0.85
TUNING = ("dev", "corpus")  # the splits thresholds and priors are fitted on; never "test"
RECALL_KEEP = 1.0  # a threshold may cost no tuning split any of the recall it has with every fact kept
PRIOR_WEIGHT = 4  # a rule's written prior counts as this many judged facts when its prior is fitted
THRESHOLDS = ROOT / "ontology" / "thresholds.yaml"


@dataclass(frozen=True)
class Fit:
    threshold: float
    priors: dict[str, float]  # rule id -> fitted prior
    untyped: Untyped  # fitted factors of a fact's untyped doer and other side
    curve: list[tuple[float, float, float, int]]  # (threshold, recall, precision, judged facts)
    rules: dict[str, tuple[int, int]]  # rule id -> (right, judged) on the split


def fit(splits: Sequence[str] = TUNING) -> Fit:
    """Fit on the tuning ``splits`` (the development split and the seed notes; never the test
    split), every fact kept: first each rule's prior — the share of its judged facts that are
    right (facts matching a gold row count as right), smoothed towards the prior of the patterns
    file with ``PRIOR_WEIGHT`` — and the factors of an untyped doer and other side (``_fit_untyped``), then the fact threshold: for each confidence t (recomputed with the
    fitted priors), recall of the gold and precision of the judged facts among the facts whose best
    evidence reaches t. Among the thresholds that keep, in every tuning split, at least
    ``RECALL_KEEP`` of the recall of keeping every fact, the lowest that reaches
    ``PRECISION_TARGET``, else the most precise one."""
    written = {rule["id"]: float(rule["confidence"]) for rule in
               yaml.safe_load((ROOT / "ontology" / "patterns.yaml").read_text(encoding="utf-8"))["rules"]}
    in_use = {**written, **load_priors(ROOT / "ontology")}
    untyped_in_use = load_untyped(ROOT / "ontology")
    typed: set[tuple[str, str]] = set()  # (split, concept key) with an ontology class
    facts: list[tuple[str, Fact]] = []
    hits: list[list[tuple[str, Fact]]] = []
    verdict_of: dict[tuple, str | None] = {}
    for split in splits:
        with tempfile.TemporaryDirectory(prefix="kgraph-fit-") as tmp:
            built = build_split(split, Path(tmp), threshold=0.0)
        verdicts = judged(split)
        cache: dict = {}
        by_path: dict[str, list[Fact]] = defaultdict(list)
        for f in built.facts:
            by_path[f.path].append(f)
        found = [[f for f in by_path.get(Lines.parse(r["source"]).path, ()) if matches(r, f, built.names, cache)]
                 for r in gold("relations", split)]
        gold_right = {f.key for here in found for f in here}
        typed |= {(split, key) for key in built.typed}
        facts += [(split, f) for f in built.facts]
        hits += [[(split, f) for f in here] for here in found]
        verdict_of.update({(split, *f.key): "right" if f.key in gold_right else verdicts.get(f.key) for f in built.facts})
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for split, f in facts:
        if verdict_of[(split, *f.key)]:
            tally[f.rule][0] += verdict_of[(split, *f.key)] == "right"
            tally[f.rule][1] += 1
    priors = {rule: round((right + PRIOR_WEIGHT * written.get(rule, 0.5)) / (n + PRIOR_WEIGHT), 2)
              for rule, (right, n) in sorted(tally.items())}

    sides = {(split, *f.key): ((split, f.subject) not in typed, (split, f.object) not in typed) for split, f in facts}
    untyped = _fit_untyped(facts, sides, verdict_of)

    def refitted(f: Fact, split: str) -> float:
        used = (in_use.get(f.rule) or 1.0) * untyped_in_use.factor(*sides[(split, *f.key)])
        return round(f.confidence / used * priors.get(f.rule, written.get(f.rule, used)) * untyped.factor(*sides[(split, *f.key)]), 2)

    def triple(split: str, f: Fact) -> tuple:  # a build keeps or drops a fact by its best evidence
        return (split, f.subject, f.relation, f.object)

    best: dict[tuple, float] = defaultdict(float)
    for split, f in facts:
        best[triple(split, f)] = max(best[triple(split, f)], refitted(f, split))
    row_best = [max((best[triple(split, f)] for split, f in here), default=None) for here in hits]
    row_split = [split for split in splits for _row in gold("relations", split)]

    def found(t: float, split: str | None = None) -> int:
        return sum(1 for b, s in zip(row_best, row_split) if b is not None and b >= t and split in (None, s))

    curve, keeps = [], {}
    for t in sorted(set(best.values())):
        recall = found(t) / max(1, len(hits))
        kept = [verdict_of[(split, *f.key)] for split, f in facts
                if best[triple(split, f)] >= t and verdict_of[(split, *f.key)]]
        precision = sum(v == "right" for v in kept) / max(1, len(kept))
        curve.append((t, recall, precision, len(kept)))
        keeps[t] = all(found(t, split) >= RECALL_KEEP * found(0.0, split) for split in splits)
    keeping = [point for point in curve if keeps[point[0]]]
    reaching = [point for point in keeping if point[2] >= PRECISION_TARGET]
    chosen = min(reaching, key=lambda p: p[0]) if reaching else max(keeping, key=lambda p: (p[2], -p[0]))
    return Fit(chosen[0], priors, untyped, curve, {rule: (r, n) for rule, (r, n) in tally.items()})


def _fit_untyped(facts: list[tuple[str, Fact]], sides: dict[tuple, tuple[bool, bool]],
                 verdict_of: dict[tuple, str | None]) -> Untyped:
    """Each side's factor: the judged precision of the facts whose doer (object) has no type, over
    that of the facts whose two sides are typed, smoothed towards ``UNTYPED`` with ``PRIOR_WEIGHT``."""
    def precision(which) -> tuple[int, int]:
        verdicts = [verdict_of[(s, *f.key)] for s, f in facts if verdict_of[(s, *f.key)] and which(sides[(s, *f.key)])]
        return sum(v == "right" for v in verdicts), len(verdicts)

    right, n = precision(lambda side: not side[0] and not side[1])
    typed = right / n if n else 1.0

    def factor(index: int) -> float:
        r, k = precision(lambda side: side[index])
        return round(min(1.0, (r + PRIOR_WEIGHT * typed * UNTYPED) / (k + PRIOR_WEIGHT) / typed), 2) if typed else UNTYPED

    return Untyped(factor(0), factor(1))


def write_fit(result: Fit) -> None:
    header = [line for line in THRESHOLDS.read_text(encoding="utf-8").splitlines() if line.startswith("#")
              and not line.startswith(("# Fitted on", "# rule id", "# a fact's confidence"))]
    point = next(p for p in result.curve if p[0] == result.threshold)
    lines = header + [f"# Fitted on the tuning splits ({', '.join(TUNING)}): recall {point[1]:.3f}, judged precision {point[2]:.3f} "
                      f"({point[3]} judged facts) at this threshold.", f"fact_threshold: {result.threshold}",
                      "# a fact's confidence is multiplied by these when its doer (subject) or its other side has no type",
                      "untyped:", f"  subject: {result.untyped.subject}", f"  object: {result.untyped.object}",
                      "# rule id: fitted prior  # right/judged facts of the rule on the tuning splits",
                      "rule_priors:"]
    lines += [f"  {rule}: {prior}  # {result.rules[rule][0]}/{result.rules[rule][1]}" for rule, prior in result.priors.items()]
    THRESHOLDS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_unjudged(path: Path, facts: list[Fact]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("source\tsubject\trelation\tobject\tverdict\treason\tquote\n")
        for f in sorted(facts, key=lambda f: f.key):
            source = f"{f.path}:{f.start}" if f.start == f.end else f"{f.path}:{f.start}-{f.end}"
            quote = " ".join(f.quote.split())
            handle.write(f"{source}\t{f.subject}\t{f.relation}\t{f.object}\t\t\t{quote}\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", action="append", choices=list(SPLITS), help="split(s) to score [default: all]")
    parser.add_argument("--misses", type=int, default=0, help="print this many missed gold relations per split")
    parser.add_argument("--unjudged", type=Path, help="write facts without a verdict to this file")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--fit", action="store_true",
                        help="fit the rule priors and the fact threshold on the tuning splits (dev, corpus) "
                             "and write ontology/thresholds.yaml")
    args = parser.parse_args(argv)
    if args.fit:
        result = fit()
        print("threshold  recall  precision  judged")
        for t, r, p, n in result.curve:
            print(f"{t:9.2f}  {r:6.1%}  {p:9.1%}  {n:6d}{'  <- chosen' if t == result.threshold else ''}")
        write_fit(result)
        return 0
    scores = evaluate(args.split or list(SPLITS), args.misses)
    print(json.dumps(scores.rows, indent=2) if args.json else table(scores))
    if args.misses:
        print("\nwhy gold relations were missed (bench/quality.py diagnose):")
        print("split/lang  " + "  ".join(f"{r:>15}" for r in MISS_REASONS))
        for name, counts in scores.reasons.items():
            print(f"{name:<10}  " + "  ".join(f"{counts[r]:>15d}" for r in MISS_REASONS))
    for split, missed in scores.misses.items():
        if missed:
            print(f"\nmissed in {split}:\n" + "\n".join(missed))
            wrong = scores.wrong_answers.get(split, [])[:args.misses]
            print(f"\nwhat-is questions not answered by a defining sentence in {split}:\n" + "\n".join(wrong))
    if args.unjudged:
        write_unjudged(args.unjudged, scores.unjudged)
        print(f"\n{len(scores.unjudged)} unjudged fact(s) written to {args.unjudged}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
