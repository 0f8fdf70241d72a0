"""``kgraph glossary``: the notes' glossary for a docs site, or a check that a written one is current.

In: options (``--store``/``--base`` fall back to ``KGRAPH_*``; the base defaults to the one the store
was built with). Out: the glossary on stdout or in ``--out`` (``mkdocs`` also writes the
abbreviations file; ``hugo-pages`` writes a tree of term files under the folder ``--out`` and
removes the term files an earlier run wrote for terms that are gone), a one-line report per file on stderr; with ``--check`` nothing is written and the exit
code says whether the files are current (0) or stale or missing (1, with a short diff summary).
With ``--link-docs DIR --style …`` it links a docs tree to the glossary instead (``kgraph.cli.link_docs``).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kgraph.cli import main
from kgraph.cli.options import base_option, fail, settings_of_store, store_option
from kgraph.config import Settings
from kgraph.errors import KgraphError

FORMAT_NAMES = ("markdown", "mkdocs", "hugo", "html", "json", "hugo-pages", "sphinx", "mkdocs-ezglossary", "docusaurus")  # kgraph.glossary.formats.FORMATS
DIRECTORY_FORMATS = ("hugo-pages",)  # kgraph.glossary.formats.DIRECTORY_FORMATS


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="markdown", show_default=True,
              help="markdown: one page (GitHub, MkDocs); mkdocs: that page plus an abbreviations file; "
                   "hugo: a YAML data file of kubernetes.io-style entries; html: a standalone page; json: the entry list; "
                   "hugo-pages: one content file per term and language under --out (a Hugo site's root), as kubernetes.io; "
                   "sphinx: a reStructuredText page with a pre-sorted glossary directive; "
                   "mkdocs-ezglossary: a page of glossary:term definition lists for the ezglossary plugin; "
                   "docusaurus: the glossary.json of docusaurus-plugin-glossary.")
@click.option("--out", type=click.Path(path_type=Path),
              help="Write here instead of stdout (needed by mkdocs, hugo-pages and --check); hugo-pages: the site's root folder.")
@click.option("--lang", type=click.Choice(["both", "en", "zh"]), default="both", show_default=True,
              help="both: 'ReplicaSet（副本集）'; en / zh: that language first and its labels.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 with a diff summary if --out is stale or missing.")
@click.option("--include-undefined", is_flag=True, help="Also list concepts the notes do not define (marked so).")
@click.option("--abbreviations", type=click.Path(dir_okay=False, path_type=Path),
              help="mkdocs: where the abbreviations go [default: includes/abbreviations.md beside the docs folder of --out].")
@click.option("--link-docs", "link_docs", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Instead of writing a glossary, link the first mention of each term on every page of this docs folder.")
@click.option("--style", type=click.Choice(["hugo", "mkdocs", "sphinx"]),
              help="--link-docs: hugo: glossary_tooltip shortcodes; mkdocs: <glossary:…> (ezglossary); sphinx: MyST {term} roles.")
@click.option("--source-url", metavar="TEMPLATE",
              help="Link source references in Markdown, mkdocs-ezglossary and Sphinx, e.g. 'https://git.example/notes/blob/main/{path}#L{start}-L{end}'.")
@store_option
@base_option
def glossary(fmt: str, out: Path | None, lang: str, check: bool, include_undefined: bool,
             abbreviations: Path | None, link_docs: Path | None, style: str | None, source_url: str | None,
             store: Path | None, base: str | None) -> None:
    """Write the glossary of the notes: one entry per concept, every definition cited."""
    if link_docs is not None or style is not None:
        _link(link_docs, style, out, lang, include_undefined, check, store, base)
        return
    if out is None and (check or fmt == "mkdocs" or fmt in DIRECTORY_FORMATS):
        given = ("--check compares files" if check else "--format mkdocs writes a page and an abbreviations file"
                 if fmt == "mkdocs" else f"--format {fmt} writes a folder of files")
        raise click.UsageError(f"missing option --out: {given}, so it needs --out {'DIR' if fmt in DIRECTORY_FORMATS else 'FILE'}")
    if out is not None and out.is_dir() and fmt not in DIRECTORY_FORMATS:
        raise click.BadParameter(f"{out} is a folder; --format {fmt} writes one file", param_hint="--out")
    _check_template(source_url)
    try:
        rendered = _render(settings_of_store(store=store, base=base), fmt, lang, include_undefined, source_url)
    except KgraphError as error:
        fail(error)
    if out is None:
        sys.stdout.buffer.write(rendered.page.encode("utf-8"))
        return
    files = [(out / name, text) for name, text in rendered.files] if fmt in DIRECTORY_FORMATS else [(out, rendered.page)]
    if rendered.abbreviations is not None:
        files.append((abbreviations or default_abbreviations(out), rendered.abbreviations))
    orphans = _orphans(out, fmt, lang, files)
    if check:
        _check(files, orphans)
    else:
        _write(files, orphans)


def _check_template(template: str | None) -> None:
    try:
        if template:
            template.format(path="notes.md", start=1, end=2)
    except (KeyError, IndexError, ValueError) as error:
        raise click.BadParameter(f"use only {{path}}, {{start}} and {{end}} ({error!r})", param_hint="--source-url")


def _render(settings: Settings, fmt: str, lang: str, include_undefined: bool, source_url: str | None):
    from kgraph.glossary import render

    return render(_load(settings, lang, include_undefined), fmt, source_url)


def _load(settings: Settings, lang: str, include_undefined: bool):
    from kgraph.glossary import GlossaryOptions, load_glossary
    from kgraph.kb import KnowledgeBase

    kb = KnowledgeBase(settings)
    try:
        return load_glossary(kb.sparql, GlossaryOptions(lang, include_undefined))
    finally:
        kb.close()


def _link(folder: Path | None, style: str | None, out: Path | None, lang: str, include_undefined: bool, check: bool,
          store: Path | None, base: str | None) -> None:
    from kgraph.cli.link_docs import link_docs

    if folder is None or style is None:
        raise click.UsageError("--link-docs DIR and --style hugo|mkdocs|sphinx go together")
    if out is not None:
        raise click.UsageError("--link-docs rewrites the pages in DIR; it takes no --out")
    try:
        glossary = _load(settings_of_store(store=store, base=base), lang, include_undefined)
    except KgraphError as error:
        fail(error)
    link_docs(folder, style, glossary, check)


def default_abbreviations(page: Path) -> Path:
    """``docs/glossary.md`` -> ``includes/abbreviations.md`` (Material for MkDocs' convention)."""
    return page.parent.parent / "includes" / "abbreviations.md"


def _orphans(out: Path, fmt: str, lang: str, files: list[tuple[Path, str]]) -> list[Path]:
    """hugo-pages: term files an earlier run wrote that this run does not (a term the notes lost)."""
    if fmt != "hugo-pages":
        return []
    from kgraph.glossary.check import generated_files
    from kgraph.glossary.formats.hugo_pages import GENERATOR, glossary_dir, page_langs

    written = {path for path, _ in files}
    found = [p for l in page_langs(lang) for p in generated_files(out / glossary_dir(l), GENERATOR)]
    return [path for path in found if path not in written]


def _check(files: list[tuple[Path, str]], orphans: list[Path]) -> None:
    from kgraph.glossary.check import Staleness, all_current, check_file

    results = [check_file(path, text) for path, text in files] + [Staleness(str(p), "extra") for p in orphans]
    for result in results:
        click.echo(result.summary())
    sys.exit(0 if all_current(results) else 1)


def _write(files: list[tuple[Path, str]], orphans: list[Path]) -> None:
    for path in orphans:
        path.unlink()
        click.echo(f"removed {path}", err=True)
    for path, text in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(text.encode("utf-8"))
        os.replace(temporary, path)
        click.echo(f"wrote {path}", err=True)
