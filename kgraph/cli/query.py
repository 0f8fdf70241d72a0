"""``kgraph query 'SPARQL'`` (or ``-f FILE``): a query against the live store, without a server.

In: the query text (an argument, or a file, ``-`` for stdin), ``--store`` (else ``KGRAPH_STORE``),
``--format``, ``--timeout``. Out: the result on stdout; a truncation notice and errors on stderr;
exit 0, or 1 when the query is refused or fails (the message is the one ``/sparql`` gives).
The query goes through ``SparqlEngine.prepare`` and ``run``, exactly as ``/sparql`` runs it: the predeclared
prefixes, the SERVICE/update refusal, the graph checks, the time limit and the row limit. Each
protocol format gives the bytes ``/sparql`` gives for ``format=NAME``; with no ``--format`` that is
``table`` on a terminal, else what ``/sparql`` gives a client that states no preference (JSON for
SELECT/ASK, Turtle for CONSTRUCT/DESCRIBE). ``table`` is for people: prefixed names, one column per
variable (Turtle for CONSTRUCT/DESCRIBE).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kgraph.cli import main
from kgraph.cli.options import fail, settings_of_store, store_option
from kgraph.errors import KgraphError
from kgraph.kb import KnowledgeBase
from kgraph.sparql.dataset import compact
from kgraph.sparql.formats import FORMATS, RESULTS, negotiate

PROTOCOL_FORMATS = tuple(f.name for f in FORMATS)  # the format= names of /sparql


@main.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from FILE (- for stdin).")
@store_option
@click.option("--format", "fmt", type=click.Choice(("table", *PROTOCOL_FORMATS)),
              help="table (on a terminal, the default) or a /sparql format= name [default off a terminal: json, "
                   "turtle for CONSTRUCT/DESCRIBE].")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), help="Time limit, seconds [KGRAPH_QUERY_TIMEOUT, default 10].")
def query(query: str | None, query_file, store: Path | None, fmt: str | None, timeout: float | None) -> None:
    """Run a SPARQL query on the store, with the predeclared prefixes and the checks of /sparql."""
    if (query is None) == (query_file is None):
        raise click.UsageError("give the query as an argument or with -f FILE (one of the two)")
    text = query if query is not None else query_file.read()
    fmt = fmt or ("table" if sys.stdout.isatty() else None)
    knowledge_base = KnowledgeBase(settings_of_store(store=store, query_timeout=timeout))
    try:
        engine = knowledge_base.sparql
        prepared = engine.prepare(text)
        as_table = fmt == "table" and prepared.kind == RESULTS
        name = {"table": "json" if as_table else "turtle"}.get(fmt, fmt)
        result = engine.run(prepared, negotiate(prepared.kind, None, [name] if name else []))
        body = table(json.loads(result.body), engine.prefixes).encode("utf-8") if as_table else result.body
    except KgraphError as error:
        fail(error)
    finally:
        knowledge_base.close()
    sys.stdout.buffer.write(body)
    if result.truncated:
        click.echo(f"warning: only the first {result.row_limit} rows (KGRAPH_MAX_ROWS)", err=True)


def table(data: dict, prefixes: dict[str, str]) -> str:
    """SPARQL JSON results as a text table (an ASK result as ``true``/``false``), then the row count."""
    if "boolean" in data:
        return ("true" if data["boolean"] else "false") + "\n"
    from prettytable import PrettyTable  # measures wide (CJK) characters, so columns line up

    columns = data["head"]["vars"]
    rows = data["results"]["bindings"]
    grid = PrettyTable(columns, align="l")
    grid.add_rows([[cell(row.get(column), prefixes) for column in columns] for row in rows])
    return f"{grid.get_string()}\n{len(rows)} row{'' if len(rows) == 1 else 's'}\n"


def cell(term: dict | None, prefixes: dict[str, str]) -> str:
    """A term for people: IRIs as prefixed names, literals as their text (with ``@lang``), ``_:b`` for blank nodes."""
    if term is None:
        return ""
    if term["type"] == "uri":
        return compact(term["value"], prefixes)
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    lang = term.get("xml:lang")
    return f"{term['value']}@{lang}" if lang else term["value"]
