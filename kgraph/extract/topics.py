"""What a page is about: the concept that fills a subject its sentences leave out.

In: the notes, the concept of each glossary term id, and the ``Lexicon``. Out: note path -> concept
key, for pages about one concept: a glossary page's term, or the one concept a page's title names
with nothing else but "Kubernetes" and punctuation ("Kubernetes 调度器" -> kube-scheduler;
"污点和容忍度" names two, so no topic). Must not: read files.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from kgraph.lexicon import Lexicon
from kgraph.model import Note

_RESIDUE = re.compile(r"(?i)[\s\d.、:：（）()，,*\-–—/&]+|kubernetes|k8s")


def page_topics(notes: Iterable[Note], term_keys: Mapping[str, str], lexicon: Lexicon) -> dict[str, str]:
    topics = {}
    for note in notes:
        key = term_keys.get(note.term_id) if note.term_id else _title_topic(note.title, lexicon)
        if key:
            topics[note.path] = key
    return topics


def _title_topic(title: str, lexicon: Lexicon) -> str | None:
    found = [m for m in lexicon.find(title) if m.key.lower() != "kubernetes"]
    if len({m.key for m in found}) != 1:
        return None
    rest = "".join(ch for i, ch in enumerate(title) if not any(m.start <= i < m.end for m in found))
    return found[0].key if not _RESIDUE.sub("", rest) else None
