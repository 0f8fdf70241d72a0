"""kgraph.answer.listing: where a sentence's enumeration starts."""
from __future__ import annotations

from kgraph.answer.listing import _cue_position

CUES = frozenset({"分为", "包括", "include", "types"})


def test_the_names_before_the_announcement_are_not_its_members() -> None:
    text = "当节点体面关闭能够处理 Pod 优先级时，节点体面关闭的处理可以分为多个阶段。"
    assert text[_cue_position(text, CUES):].startswith("分为")
    assert _cue_position("Volume types include emptyDir and hostPath.", CUES) == len("Volume ")


def test_a_colon_announces_when_no_cue_does_and_nothing_else_announces_nothing() -> None:
    assert _cue_position("有三种 IP 地址：Node IP、Pod IP", CUES) == len("有三种 IP 地址")
    text = "Pod 是最小的部署单元。"
    assert _cue_position(text, CUES) == len(text)
