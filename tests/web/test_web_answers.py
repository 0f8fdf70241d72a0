"""``kgraph.web.answers``: an answer's "[n]" marks and its /api/ask JSON, from typed segments."""
from __future__ import annotations

from kgraph.answer.model import Answer, Citation, Segment
from kgraph.web.answers import answer_json, answer_text, marker

A = Citation("a.md", 3, 3, "H", "Deployment 管理 Pod。")
B = Citation("b.md", 7, 8, "H", "Pod [2] 被管理。")


def english() -> Answer:
    parts = (Segment("Deployment manages Pod."), Segment(" The notes say: "), Segment("“Deployment 管理 Pod。”", 0),
             Segment(" "), Segment("“Pod [2] 被管理。”", 1), Segment(" "), Segment("“Deployment 管理 Pod。”", 0))
    return Answer("What does Deployment manage?", True, parts, citations=(A, B), kind="relation", lang="en")


def test_a_marker_numbers_the_citation_from_one():
    assert [marker(Segment("x", 0)), marker(Segment("x", 11)), marker(Segment("x"))] == ["[1]", "[12]", ""]


def test_the_text_marks_each_quote_with_its_citations_number():
    assert answer_text(english()) == ("Deployment manages Pod. The notes say: “Deployment 管理 Pod。”[1] "
                                      "“Pod [2] 被管理。”[2] “Deployment 管理 Pod。”[1]")


def test_a_refusal_has_no_marks():
    refused = Answer("What is Kafka?", False, (Segment("The notes do not answer this question."),))
    assert answer_text(refused) == "The notes do not answer this question."


def test_the_json_keeps_the_answer_string_where_it_was_and_adds_the_parts():
    answer = english()
    data = answer_json(answer)
    assert list(data) == ["question", "answered", "answer", "parts", "entities", "citations", "sparql", "type", "lang",
                          "suggestions", "confidence"]
    assert data["answer"] == answer_text(answer)
    assert data["parts"][2] == {"text": "“Deployment 管理 Pod。”", "citation": 0}
    assert data["parts"][0] == {"text": "Deployment manages Pod.", "citation": None}
    assert "answer" not in answer.to_dict()  # the domain writes no marks
