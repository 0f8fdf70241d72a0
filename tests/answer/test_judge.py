"""``judge``: the policy is data (questions.yaml), and one judge applies it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kgraph.answer.draft import Draft, Part
from kgraph.answer.judge import Judge, JudgePolicy
from kgraph.answer.vocabulary import load_vocabulary
from kgraph.errors import OntologyError
from kgraph.model import Citation

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"


def test_the_policy_is_read_from_the_question_vocabulary() -> None:
    assert load_vocabulary(ONTOLOGY).judge == JudgePolicy(graph=0.5, passages=0.6, bare=0.75)


def test_a_bad_policy_names_the_file(tmp_path) -> None:
    shutil.copy(ONTOLOGY / "questions.yaml", tmp_path / "questions.yaml")
    text = (tmp_path / "questions.yaml").read_text(encoding="utf-8").replace("    graph: 0.5", "    graph: half")
    (tmp_path / "questions.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(OntologyError, match="questions.yaml"):
        load_vocabulary(tmp_path)


class _Term:
    def __init__(self, kind: str) -> None:
        self.kind = kind


def test_the_threshold_follows_the_source_and_whether_a_concept_is_asked() -> None:
    judge = Judge(JudgePolicy(graph=0.5, passages=0.6, bare=0.75), coverage=None)
    part = Part("x", Citation("a.md", 1, 1, "", "x"))
    graph, passages = Draft("relation", "", (part,), source="graph"), Draft("retrieval", "", (part,), source="passages")
    concept, word = [_Term("concept"), _Term("word")], [_Term("word")]
    assert (judge.threshold(graph, concept), judge.threshold(passages, concept), judge.threshold(graph, word)) == (0.5, 0.6, 0.75)
    assert judge.share(Draft("retrieval", "", ()), concept) is None  # nothing cited answers nothing
