"""``kgraph ask``: the answer, then numbered ``path:start-end`` citations; ``--json`` is the API's JSON."""
from __future__ import annotations

import json

from click.testing import CliRunner

from kgraph.cli import main


def test_ask_prints_answer_and_citations(answer_settings):
    result = CliRunner().invoke(main, ["ask", "--store", str(answer_settings.store), "Deployment 管理什么？"])
    assert result.exit_code == 0
    assert result.output == (
        "Deployment 管理 副本集（ReplicaSet）。笔记原文：“Deployment 管理 ReplicaSet。”[1]\n\n"
        "[1] workloads.md:5-5\n    Deployment 管理 ReplicaSet。\n"
    )


def test_ask_json_is_the_api_shape(answer_settings):
    result = CliRunner().invoke(main, ["ask", "--json", "--store", str(answer_settings.store), "What is Kafka?"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["answered"] is False and data["citations"] == []


def test_ask_rejects_empty_question(answer_settings):
    result = CliRunner().invoke(main, ["ask", "--store", str(answer_settings.store), " "])
    assert result.exit_code == 2 and "QUESTION is empty" in result.output


def test_ask_answers_without_loading_flask(answer_settings):
    """The CLI shares the web's answer text but not its framework: a question from a terminal
    loads neither Flask nor Werkzeug."""
    import subprocess
    import sys

    code = ("import sys; from kgraph.cli import main\n"
            "try:\n    main(['ask', '--store', sys.argv[1], 'Deployment 管理什么？'])\n"
            "except SystemExit as done:\n"
            "    print(done.code, sorted({'flask', 'werkzeug'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code, str(answer_settings.store)], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "0 []", result.stderr
