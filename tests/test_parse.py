"""Tests for kgraph.parse: passages, spans, heading paths, plain text and offsets."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.corpus import decode_note
from kgraph.model import Note, Passage, Problem, Span
from kgraph.parse import ParsedNote, parse_note
from kgraph.text import sentence_spans, split_lines

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "parse"


def load(path: Path, name: str | None = None) -> Note:
    note = decode_note(name or path.name, path.read_bytes())
    assert isinstance(note, Note)
    return note


def parse_text(text: str) -> ParsedNote:
    note = decode_note("t.md", text.encode("utf-8"))
    assert isinstance(note, Note)
    return parse_note(note)


def rows(parsed: ParsedNote) -> list[tuple[str, int, int, tuple[str, ...], str]]:
    return [(p.kind, p.span.start_line, p.span.end_line, p.heading_path, p.text) for p in parsed.passages]


def fixture(name: str) -> ParsedNote:
    return parse_note(load(FIXTURES / name))


def containing(parsed: ParsedNote, needle: str) -> list[Passage]:
    return [p for p in parsed.passages if needle in p.text]


# --- invariants every passage keeps ----------------------------------------------------------


def check_invariants(parsed: ParsedNote) -> None:
    lines = split_lines(parsed.note.text)
    for index, passage in enumerate(parsed.passages):
        assert passage.index == index
        assert passage.text and passage.text == passage.text.strip()
        assert 1 <= passage.span.start_line <= passage.span.end_line <= len(lines)
        assert passage.source == "\n".join(lines[passage.span.start_line - 1 : passage.span.end_line])
        assert len(passage.offsets) == len(passage.text)
        assert list(passage.offsets) == sorted(passage.offsets)
        assert all(0 <= off < len(passage.source) for off in passage.offsets)
        assert passage.span.start_line > parsed.note.front_matter_lines
        for start, end in sentence_spans(passage.text):
            quote, span = passage.quote(start, end)
            assert quote in passage.source
            assert passage.span.start_line <= span.start_line <= span.end_line <= passage.span.end_line
            assert quote in "\n".join(lines[span.start_line - 1 : span.end_line])


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "corpus").glob("*.md")))
def test_real_notes_keep_invariants(name: str) -> None:
    check_invariants(parse_note(load(ROOT / "corpus" / name)))


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.md")))
def test_fixtures_keep_invariants(name: str) -> None:
    check_invariants(fixture(name))


# --- the real corpus, spans checked by hand with grep -n -----------------------------------------

TITLE_000 = "Kubernetes资源对象Pod、ReplicaSet、Deployment、Service之间的关系"


@pytest.fixture(scope="module")
def note000() -> ParsedNote:
    return parse_note(load(ROOT / "corpus" / "000_b4841ad40d62e92a.md"))


def test_summary_sentence_in_note_000(note000: ParsedNote) -> None:
    first, second = containing(note000, "Pod被ReplicaSet管理")
    assert (first.kind, first.span, first.heading_path) == ("paragraph", Span(23, 23), (TITLE_000, "Service"))
    assert first.text.startswith("总结一下：Pod被ReplicaSet管理，")
    assert (second.span, second.heading_path) == (Span(257, 257), ("Deployment 和 Pod",))
    assert second.source.startswith("**Pod被") and not second.text.startswith("*")


def test_bold_lead_sections_of_note_000(note000: ParsedNote) -> None:
    [replica] = containing(note000, "先说下Replication Controller")
    assert (replica.span, replica.heading_path) == (Span(10, 12), (TITLE_000, "ReplicaSet"))
    [pod] = containing(note000, "Pod是一个或多个容器的组合")
    assert (pod.span, pod.heading_path) == (Span(7, 7), (TITLE_000, "Pod"))
    [node_ip] = containing(note000, "可以是物理机的IP")
    assert (node_ip.span, node_ip.heading_path) == (Span(193, 193), ("IP和Port", "Node IP"))


def test_mid_paragraph_bold_heading_of_note_000(note000: ParsedNote) -> None:
    [before] = containing(note000, "3：利于容器间文件共享")
    assert (before.span, before.heading_path) == (Span(235, 236), ("Pod和容器",))
    [after] = containing(note000, "总结，pod是k8s的最小单元")
    assert (after.span, after.heading_path) == (Span(238, 238), ("Pod和容器", "二：pod和容器的区别"))
    [sentence] = containing(note000, "一：在探讨pod和容器的区别之前")  # a whole bold sentence stays a paragraph
    assert (sentence.kind, sentence.span) == ("paragraph", Span(220, 220))


def test_yaml_manifest_and_lists_of_note_000(note000: ParsedNote) -> None:
    [code] = [p for p in note000.passages if p.kind == "code" and "test-pd" in p.text]
    assert (code.span, code.heading_path) == (Span(97, 114), ("k8s存储", "hostPath"))
    assert code.text.startswith("apiVersion: v1\nkind: Pod\nmetadata:\n  name: test-pd\n")
    assert code.text.endswith("      type: Directory")
    [item] = containing(note000, "emptyDir： Pod 启动时为空")
    assert (item.kind, item.span, item.heading_path) == ("list_item", Span(45, 45), ("k8s存储", "临时卷的类型"))
    assert item.text.startswith("emptyDir： Pod 启动时为空，")  # link text kept, URL dropped


def test_compatibility_ideographs_become_unified_in_note_000(note000: ParsedNote) -> None:
    [passage] = containing(note000, "Kubernetes 调度器使用 PersistentVolume")
    assert passage.span == Span(154, 154)
    assert "\ufa38" in passage.source and "\ufa38" not in passage.text


def test_front_matter_and_hash_heading_of_note_004() -> None:
    parsed = parse_note(load(ROOT / "corpus" / "004_67691ae25526bf00.md"))
    assert parsed.passages[0].span.start_line == 19
    [ingress] = containing(parsed, "实现四层代理")
    assert (ingress.span, ingress.heading_path) == (Span(122, 122), ("k8s重要组件", "Ingress Controller"))
    [pause] = containing(parsed, "最主要的作用")
    assert pause.span == Span(19, 20)
    assert pause.text == "pause容器的作用:\n最主要的作用：创建共享的网络名称空间，以便于其它容器以平等的关系加入此网络名称空间"
    start = pause.text.index("最主要")
    assert pause.quote(start, start + 6) == ("最主要的作用", Span(20, 20))
    start = pause.text.index("创建")
    assert pause.quote(start, start + 11) == ("创建共享的网络名称空间", Span(20, 20))


def test_sentence_heading_and_indented_code_of_note_003() -> None:
    parsed = parse_note(load(ROOT / "corpus" / "003_39f8276f66997fbe.md"))
    [demoted] = containing(parsed, "而后台支撑型服务的核心关注点")
    assert (demoted.kind, demoted.span, demoted.heading_path) == ("paragraph", Span(51, 51), ("Pod控制器", "后台支撑服务集(DaemonSet)"))
    [code] = containing(parsed, "第一组是无状态")
    assert (code.kind, code.span) == ("code", Span(62, 63))
    assert code.text.startswith("第一组是无状态(stateless)")


def test_bold_lead_under_level_four_heading_of_note_002() -> None:
    parsed = parse_note(load(ROOT / "corpus" / "002_619db85eefd09656.md"))
    [item] = containing(parsed, "必须先创建 pause 容器")
    assert (item.kind, item.span) == ("list_item", Span(42, 42))
    assert item.heading_path == ("1. 核心组件原理 —— pod 核心原理", "1.4 pod 底层网络和数据存储是如何进行的", "pod 底层")
    [question] = containing(parsed, "什么意思呢")  # bold but a question: not a heading
    assert (question.span, question.text) == (Span(70, 70), "什么意思呢？")


# --- fixtures, one quirk each ----------------------------------------------------------------


def test_headings_strip_colons_and_keep_numbering() -> None:
    assert rows(fixture("headings.md")) == [
        ("paragraph", 7, 7, ("总览", "控制器", "1.1 pod 是什么"), "Pod 是最小单元。"),
        ("paragraph", 11, 11, ("总览", "pod"), "pause容器的作用"),
    ]


def test_hash_without_space_is_a_heading_but_escaped_hash_is_not() -> None:
    assert rows(fixture("hash_heading.md")) == [
        ("paragraph", 4, 4, ("k8s重要组件", "Ingress Controller"), "实现四层代理，igress可实现七层代理"),
        ("paragraph", 6, 6, ("k8s重要组件", "Ingress Controller"), "###不是标题"),
    ]


def test_bold_lead_lines_become_headings_one_level_down() -> None:
    path = ("资源对象",)
    long_bold = "很长的加粗" * 9
    assert rows(fixture("bold_lead.md")) == [
        ("paragraph", 5, 5, (*path, "Pod"), "Pod是最小单元。"),
        ("paragraph", 8, 9, (*path, "ReplicaSet"), "ReplicaSet 管理 Pod。\n在yaml文件中声明副本数。"),
        ("paragraph", 12, 12, (*path, "Node IP"), "节点的IP地址。"),
        ("paragraph", 14, 14, (*path, "Node IP"), "前一段第一行。"),
        ("paragraph", 16, 16, (*path, "二：区别"), "总结，pod是最小单元。"),
        ("paragraph", 18, 18, (*path, "二：区别"), "这是一整句加粗的话，它以句号结束，所以不是标题。"),
        ("paragraph", 20, 20, (*path, "二：区别"), long_bold),
        ("list_item", 22, 22, (*path, "二：区别"), "列表里的加粗"),
        ("blockquote", 24, 24, (*path, "二：区别"), "引用里的加粗"),
    ]


def test_bold_lead_split_keeps_exact_offsets() -> None:
    passage = fixture("bold_lead.md").passages[1]
    assert passage.source == "ReplicaSet 管理 Pod。\n在yaml文件中声明副本数。"
    assert passage.offsets == tuple(range(len(passage.source)))


def test_code_fences_and_indented_code() -> None:
    assert rows(fixture("code.md")) == [
        ("code", 4, 7, ("示例",), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: test-pd"),
        ("paragraph", 10, 10, ("示例",), "缩进代码："),
        ("code", 12, 13, ("示例",), "第一组是无状态(stateless)\n第二组是有状态(stateful)"),
    ]
    indented = fixture("code.md").passages[2]
    assert indented.quote(0, 7) == ("第一组是无状态", Span(12, 12))


def test_unclosed_fence_is_a_warning() -> None:
    parsed = fixture("unclosed_fence.md")
    assert parsed.problems == (
        Problem("unclosed_fence.md", "code fence is never closed: the rest of the note is read as code", line=3, kind="markdown"),
    )
    assert rows(parsed)[1] == ("code", 4, 6, (), "kind: Pod\n\n后面的文字也成了代码")


def test_table_rows_join_cells_with_pipes_that_point_at_pipes() -> None:
    parsed = fixture("table.md")
    assert rows(parsed) == [
        ("table_row", 5, 5, ("控制器对比",), "Deployment | ReplicaSet | 支持滚动更新"),
        ("table_row", 6, 6, ("控制器对比",), "CronJob | Job"),
        ("table_row", 7, 7, ("控制器对比",), "kubelet | 组件 | 静态 Pod | 见 文档"),
    ]
    first = parsed.passages[0]
    assert first.quote(0, len("Deployment | ReplicaSet")) == ("Deployment | ReplicaSet", Span(5, 5))


def test_lists_nested_items_and_blockquotes() -> None:
    assert rows(fixture("lists.md")) == [
        ("list_item", 3, 3, ("列表",), "Deployment 管理 ReplicaSet"),
        ("list_item", 4, 5, ("列表",), "ReplicaSet 管理 Pod 继续一行"),
        ("list_item", 6, 6, ("列表",), "第二项"),
        ("list_item", 8, 8, ("列表",), "第二项的第二段"),
        ("list_item", 10, 10, ("列表",), "有序一"),
        ("list_item", 11, 11, ("列表",), "有序二"),
        ("blockquote", 13, 14, ("列表",), "引用第一段续行"),
        ("list_item", 16, 16, ("列表",), "引用里的列表项"),
        ("blockquote", 18, 18, ("列表",), "引用第二段"),
    ]


def test_front_matter_is_never_a_passage_and_maps_count_it() -> None:
    parsed = fixture("front_matter.md")
    assert parsed.note.front_matter_lines == 4
    assert rows(parsed) == [("paragraph", 7, 7, ("标题",), "正文第一段。")]


def test_definition_list_terms_and_definitions() -> None:
    assert rows(fixture("deflist.md")) == [
        ("paragraph", 1, 1, (), "Pod"),
        ("paragraph", 2, 2, (), "Kubernetes 的最小可部署单元。"),
        ("paragraph", 4, 4, (), "Service"),
        ("paragraph", 5, 5, (), "为一组 Pod 提供固定入口。"),
    ]


def test_html_block_keeps_text_and_skips_comments() -> None:
    assert rows(fixture("html_block.md")) == [
        ("paragraph", 1, 3, (), "Pod 是最小单元 & 可调度"),
        ("paragraph", 7, 7, (), "正文"),
    ]


def test_hugo_shortcodes_keep_what_a_reader_sees() -> None:
    parsed = fixture("shortcodes.md")
    assert rows(parsed) == [
        ("paragraph", 3, 3, ("Hugo",), "Pod 图"),  # a figure shows its caption
        ("paragraph", 5, 7, ("Hugo",), "Pod 是最小单元。"),  # an unknown shortcode keeps its inner text
        ("paragraph", 9, 9, ("Hugo",), "参见  一节，Pod 运行在 Node 上。"),
    ]
    assert parsed.unknown_shortcodes == (("notice", 5), ("ref", 9))


def test_sentence_marked_as_heading_stays_a_passage() -> None:
    assert rows(fixture("sentence_heading.md")) == [
        ("paragraph", 3, 3, ("后台支撑服务集(DaemonSet)",), "而后台支撑型服务要保证每个节点上都有一个此类Pod运行。"),
        ("paragraph", 5, 5, ("后台支撑服务集(DaemonSet)",), "节点可能是所有集群节点。"),
        ("paragraph", 9, 9, ("后台支撑服务集(DaemonSet)", "Pod 是什么？"), "Pod 是最小单元。"),
    ]


# --- inline plain text -----------------------------------------------------------------------


def test_inline_markup_links_images_and_html_are_plain() -> None:
    text = (
        "**Deployment** 管理 `ReplicaSet`，见 [官方文档](https://k8s.io/zh/ \"标题\") 与 ![图](a.png)。\n"
        "<font color='cyan'>**调度任务**</font> &amp; &lt;Pod&gt; 转义\\*星号\\*\n"
    )
    [passage] = parse_text(text).passages
    assert passage.text == "Deployment 管理 ReplicaSet，见 官方文档 与 。\n调度任务 & <Pod> 转义*星号*"
    assert passage.quote(0, 10) == ("Deployment", Span(1, 1))
    assert passage.quote(passage.text.index("调度任务"), passage.text.index(" &")) == ("调度任务", Span(2, 2))
    mismatched = [(ch, passage.source[off]) for ch, off in zip(passage.text, passage.offsets) if ch != passage.source[off]]
    assert mismatched == [("<", "&"), (">", "&")]  # entities point at their source "&"


def test_invisible_and_lookalike_characters() -> None:
    [passage] = parse_text("零宽\u200b字符\ufeff 和\u00a0空格\u3000调度\ufa38\u2060\n").passages
    assert passage.text == "零宽字符 和 空格\u3000调度器"
    assert [passage.source[off] for off in passage.offsets][-3:] == ["调", "度", "\ufa38"]


def test_links_autolinks_strikethrough_and_breaks() -> None:
    text = "链接 <https://k8s.io> 与 [引用][ref] 与 ~~删除~~ 和 _强调_  \n第二行\\\n第三行\n\n[ref]: https://e.com\n"
    [passage] = parse_text(text).passages
    assert passage.text == "链接 https://k8s.io 与 引用 与 删除 和 强调\n第二行\n第三行"
    assert passage.span == Span(1, 3)
    newline_offsets = [off for ch, off in zip(passage.text, passage.offsets) if ch == "\n"]
    assert [passage.source[off] for off in newline_offsets] == ["\n", "\n"]


def test_image_only_paragraph_is_not_a_passage() -> None:
    assert parse_text("![](./z-0.jpg)\n\n![1.png](image/x.png)\n").passages == ()


# --- properties ------------------------------------------------------------------------------

MARKDOWN_ALPHABET = [
    *"#*_`[]()!<>|-:：。！？.\n \t\\&;{}%=+~abcPod中文管理\u200b\u00a0\r\x00\ufa38",
    *["\n\n", "```", "---\n", "    ", "> ", "- ", "1. ", "**", "| a |", "&amp;", "<b>", "{{<", ">}}"],
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MARKDOWN_ALPHABET), max_size=80).map("".join))
def test_parse_note_never_raises_on_markdownish_text(text: str) -> None:
    note = Note("p.md", text, "0", "utf-8", "p", front_matter_lines=0)
    check_invariants(parse_note(note))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_parse_note_never_raises_on_any_text(text: str) -> None:
    check_invariants(parse_note(Note("p.md", text, "0", "utf-8", "p")))
