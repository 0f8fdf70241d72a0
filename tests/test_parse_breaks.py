"""Line breaks inside paragraphs: hard-wrapped prose is joined, a note's statement lines are not."""
from __future__ import annotations

from kgraph.corpus import decode_note
from kgraph.model import Note
from kgraph.parse import parse_note
from kgraph.parse.breaks import line_per_statement
from kgraph.text import sentence_spans


def passages(text: str):
    note = decode_note("t.md", text.encode("utf-8"))
    assert isinstance(note, Note)
    return parse_note(note).passages


def sentences(text: str) -> list[str]:
    return [p.text[a:b] for p in passages(text) for a, b in sentence_spans(p.text)]


WRAPPED = "调度器会将所发现的每一个未调度的\nPod 调度到一个合适的节点上，\n以便 kubelet 运行它。\n"


def test_a_hard_wrapped_paragraph_is_one_sentence_with_exact_lines():
    [p] = passages(WRAPPED)
    assert p.text == "调度器会将所发现的每一个未调度的 Pod 调度到一个合适的节点上，以便 kubelet 运行它。"
    quote, span = p.quote(0, len(p.text))
    assert quote == WRAPPED.rstrip("\n") and (span.start_line, span.end_line) == (1, 3)


def test_chinese_lines_join_without_a_space_and_english_with_one():
    [p] = passages("节点控制器会\n添加污点。The scheduler\nwatches Pods.\n")
    assert p.text == "节点控制器会添加污点。The scheduler watches Pods."


def test_sentence_punctuation_at_a_line_end_still_ends_the_sentence():
    assert sentences("第一句。\n第二句没有换行符号\n继续第二句。\n") == ["第一句。", "第二句没有换行符号继续第二句。"]


STATEMENTS = "".join(f"第{i}段也只说了一件事而已\n\n" for i in range(4)) + "答案是使用Service\nk8s的Service定义了入口\nPod 在 Node 上\n"


def test_a_note_written_a_statement_a_line_keeps_its_line_ends():
    assert sentences(STATEMENTS)[-3:] == ["答案是使用Service", "k8s的Service定义了入口", "Pod 在 Node 上"]


def test_the_note_decides_from_its_unpunctuated_paragraph_ends():
    assert line_per_statement(["这一段没有句号结尾的文字"] * 5)
    assert not line_per_statement(["这一段有句号结尾的文字。"] * 5)
    assert not line_per_statement(["这一段没有句号结尾的文字"] * 4)  # too few paragraphs to tell


def test_a_hard_break_is_the_authors_line_end():
    assert sentences("第一行没有标点\\\n第二行。\n") == ["第一行没有标点", "第二行。"]


def test_a_hard_break_inside_an_english_sentence_only_wraps_it():
    text = "Compatible control plane  \ncomponents use the Lease API.  \nThe next line.\n"
    assert sentences(text) == ["Compatible control plane components use the Lease API.", "The next line."]
    spans = [(p.span.start_line, p.span.end_line) for p in passages(text)]
    assert spans == [(1, 3)]
