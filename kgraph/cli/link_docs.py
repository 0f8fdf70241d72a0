"""``kgraph glossary --link-docs DIR --style hugo|mkdocs|sphinx [--check]``: link a docs tree to the glossary.

In: the folder, the style and the glossary (loaded by ``kgraph.cli.glossary`` with the same
``--lang`` and ``--include-undefined`` as the glossary file it must match). Out: each page whose
first mention of a term lacks its link rewritten in place (``linked: PATH (+N: …)`` on stderr),
or with ``--check`` nothing written and exit 1 when a page lacks links (``needs links: PATH …``).

Pages: ``*.md`` and ``*.markdown`` under the folder, hidden folders and files skipped, in path
order; glossary files kgraph generated are skipped, and so, for ``hugo``, is the glossary folder
itself (``…/docs/reference/glossary/``: the term pages are the glossary). A file that is not
UTF-8 is reported and left alone. Bytes are kept: the text is decoded and encoded as UTF-8 with its
line ends and any BOM untouched, and a page that needs no link is never rewritten.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

SUFFIXES = (".md", ".markdown")
GENERATED = ("kgraph glossary; format", "kgraph glossary, format", "generator: kgraph glossary")
SHOWN = 6  # terms named per page in a report line


def link_docs(folder: Path, style: str, glossary, check: bool) -> None:
    from kgraph.glossary.formats.hugo_pages import GLOSSARY_FOLDER
    from kgraph.glossary.linking import Linker

    linker = Linker.of(glossary, style)
    lacking = 0
    pages = list(_pages(folder, GLOSSARY_FOLDER if style == "hugo" else None))
    for path in pages:
        text = _read(path)
        if text is None or any(marker in text for marker in GENERATED):
            continue
        page = linker.link(text)
        if not page.changed:
            continue
        lacking += 1
        if check:
            click.echo(f"needs links: {path} ({_summary(page.added)})")
        else:
            _write(path, page.text)
            click.echo(f"linked: {path} ({_summary(page.added)})", err=True)
    verb = "lack links" if check else "linked"
    click.echo(f"{lacking} of {len(pages)} pages {verb}", err=True)
    sys.exit(1 if check and lacking else 0)


def _pages(folder: Path, glossary_folder: str | None):
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.suffix.lower() not in SUFFIXES or not path.is_file() or any(p.startswith(".") for p in relative.parts):
            continue
        if glossary_folder and relative.parent.as_posix().endswith(glossary_folder):
            continue
        yield path


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        click.echo(f"{path}: not UTF-8 ({error.reason} at byte {error.start}); left alone", err=True)
        return None


def _summary(added) -> str:
    names = ", ".join(f"{a.text} L{a.line}" for a in added[:SHOWN])
    return f"+{len(added)}: {names}{', …' if len(added) > SHOWN else ''}"


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(text.encode("utf-8"))
    os.replace(temporary, path)
