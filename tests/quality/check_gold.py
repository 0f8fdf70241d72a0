"""Check the gold files by themselves: every row's file and lines exist and hold its quote.

Run: ``python tests/quality/check_gold.py`` (all gold files) or with file names. Prints one line
per bad row (``file:row: why``) and exits 1 if there is any. It needs no build and no kgraph
import beyond the ontology's relation names, so gold writers can run it while they write.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SPLITS = {
    "corpus": ROOT / "corpus",
    "dev": ROOT / "tests/corpora/k8s-docs/content",
    "test": ROOT / "tests/corpora/k8s-docs-test/content",
}
RELATION_COLUMNS = ["source", "subject", "relation", "object", "quote", "strength"]
STRENGTHS = ("explicit", "implied")
DEFINITION_COLUMNS = ["term", "aliases", "source", "lang", "kind"]
JUDGED_COLUMNS = ["source", "subject", "relation", "object", "verdict", "reason", "quote"]
_SOURCE = re.compile(r"^(?P<path>[^:]+):(?P<first>\d+)(?:-(?P<last>\d+))?$")
_SPACE = re.compile(r"\s+")


def forward_relations() -> set[str]:
    text = (ROOT / "ontology/kgraph.ttl").read_text(encoding="utf-8")
    names = set(re.findall(r"^kg:(\w+) a owl:ObjectProperty", text, re.MULTILINE))
    derived = set(re.findall(r"^kg:(\w+) a owl:ObjectProperty ;\n    kg:derivedInverse true", text, re.MULTILINE))
    return names - derived - {"relatedTo", "mentions"}


def split_of(path: Path) -> str:
    """``relations.dev.tsv`` / ``relations.dev.scheduling.tsv`` -> ``dev``."""
    return path.name.split(".")[1] if path.parent.name == "gold" else path.stem.split(".")[0]


def squash(text: str) -> str:
    return _SPACE.sub("", text)


def check_source(root: Path, source: str, quote: str) -> str | None:
    match = _SOURCE.match(source.strip())
    if not match:
        return f"source {source!r} is not path:line or path:first-last"
    file = root / match["path"]
    if not file.is_file():
        return f"no file {match['path']} under {root}"
    lines = file.read_text(encoding="utf-8").split("\n")
    first, last = int(match["first"]), int(match["last"] or match["first"])
    if not 1 <= first <= last <= len(lines):
        return f"lines {first}-{last} outside the file's {len(lines)} lines"
    if quote and squash(quote) not in squash("".join(lines[first - 1:last])):
        return f"quote {quote[:40]!r} is not in lines {first}-{last}"
    return None


def check_file(path: Path, relations: set[str]) -> list[str]:
    kind = path.name.split(".")[0] if path.parent.name == "gold" else "judged"
    columns = {"relations": RELATION_COLUMNS, "definitions": DEFINITION_COLUMNS, "judged": JUDGED_COLUMNS}[kind]
    root = SPLITS.get(split_of(path))
    if root is None:
        return [f"{path}: unknown split {split_of(path)!r}"]
    problems = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if kind == "relations" and header == columns[:-1]:
            columns = columns[:-1]  # not yet reviewed for strength
        if header != columns:
            return [f"{path}:1: header must be {columns}, is {header}"]
        for number, row in enumerate(reader, start=2):
            if not row or not "".join(row).strip():
                continue
            if len(row) != len(columns):
                problems.append(f"{path}:{number}: {len(row)} columns, expected {len(columns)}")
                continue
            record = dict(zip(columns, row))
            if kind != "definitions" and record["relation"] not in relations:
                problems.append(f"{path}:{number}: {record['relation']!r} is not a forward relation")
            if "strength" in record and record["strength"] not in STRENGTHS:
                problems.append(f"{path}:{number}: strength must be one of {STRENGTHS}")
            if kind == "judged" and record["verdict"] not in ("right", "wrong"):
                problems.append(f"{path}:{number}: verdict must be right or wrong")
            why = check_source(root, record["source"], record.get("quote", "") if kind != "judged" else "")
            if why:
                problems.append(f"{path}:{number}: {why}")
    return problems


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((HERE / "gold").glob("*.tsv")) + sorted((HERE / "judged").glob("*.tsv"))
    relations = forward_relations()
    problems = [p for f in files for p in check_file(f, relations)]
    for problem in problems:
        print(problem)
    print(f"{len(files)} file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
