"""How sure a fact is: the rule's prior scaled by the evidence the sentence gives.

In: the rule's confidence (``ontology/patterns.yaml``), the type check's verdict, whether a side
came from the topic, and the clause's scope factor (``kgraph.extract.scope``). Out: a confidence in
[0, 1], rounded to two places. The build keeps a fact in the default graph when its best evidence
reaches the threshold fitted on the development split (``ontology/thresholds.yaml``, written by
``bench/quality.py --fit``); the others go to the candidate graph. The same file holds each rule's
prior as measured on the development split (``rule_priors``: the share of its judged facts that
are right, smoothed towards the prior written in the patterns file); it replaces that prior.

Factors (each 1.0 for the strongest evidence):
- types: both participants typed and admitted by the relation's domain and range (1.0); a side
  without a type weakens it by its side's factor (``Untyped``: the doer's and the other's, fitted on
  the development split as ``untyped`` in the thresholds file — an untyped doer is far more often a
  misread than an untyped object; ``UNTYPED`` for both when none were fitted); a rule for every
  relation ("generic") with an untyped side is weaker again (``GENERIC_UNTYPED``): its verb alone
  says which relation it is;
- topic: a side filled from the heading, the page or an earlier clause (``TOPIC``);
- scope: conditional, example or question clauses (``SCOPE_FACTORS`` of ``scope``).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from kgraph.errors import OntologyError
from kgraph.model import Assertion

THRESHOLDS_FILE = "thresholds.yaml"
UNTYPED = 0.85
GENERIC_UNTYPED = 0.85
TOPIC = 0.9


@dataclass(frozen=True)
class Untyped:
    """How much a fact weakens when its doer (``subject``) or its other side (``object``) has no type."""

    subject: float = UNTYPED
    object: float = UNTYPED

    def factor(self, subject_untyped: bool, object_untyped: bool) -> float:
        return (self.subject if subject_untyped else 1.0) * (self.object if object_untyped else 1.0)


def confidence(prior: float, types: float, generic: bool, used_topic: bool, scope: float) -> float:
    """``types``: the product of the ``Untyped`` factors of the fact's untyped sides (1.0: both typed)."""
    value = prior * types
    if generic and types < 1.0:
        value *= GENERIC_UNTYPED
    if used_topic:
        value *= TOPIC
    return round(value * scope, 2)


def load_threshold(directory: Path) -> float:
    """The fitted fact threshold of ``<directory>/thresholds.yaml`` (0 when the file has none)."""
    path = Path(directory) / THRESHOLDS_FILE
    if not path.exists():
        return 0.0
    try:
        value = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("fact_threshold", 0.0)
        return float(value)
    except (OSError, yaml.YAMLError, TypeError, ValueError, AttributeError) as error:
        raise OntologyError(f"{path}: cannot read the fact threshold: {error}") from error


def load_untyped(directory: Path) -> Untyped:
    """The fitted ``untyped`` factors of ``<directory>/thresholds.yaml`` (``UNTYPED`` for a side without one)."""
    path = Path(directory) / THRESHOLDS_FILE
    if not path.exists():
        return Untyped()
    try:
        values = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("untyped") or {}
        return Untyped(float(values.get("subject", UNTYPED)), float(values.get("object", UNTYPED)))
    except (OSError, yaml.YAMLError, TypeError, ValueError, AttributeError) as error:
        raise OntologyError(f"{path}: cannot read the untyped factors: {error}") from error


def load_priors(directory: Path) -> dict[str, float]:
    """Rule id -> its fitted prior, from ``<directory>/thresholds.yaml`` (empty when none were fitted)."""
    path = Path(directory) / THRESHOLDS_FILE
    if not path.exists():
        return {}
    try:
        priors = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rule_priors") or {}
        return {str(rule): float(value) for rule, value in priors.items()}
    except (OSError, yaml.YAMLError, TypeError, ValueError, AttributeError) as error:
        raise OntologyError(f"{path}: cannot read the rule priors: {error}") from error


def split_facts(assertions: Iterable[Assertion], threshold: float) -> tuple[tuple[Assertion, ...], tuple[Assertion, ...]]:
    """(facts whose best evidence reaches ``threshold``, the others): every evidence of a fact goes
    with it, so a fact stated once firmly and once weakly keeps both citations."""
    assertions = tuple(assertions)
    best: dict[tuple[str, str, str], float] = {}
    for a in assertions:
        key = (a.subject, a.relation, a.object)
        best[key] = max(best.get(key, 0.0), a.evidence.confidence)
    kept = tuple(a for a in assertions if best[(a.subject, a.relation, a.object)] >= threshold)
    return kept, tuple(a for a in assertions if best[(a.subject, a.relation, a.object)] < threshold)
