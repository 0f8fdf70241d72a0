"""The shared sample questions against a live ``kgraph serve`` on corpus/: all must pass.

Runs ``python ../shared/eval/score_ask.py URL ../shared/eval/questions_sample.yaml corpus`` (paths
relative to the repository root) against a server started here on a free loopback port, over a
store built from corpus/ in a temporary folder. Skipped, saying why, when ../shared is absent.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kgraph.build import build
from kgraph.config import Settings
from live_server import free_port, server_command, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SCORER = EVAL / "score_ask.py"
SAMPLE = EVAL / "questions_sample.yaml"

pytestmark = pytest.mark.skipif(
    not (SCORER.exists() and SAMPLE.exists()),
    reason=f"the shared evaluation is not checked out next to the repository ({EVAL} is missing)",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    settings = Settings(corpus=ROOT / "corpus", store=tmp_path_factory.mktemp("eval-store"))
    build(settings)
    port = free_port()
    process = subprocess.Popen(server_command(settings, port), cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/api/ask?q=Pod", process, seconds=60)
        yield url
    finally:
        process.terminate()
        process.wait(30)


def test_every_sample_question_passes(server):
    result = subprocess.run(
        [sys.executable, str(SCORER), server, str(SAMPLE), "corpus"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    last = result.stdout.strip().splitlines()[-1]
    passed, failed = map(int, re.fullmatch(r"(\d+) passed, (\d+) failed", last).groups())
    assert failed == 0 and passed > 0, result.stdout
