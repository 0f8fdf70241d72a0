"""Hugo shortcodes as a reader sees them: tooltips, call-outs, hidden diagrams, unknown names."""
from __future__ import annotations

from kgraph.corpus import decode_note
from kgraph.model import Note
from kgraph.parse import ParsedNote, parse_note
from kgraph.parse.context import Reading
from kgraph.parse.shortcodes import parse_tag


def parse(text: str, titles: dict | None = None, path: str = "zh-cn/t.md") -> ParsedNote:
    note = decode_note(path, text.encode("utf-8"))
    assert isinstance(note, Note)
    return parse_note(note, Reading(term_titles=titles or {}, lang=note.lang))


def test_a_tooltip_shows_its_text_and_links_its_term():
    [p] = parse('节点{{< glossary_tooltip text="控制器" term_id="node-controller" >}}是一个组件。\n').passages
    assert p.text == "节点控制器是一个组件。"
    assert [(p.text[link.start:link.end], link.term_id) for link in p.links] == [("控制器", "node-controller")]
    # the quote is the verbatim source, shortcode included
    assert p.quote(0, 5)[0] == '节点{{< glossary_tooltip text="控制器" term_id="node-controller" >}}'


def test_a_tooltip_without_text_shows_the_term_title_of_the_page_language():
    titles = {"kubelet": {"en": "Kubelet", "zh": "kubelet（节点代理）"}, "pod": {"en": "Pod"}}
    [p] = parse('{{< glossary_tooltip term_id="kubelet" >}} 运行 {{<glossary_tooltip term_id="pod">}}。\n', titles).passages
    assert p.text == "kubelet（节点代理） 运行 Pod。"
    [p] = parse('{{< glossary_tooltip term_id="persistent-volume" >}} here.\n').passages
    assert p.text == "persistent volume here."  # no glossary page: the id's words


def test_callouts_keep_their_inner_text_and_diagrams_are_hidden_across_blocks():
    text = ("{{< note >}}\nPod 是最小单元。\n{{< /note >}}\n\n{{< mermaid >}}\ngraph TD\n\n  a --> b\n{{< /mermaid >}}\n\n"
            "之后的段落。\n")
    parsed = parse(text)
    assert [p.text for p in parsed.passages] == ["Pod 是最小单元。", "之后的段落。"]
    assert parsed.unknown_shortcodes == ()


def test_arguments_are_read_as_hugo_writes_them():
    tag = parse_tag('{{< feature-state for_k8s_version="v1.30" state=stable "x y" >}}')
    assert (tag.name, tag.closing, tag.named, tag.positional) == (
        "feature-state", False, (("for_k8s_version", "v1.30"), ("state", "stable")), ("x y",))
    assert parse_tag("{{% /tab %}}").closing
    assert parse_tag("{{< broken %}}") is None


def test_headings_lose_their_hugo_id():
    parsed = parse("## 调度概览 {#scheduling}\n\n调度器运行。\n")
    assert parsed.passages[0].heading_path == ("调度概览",)


def test_the_summary_marker_of_a_glossary_page_is_found():
    text = "---\ntitle: 污点\nid: taint\n---\n污点是一种核心对象。\n\n<!--more-->\n\n更多说明。\n"
    parsed = parse(text)
    assert parsed.summary_end == 7
    assert (parsed.note.term_id, parsed.note.lang) == ("taint", "zh")
