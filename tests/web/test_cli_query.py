"""`kgraph query`: the same engine, prefixes, checks and bytes as /sparql, and a table for people.

Beside the web tests because it compares with ``/sparql`` over their fixture store.
"""
from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from live_server import BASE

README = Path(__file__).resolve().parents[2] / "README.md"
CHAIN = "SELECT ?x ?label WHERE { id:Deployment kg:manages+ ?x . ?x skos:prefLabel ?label } ORDER BY ?x ?label"


def readme_examples() -> list[str]:
    section = README.read_text(encoding="utf-8").split("### Example queries", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"```sparql\n(.*?)```", section, re.S)


def query(settings, *args: str):
    return CliRunner().invoke(main, ["query", "--store", str(settings.store), *args], env={"KGRAPH_BASE": BASE})


def test_the_readme_has_example_queries():
    assert len(readme_examples()) == 4


@pytest.mark.parametrize("example", readme_examples())
@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml"])
def test_readme_examples_give_the_bytes_of_sparql(settings, client, example, fmt):
    result = query(settings, "--format", fmt, example)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == client.get("/sparql", query_string={"query": example, "format": fmt}).data


def test_readme_examples_have_rows(settings):
    counts = [len(json.loads(query(settings, "--format", "json", q).stdout)["results"]["bindings"])
              for q in readme_examples()]
    assert counts == [2, 2, 4, 1]  # ReplicaSet and Pod; two manages facts; four concepts; 副本集


def test_off_a_terminal_the_default_is_what_sparql_gives_without_a_preference(settings, client):
    for text in (CHAIN, "ASK { id:Deployment kg:manages id:ReplicaSet }",
                 "CONSTRUCT { id:Pod ?p ?o } WHERE { id:Pod ?p ?o FILTER(!isBlank(?o)) }"):
        assert query(settings, text).stdout_bytes == client.get("/sparql", query_string={"query": text}).data


def test_table(settings):
    result = query(settings, "--format", "table", CHAIN)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "+---------------+---------------+",
        "| x             | label         |",
        "+---------------+---------------+",
        "| id:Pod        | Pod@en        |",
        "| id:Pod        | 容器组@zh     |",
        "| id:ReplicaSet | ReplicaSet@en |",
        "| id:ReplicaSet | 副本集@zh     |",
        "+---------------+---------------+",
        "4 rows",
    ]
    assert query(settings, "--format", "table", "ASK { id:Pod kg:manages id:Deployment }").stdout == "false\n"


def test_table_of_a_construct_is_turtle_with_the_prefixes(settings):
    result = query(settings, "--format", "table", "CONSTRUCT { id:Deployment kg:manages ?o } WHERE { id:Deployment kg:manages ?o }")
    assert result.stdout.splitlines()[-1] == "id:Deployment kg:manages id:ReplicaSet ."
    assert f"@prefix kg: <{BASE}/ontology#> ." in result.stdout


def test_query_from_a_file_and_stdin(settings, tmp_path):
    (tmp_path / "q.rq").write_text("SELECT ?l { id:Pod skos:prefLabel ?l } ORDER BY ?l", encoding="utf-8")
    from_file = query(settings, "--format", "csv", "-f", str(tmp_path / "q.rq"))
    assert from_file.stdout_bytes == b"l\r\nPod\r\n\xe5\xae\xb9\xe5\x99\xa8\xe7\xbb\x84\r\n"
    from_stdin = CliRunner().invoke(main, ["query", "--store", str(settings.store), "--format", "csv", "-f", "-"],
                                    input="SELECT ?l { id:Pod skos:prefLabel ?l } ORDER BY ?l", env={"KGRAPH_BASE": BASE})
    assert from_stdin.stdout_bytes == from_file.stdout_bytes


@pytest.mark.parametrize("text", [
    "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "SELECT * FROM <http://elsewhere.example/g> { ?s ?p ?o }",
    "SELECT * { ?s ?p }",
])
def test_refused_and_malformed_queries_fail_with_the_message_of_sparql(settings, client, text):
    result = query(settings, text)
    assert result.exit_code == 1
    assert result.stderr == f"error: {client.get('/sparql', query_string={'query': text}).get_json()['message']}\n"
    assert result.stdout == ""


def test_a_format_of_the_other_kind_is_refused(settings):
    result = query(settings, "--format", "turtle", CHAIN)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: format=turtle is not available for this query; available: "
                                    "application/sparql-results+json")


def test_query_argument_and_file_are_one_or_the_other(settings, tmp_path):
    (tmp_path / "q.rq").write_text("ASK {}", encoding="utf-8")
    for args in ([], ["ASK {}", "-f", str(tmp_path / "q.rq")]):
        result = query(settings, *args)
        assert result.exit_code == 2
        assert "give the query as an argument or with -f FILE (one of the two)" in result.output


def test_a_terminal_gets_a_table_by_default(settings):
    terminal, child_side = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "kgraph", "query", "--store", str(settings.store), CHAIN],
                              stdout=child_side, stderr=subprocess.PIPE, env={**os.environ, "KGRAPH_BASE": BASE},
                              timeout=120)
    finally:
        os.close(child_side)
    printed = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # EIO: the other side is closed and everything was read
            break
        if not chunk:
            break
        printed += chunk
    os.close(terminal)
    assert done.returncode == 0, done.stderr
    lines = printed.decode("utf-8").replace("\r\n", "\n").splitlines()
    assert lines[1] == "| x             | label         |" and lines[-1] == "4 rows"
