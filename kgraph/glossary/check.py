"""``--check``: is a generated file on disk what the glossary would be now?

In: the files' paths and the texts they should hold. Out: a ``Staleness`` per file (``current``,
``stale``, ``missing``, or ``extra``: a file an earlier run generated that this run would remove) with a short summary of the difference — lines added and removed, and the
first few changed lines — for a CI log. Must not: write anything.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SHOWN_LINES = 8  # changed lines quoted in a summary


@dataclass(frozen=True)
class Staleness:
    path: str
    status: str  # current | stale | missing | extra
    added: int = 0
    removed: int = 0
    sample: tuple[str, ...] = ()  # the first changed lines, "+ …" / "- …"

    @property
    def current(self) -> bool:
        return self.status == "current"

    def summary(self) -> str:
        if self.status == "current":
            return f"current: {self.path}"
        if self.status == "extra":
            return f"extra: {self.path} (its term is gone from the notes; regenerate without --check to remove it)"
        if self.status == "missing":
            return f"missing: {self.path} (run the same command without --check to write it)"
        head = f"stale: {self.path} (+{self.added} -{self.removed} lines; regenerate it without --check)"
        return "\n".join([head, *(f"  {line}" for line in self.sample)])

    def to_dict(self) -> dict:
        return {"path": self.path, "status": self.status, "added": self.added, "removed": self.removed,
                "sample": list(self.sample)}


def check_file(path: Path, expected: str) -> Staleness:
    try:
        actual = path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return Staleness(str(path), "missing")
    if actual == expected:
        return Staleness(str(path), "current")
    return _stale(str(path), actual, expected)


def _stale(path: str, actual: str, expected: str) -> Staleness:
    diff = list(difflib.unified_diff(actual.splitlines(), expected.splitlines(), lineterm="", n=0))[2:]
    changed = [line for line in diff if not line.startswith("@@")]
    added = sum(line.startswith("+") for line in changed)
    sample = tuple(f"{line[0]} {line[1:]}"[:160] for line in changed[:SHOWN_LINES])
    return Staleness(path, "stale", added, len(changed) - added, sample or ("~ only line ends or the final newline differ",))


def all_current(results: Iterable[Staleness]) -> bool:
    return all(result.current for result in results)


def generated_files(folder: Path, marker: str) -> list[Path]:
    """The ``*.md`` files in ``folder`` whose front matter names ``marker`` as their generator."""
    line = f"generator: {marker}"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.md") if line in _front_matter(p))


def _front_matter(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    if not lines or lines[0] != "---":
        return []
    end = lines.index("---", 1) if "---" in lines[1:] else 0
    return lines[1:end]
