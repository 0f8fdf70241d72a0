"""Glossary order and anchors.

In: a concept's key and its English and Chinese labels. Out: a sort key and an anchor.
Must not: depend on anything but its arguments, so both are stable across runs and machines (the
one outside input is pypinyin's dictionary, so pyproject.toml pins pypinyin: a new version may read
a character differently).

- Order: by the English term, case-insensitively; a term with no English name sorts by the pinyin
  of its Chinese name (tone marks dropped, Latin runs kept), among the English terms — so 静态卷
  files under "jingtaijuan", between "Job" and "kubelet". Ties fall back to the exact text and
  then the concept key, so the order is total.
- Anchors: ``term-`` (as kubernetes.io's glossary) + the key in lower case with every run of other
  characters made one "-", Chinese characters spelled in pinyin: ``ReplicaSet`` → ``term-replicaset``,
  ``kube-apiserver`` → ``term-kube-apiserver``, ``共享Volume`` → ``term-gong-xiang-volume``. The
  prefix keeps them clear of the ids that MkDocs and GitHub derive from headings. Two keys that
  give the same slug (``NFS``/``nfs``) are told apart: the first in key order keeps it, each other
  one gets ``-`` and six hex digits of its key's SHA-1.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin

ANCHOR_PREFIX = "term-"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def sort_key(key: str, label_en: str | None, label_zh: str | None) -> tuple[str, str, str]:
    primary = label_en or (pinyin(label_zh, " ") if label_zh else key)
    folded = unicodedata.normalize("NFKC", primary).casefold()
    return re.sub(r"\s+", " ", folded).strip(), primary, key


def pinyin(text: str, separator: str) -> str:
    """'静态卷' -> 'jing tai juan' (separator ' '); Latin runs stay as they are."""
    return separator.join(part.strip() for part in lazy_pinyin(text, style=Style.NORMAL) if part.strip())


def slug(key: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", pinyin(key, "-")).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")


def anchors(keys: Iterable[str]) -> dict[str, str]:
    """Key -> unique anchor (see the module docstring)."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(keys):
        anchor = ANCHOR_PREFIX + (slug(key) or _digest(key))
        if anchor in taken:
            anchor = f"{anchor}-{_digest(key)}"
        taken.add(anchor)
        result[key] = anchor
    return result


def _digest(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
