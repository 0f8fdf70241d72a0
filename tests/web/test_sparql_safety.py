"""kgraph.sparql.safety: SERVICE and update text refused before evaluation, FROM graphs found."""
from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.errors import QueryNotAllowed
from kgraph.sparql.safety import FORMS, QueryInfo, inspect_query

PREFIXES = {"kg": "http://kg.example/ontology#", "graph": "http://kg.example/graph/"}

REFUSED_SERVICE = [
    "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o OPTIONAL { SERVICE <http://x/> { ?s ?q ?r } } }",
    "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <http://x/> { ?s ?q ?r } } }",
    "SELECT * { { SELECT ?s { SERVICE <http://x/> { ?s ?p ?o } } } }",
    "SELECT * { BIND(<http://x/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * { SeRvIcE<http://x/>{?s ?p ?o} }",
    "SELECT * {\n  # a comment\n  service ?x { ?s ?p ?o } }",
    "SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
]

ALLOWED_MENTIONS = [
    'SELECT * { ?s ?p "SERVICE <http://x/> { ?a ?b ?c }" }',
    "SELECT * { ?s ?p 'service' }",
    'SELECT * { ?s ?p """multi\nSERVICE <http://x/> {}\n""" }',
    "SELECT * { ?s ?p ?o } # SERVICE <http://x/> { }",
    "SELECT * { ?s <http://x/SERVICE> ?o }",
    "PREFIX service: <http://x/> SELECT * { ?s service:p ?o }",
    "PREFIX ex: <http://x/> SELECT * { ?s ex:SERVICE ?o }",
    "SELECT ?service { ?service ?p ?o }",
    'SELECT * { ?s ?p "x"@service }',
    'SELECT * { ?s ?p "escaped \\" SERVICE <http://x/> {} " }',
]

UPDATES = [
    ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://127.0.0.1:9/data.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("DROP GRAPH <http://kg.example/graph/asserted>", "DROP"),
    ("CREATE GRAPH <http://x/g>", "CREATE"),
    ("WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("ADD DEFAULT TO <http://x/g>", "ADD"),
    ("COPY DEFAULT TO <http://x/g>", "COPY"),
    ("MOVE DEFAULT TO <http://x/g>", "MOVE"),
    ("SELECT * { ?s ?p ?o } ; insert data { <http://x/a> <http://x/b> <http://x/c> }", "INSERT"),
]


@pytest.mark.parametrize("query", REFUSED_SERVICE)
def test_service_anywhere_is_refused(query: str) -> None:
    with pytest.raises(QueryNotAllowed, match="SERVICE"):
        inspect_query(query)


@pytest.mark.parametrize("query", ALLOWED_MENTIONS)
def test_service_inside_strings_iris_comments_and_names_is_allowed(query: str) -> None:
    assert inspect_query(query).form == "SELECT"


@pytest.mark.parametrize(("query", "keyword"), UPDATES)
def test_update_text_is_refused_and_named(query: str, keyword: str) -> None:
    with pytest.raises(QueryNotAllowed) as caught:
        inspect_query(query)
    assert caught.value.message.startswith(f"SPARQL Update ({keyword}) is not allowed")


def test_refusal_carries_line_and_column() -> None:
    with pytest.raises(QueryNotAllowed) as caught:
        inspect_query("SELECT * {\n  ?s ?p ?o .\n  SERVICE <http://x/> { }\n}")
    assert caught.value.details == {"line": 3, "column": 3}


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("PREFIX ask: <http://x/> SELECT ?s { ?s ask:p ?o }", "SELECT"),
        ("# SELECT in a comment\nASK { ?s ?p ?o }", "ASK"),
        ("BASE <http://x/> construct { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://kg.example/id/Pod>", "DESCRIBE"),
        ("not sparql at all", ""),
    ],
)
def test_form(query: str, form: str) -> None:
    assert inspect_query(query).form == form


def test_from_and_from_named_are_resolved_with_prefixes_and_base() -> None:
    query = (
        "BASE <http://kg.example/graph/> PREFIX g2: <http://kg.example/graph/>\n"
        "SELECT * FROM <asserted> FROM graph:inferred FROM NAMED g2:evidence { ?s ?p ?o }"
    )
    info = inspect_query(query, PREFIXES)
    assert info == QueryInfo(
        "SELECT",
        ("http://kg.example/graph/asserted", "http://kg.example/graph/inferred"),
        ("http://kg.example/graph/evidence",),
    )
    assert info.kind == "results"


def test_from_inside_a_string_is_not_a_dataset_clause() -> None:
    assert inspect_query('SELECT * { ?s ?p "FROM <file:///etc/passwd>" }') == QueryInfo("SELECT")


def test_with_values_opens_the_where_group() -> None:
    from kgraph.sparql.safety import with_values

    query = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p "{" }'
    assert with_values(query, {"s": "<http://x/a>"}) == (
        'SELECT (COUNT(*) AS ?n) WHERE { VALUES (?s) { (<http://x/a>) }  ?s ?p "{" }'
    )


def test_with_values_skips_a_construct_template() -> None:
    from kgraph.sparql.safety import with_values

    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert with_values(query, {"o": '"x"'}) == 'CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o) { ("x") }  ?s ?p ?o }'
    assert with_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": "<http://x/a>"}).startswith(
        "CONSTRUCT WHERE { VALUES (?s) { (<http://x/a>) } ")


# Inputs on which a check that backtracks (exponentially, or by rescanning from every position)
# would not finish in any reasonable time; each is answered from a linear scan.
ADVERSARIAL = [
    ("#" * 30, ""),  # the reported one: `?query=` and 30 `#`
    ("#" * 200_000, ""),
    ("#" * 30 + "\nSELECT * { ?s ?p ?o }", "SELECT"),
    ("PREFIX " * 30_000, ""),
    ("PREFIX a: <http://x/> " * 20_000 + "ASK {}", "ASK"),
    ('"\\' * 100_000, ""),  # a string that never closes, full of escapes
    ("'\\" * 100_000, ""),
    ("a." * 100_000, ""),  # names that look like the prefix of a prefixed name
    ("a-" * 100_000 + " SELECT", "SELECT"),
]


def finishing(call: Callable[[], object], seconds: float = 60.0) -> object:
    """``call()``, failing the test instead of hanging the suite if it never returns (a safety net,
    not the assertion: linear checks take milliseconds here)."""
    outcome: list[object] = []
    thread = threading.Thread(target=lambda: outcome.append(_result_of(call)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"the check did not finish within {seconds} s"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _result_of(call: Callable[[], object]) -> object:
    try:
        return call()
    except Exception as error:  # handed to the test thread
        return error


@pytest.mark.parametrize(("query", "form"), ADVERSARIAL, ids=lambda v: repr(v[:12]) if isinstance(v, str) else v)
def test_adversarial_text_is_checked_in_one_pass(query: str, form: str) -> None:
    assert finishing(lambda: inspect_query(query)) == QueryInfo(form)


def test_service_after_a_long_unclosed_string_is_still_refused() -> None:
    query = '"\\' * 100_000 + "\nSELECT * { SERVICE <http://x/> { ?s ?p ?o } }"
    with pytest.raises(QueryNotAllowed, match="SERVICE"):
        finishing(lambda: inspect_query(query))


PIECES = ["#", "##", "PREFIX", "prefix", "BASE", "SELECT", "ask", "SERVICE", "FROM", " ", "\n", "'", '"',
          '"""', "'''", "\\", "\\u0053", ":", "x", "ex:", "<http://x/>", ".", "-", "{", "}", "?s", "_:b", "@en"]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=60, deadline=None)
@given(texts, st.integers(1, 3_000))
def test_repeated_adversarial_pieces_are_checked(unit: str, times: int) -> None:
    """Any repetition of SPARQL's tricky pieces gets a verdict (the whole text, up to ~300 KB)."""
    try:
        info = finishing(lambda: inspect_query(unit * times))
    except QueryNotAllowed:
        return
    assert info.form in (*FORMS, "")


@settings(max_examples=500)
@given(texts)
def test_the_prologue_scan_reads_the_form_the_tokens_read(text: str) -> None:
    from kgraph.sparql.safety import _IRI_SPAN, _fast_form, _form, tokens

    fast = _fast_form(_IRI_SPAN.sub(" ", text))
    assert fast in ("", _form(tokens(text)))


@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{" * 5_000 + " ?s ?p ?o " + "}" * 5_000,
    "SELECT * { ?s ?p ?o FILTER(" + "(" * 5_000 + "1" + ")" * 5_000 + ") }",
    "SELECT * { ?s ?p " + "[ ?p " * 300 + "?o" + " ]" * 300 + " }",
])
def test_deep_nesting_is_refused_before_the_engine_sees_it(query: str) -> None:
    with pytest.raises(QueryNotAllowed, match="nests brackets more than 256 deep") as caught:
        inspect_query(query)
    assert caught.value.details["line"] == 1


def test_brackets_in_strings_and_comments_and_moderate_nesting_are_fine() -> None:
    many = 'SELECT * { ?s ?p "' + "{" * 5_000 + '" } # ' + "(" * 5_000
    assert inspect_query(many).form == "SELECT"
    assert inspect_query("SELECT * WHERE " + "{" * 200 + " ?s ?p ?o " + "}" * 200).form == "SELECT"
