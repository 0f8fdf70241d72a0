"""What a sentence is about, and what its pronouns stand for.

In: a sentence's text span, its mentions (and its masked form), and what the previous sentence
opened with. Out: ``opening`` — the concepts a sentence opens with as its subject ("kube-scheduler
选择…", "emptyDir、configMap 是…", "The kubelet …") — and ``pronoun_mentions``: for a pronoun that
opens a clause (它 / 它们 / it / they), mentions of the concept(s) it stands for, at the pronoun's
place, so the rules read "它们由 kubelet 管理" as "emptyDir、configMap 由 kubelet 管理".

Resolution is deliberately narrow: a singular pronoun is the sentence's own opening subject when it
opens a later clause, else the previous sentence's; a plural pronoun is the list the previous
sentence opened with. Nothing else (no possessive 其, no "this", no noun phrases) is resolved.
Must not: match rules.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from kgraph.extract.relations import subject_like
from kgraph.extract.rules import MASK_BASE
from kgraph.model import Mention

_OPENING = re.compile(r"^[\s*>“\"'「（(]*(?:the\s+|a\s+|an\s+|each\s+|every\s+)?$", re.IGNORECASE)
_LIST = re.compile(r"^\s*(?:、|,|，|和|与|及|以及|or|and|/)\s*(?:and\s+)?(?:the\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"(它们|他们|它|(?<![A-Za-z])(?:they|it))(?![A-Za-z])", re.IGNORECASE)
_CLAUSE_END = "，,；;"
_PLURAL = frozenset({"它们", "他们", "they"})


def opening(masked: str, mentions: Sequence[Mention], text: str, start: int) -> tuple[str, ...]:
    """The concepts a sentence opens with as its subject: the first mention (and those listed
    right after it), when nothing but markup or a determiner comes before it."""
    if not mentions:
        return ()
    first = masked.find(chr(MASK_BASE))
    if first < 0 or not _OPENING.match(masked[:first]) or not subject_like(masked, 0):
        return ()
    keys = [mentions[0].key]
    for before, after in zip(mentions, mentions[1:]):
        if not _LIST.match(text[before.end:after.start]):
            break
        keys.append(after.key)
    return tuple(dict.fromkeys(keys))


def pronoun_mentions(text: str, start: int, end: int, own: tuple[str, ...],
                     previous: tuple[str, ...]) -> tuple[list[Mention], bool]:
    """Mentions for the clause-opening pronouns of ``text[start:end]``, and whether any stood for
    the previous sentence (its quote must then start there)."""
    found: list[Mention] = []
    used_previous = False
    for match in _PRONOUN.finditer(text, start, end):
        word = match.group(1)
        at, stop = match.start(1), match.end(1)
        before = text[start:at].rstrip()
        if before and before[-1] not in _CLAUSE_END:
            continue  # not opening a clause
        plural = word.lower() in _PLURAL
        later_clause = bool(before) and not plural
        keys = own[:1] if later_clause and own else (previous if plural else previous[:1])
        if not keys:
            continue
        used_previous = used_previous or not (later_clause and own)
        found += [Mention(key, at, stop, word) for key in keys]
    return found, used_previous
