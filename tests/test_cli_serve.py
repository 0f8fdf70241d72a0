"""`kgraph serve`: option ranges, a port in use, --port 0, --base, and the first-start build's log."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from live_server import start_logged, stop


@pytest.mark.parametrize(("args", "message"), [
    (["--port", "99999"], "Invalid value for '--port': 99999 is not in the range 0<=x<=65535."),
    (["--port", "-1"], "Invalid value for '--port': -1 is not in the range 0<=x<=65535."),
    (["--workers", "0"], "Invalid value for '--workers': 0 is not in the range 1<=x<=64."),
    (["--threads", "5"], "Invalid value for '--threads': 5 is not in the range 1<=x<=4."),
    (["--timeout", "0"], "Invalid value for '--timeout': 0.0 is not in the range x>0."),
])
def test_out_of_range_options_are_refused_before_anything_starts(tmp_path, args, message):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "s"), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "s").exists()  # nothing was built


def test_a_port_in_use_is_refused_before_building(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert result.output == (f"error: 127.0.0.1:{port} is already in use (is another kgraph serve running?); "
                             "choose another port with --port\n")
    assert not (tmp_path / "s").exists()


def test_a_base_the_store_was_not_built_with_is_refused(small_corpus, tmp_path):
    store = str(tmp_path / "s")
    assert CliRunner().invoke(main, ["build", "--corpus", str(small_corpus), "--store", store, "--quiet",
                                     "--base", "http://kg.test"]).exit_code == 0
    result = CliRunner().invoke(main, ["serve", "--port", "0", "--store", store, "--base", "http://other.test"])
    assert result.exit_code == 2
    assert ("the store at " + store + " was built with base http://kg.test, not http://other.test: rebuild it with "
            "`kgraph build --base http://other.test`, or serve it without --base (and KGRAPH_BASE)") in result.output


@pytest.fixture(scope="module")
def first_start(small_corpus, tmp_path_factory):
    """``kgraph serve --port 0 --base …`` over no store: it builds, logs, then serves."""
    folder = tmp_path_factory.mktemp("serve")
    command = [sys.executable, "-m", "kgraph", "serve", "--port", "0", "--workers", "1", "--threads", "1",
               "--base", "http://kg.test", "--corpus", str(small_corpus), "--store", str(folder / "store")]
    url, process = start_logged(command, folder / "serve.log")
    yield url, (folder / "serve.log").read_text(encoding="utf-8"), process
    stop(process)


def test_first_start_logs_the_build_summary_without_a_progress_bar(first_start):
    _, log, _ = first_start
    lines = log.splitlines()
    assert lines[0].startswith("no store at ") and lines[0].endswith("tests/data/build/notes …")
    assert "warning: broken.md:1: binary file (contains NUL bytes), not a text note" in lines
    assert "  notes       2" in lines and "    manages       3" in lines
    assert "\r" not in log and "note/s" not in log  # no tqdm bar in a log that is not a terminal


def test_port_zero_prints_the_port_really_listened_on(first_start):
    url, log, _ = first_start
    port = int(url.rsplit(":", 1)[1])
    assert port != 0 and f"at http://127.0.0.1:{port}/" in log
    with urllib.request.urlopen(url + "/") as response:
        assert response.status == 200


def test_base_is_the_one_in_answers_and_pages(first_start):
    url, _, _ = first_start
    with urllib.request.urlopen(url + "/api/ask?q=" + urllib.parse.quote("Deployment 管理什么？")) as response:
        answer = json.load(response)
    assert [e["iri"] for e in answer["entities"]][:3] == [
        "http://kg.test/id/Deployment", "http://kg.test/id/Pod", "http://kg.test/id/ReplicaSet"]
    request = urllib.request.Request(url + "/id/Deployment", headers={"Accept": "text/html"})
    with urllib.request.urlopen(request) as response:
        page = response.read().decode("utf-8")
    assert "<code>http://kg.test/id/Deployment</code>" in page and "localhost:8000" not in page


def test_a_second_server_on_the_same_port_is_refused(first_start, tmp_path):
    url, _, _ = first_start
    port = url.rsplit(":", 1)[1]
    second = subprocess.run([sys.executable, "-m", "kgraph", "serve", "--port", port, "--store", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert second.returncode == 1
    assert second.stderr == (f"error: 127.0.0.1:{port} is already in use (is another kgraph serve running?); "
                             "choose another port with --port\n")


def test_a_host_that_is_not_this_machine_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--host", "192.0.2.1", "--store", str(tmp_path / "s")])  # TEST-NET-1
    assert result.exit_code == 1
    assert result.output == "error: cannot listen on 192.0.2.1:8000: Cannot assign requested address\n"
