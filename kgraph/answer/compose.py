"""Answer text in the question's language: the direct answer, then the cited sentences.

In: the question's language, concept labels, relation labels, and a ``Draft``. Out: the answer as
typed ``Segment``s — the direct answer, the words introducing the quotes, each quote citing its
citation by index — and the citations in that order (the web layer numbers them "[1]", "[2]" …;
no markers are written here). Labels are the concepts' prefLabels in the question's language where they exist; the
cited sentences are quoted as the notes word them (they carry the substance: "kubelet 还通过 gRPC
协议同…交互"). Must not: decide what to say (strategies do) or whether to answer.
"""
from __future__ import annotations

from collections.abc import Sequence

from kgraph.answer.draft import Draft
from kgraph.answer.model import Citation, Segment
from kgraph.ontology import Relation

INTRO = {
    "zh": {"graph": "笔记原文：", "passages": "根据笔记：", "about": "笔记中关于{}的说明：",
           "related": "笔记没有直接这样说；相关的内容：", "separately": "笔记没有直接比较两者；分别说："},
    "en": {"graph": "The notes say:", "passages": "According to the notes:", "about": "What the notes say about {}:",
           "related": "The notes do not say this directly; related statements:",
           "separately": "The notes do not compare them directly; they say:"},
}
REFUSAL = {
    "zh": "笔记中没有找到能回答这个问题的内容。",
    "en": "The notes do not answer this question.",
}
INCLUDES = {"zh": "包括", "en": "includes"}
SUGGEST = {"zh": "您是不是想问：{}？", "en": "Did you mean: {}?"}


def join(labels: Sequence[str], lang: str) -> str:
    labels = list(dict.fromkeys(labels))
    if lang == "zh":
        return "、".join(labels)
    if len(labels) <= 2:
        return " and ".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def relation_label(relation: Relation | None, name: str, lang: str, plural: bool = False) -> str:
    labels = relation.labels.get(lang) if relation else None
    label = labels[0] if labels else name
    return _plural_verb(label) if plural and lang == "en" else label


def _plural_verb(label: str) -> str:
    """English verb agreement for several subjects: "manages" → "manage", "has part" → "have part"."""
    first, _, rest = label.partition(" ")
    if first == "has":
        first = "have"
    elif first.endswith("es") and first[:-2].endswith(("ss", "sh", "ch", "x")):
        first = first[:-2]
    elif first.endswith("s") and not first.endswith("ss"):
        first = first[:-1]
    return f"{first} {rest}".strip()


def fact_line(subjects: Sequence[str], relation: str, objects: Sequence[str], lang: str, symmetric: bool = False) -> str:
    """ "A、B 管理 C。" / "A and B manage C." (labels already in ``lang``, relation label too);
    a symmetric relation in Chinese reads "A 与 B 交互"."""
    end = "。" if lang == "zh" else "."
    if symmetric and lang == "zh":
        return f"{join(subjects, lang)} 与 {join(objects, lang)} {relation}{end}"
    return f"{join(subjects, lang)} {relation} {join(objects, lang)}{end}"


def compose(draft: Draft, lang: str) -> tuple[tuple[Segment, ...], list[Citation]]:
    """The answer's segments (summary, the opening, then each quote citing its citation) and its
    citations, each once, in the order the quotes first cite them."""
    space = "" if lang == "zh" else " "
    citations: list[Citation] = []
    quotes = []
    for part in draft.parts:
        if part.citation not in citations:
            citations.append(part.citation)
        quotes.append(Segment(f"“{part.text.strip()}”", citations.index(part.citation)))
    segments = [Segment(draft.summary)] if draft.summary else []
    if quotes:
        segments.append(Segment((space if segments else "") + (draft.intro or INTRO[lang][draft.source]) + space))
        for i, quote in enumerate(quotes):
            segments += [Segment(space), quote] if i and space else [quote]
    return tuple(segments), citations


def refusal(lang: str, suggestions: Sequence[str]) -> tuple[Segment, ...]:
    text = REFUSAL[lang]
    if suggestions:
        text += ("" if lang == "zh" else " ") + SUGGEST[lang].format(join(suggestions, lang))
    return (Segment(text),)
