"""``kgraph ask "QUESTION"``: answer a question from the live store, with numbered citations.

In: the question, ``--store`` (else ``KGRAPH_STORE``), ``--json``. Out: the answer,
then each citation as ``[n] path:start-end`` with its quote (or, with ``--json``, exactly what
``/api/ask`` returns). Exit 0 when answered, 1 when the notes do not answer (the message says so),
2 for an unacceptable question or a missing store. It calls ``KnowledgeBase.ask``, like the API.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kgraph.cli import main
from kgraph.cli.options import settings_of_store
from kgraph.errors import KgraphError
from kgraph.kb import KnowledgeBase
from kgraph.web.answers import answer_json, answer_text  # the web's "[n]" marks: the same text as /api/ask


@main.command()
@click.argument("question")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), help="Store folder [KGRAPH_STORE].")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as /api/ask returns it.")
def ask(question: str, store: Path | None, as_json: bool) -> None:
    """Answer QUESTION (Chinese or English) from the notes, citing the lines that say it."""
    knowledge_base = KnowledgeBase(settings_of_store(store=store))
    try:
        answer = knowledge_base.ask(question, parameter="QUESTION")
    except KgraphError as error:
        click.echo(f"error: {error.message}", err=True)
        sys.exit(2)
    finally:
        knowledge_base.close()
    if as_json:
        click.echo(json.dumps(answer_json(answer), ensure_ascii=False, indent=2))
    else:
        click.echo(render(answer))
    sys.exit(0 if answer.answered else 1)


def render(answer) -> str:
    """The answer, a blank line, then ``[n] path:start-end`` and the quote for each citation."""
    lines = [answer_text(answer)]
    if answer.citations:
        lines.append("")
    for number, citation in enumerate(answer.citations, 1):
        lines.append(f"[{number}] {citation.source}:{citation.start_line}-{citation.end_line}")
        lines += [f"    {line}" for line in citation.quote.splitlines()]
    return "\n".join(lines)
