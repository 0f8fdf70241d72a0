"""A live server follows rebuilds: SPARQL, note pages, search, questions and ETags switch to each new
generation without a restart, and the generation served is named in a header and the service description."""
from __future__ import annotations

import json
import os
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from kgraph.build import build
from kgraph.config import Settings

from live_server import BASE, running_server

NOTES = "SELECT ?path { ?n a kg:Note ; kg:path ?path } ORDER BY ?path"
STORAGE = "# Volumes\n\nA PersistentVolumeClaim consumes a PersistentVolume.\n"
SWITCH_WAIT = 20.0  # seconds to wait for a switch before failing (it takes about one)


def fetch(url: str) -> tuple[int, Message, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def sparql(url: str, query: str) -> tuple[int, Message, bytes]:
    return fetch(f"{url}/sparql?{urllib.parse.urlencode({'query': query, 'format': 'json'})}")


def note_paths(url: str) -> list[str]:
    status, _, body = sparql(url, NOTES)
    assert status == 200, body
    return [row["path"]["value"] for row in json.loads(body)["results"]["bindings"]]


def wait_for_generation(url: str, name: str) -> None:
    """Until the server answers from generation ``name`` (a deadline, not a measurement)."""
    deadline = time.monotonic() + SWITCH_WAIT
    while time.monotonic() < deadline:
        seen = {sparql(url, "ASK {}")[1].get("X-Kgraph-Generation") for _ in range(4)}  # both workers
        if seen == {name}:
            return
        time.sleep(0.2)
    raise AssertionError(f"the server did not switch to {name} within {SWITCH_WAIT} s (serves {seen})")


@pytest.fixture()
def notes(tmp_path: Path, small_corpus: Path) -> Path:
    folder = tmp_path / "notes"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(small_corpus / "sub" / "english.md", folder / "sub" / "english.md")
    return folder


@pytest.fixture()
def following(tmp_path: Path, notes: Path) -> Iterator[tuple[str, Settings]]:
    settings = Settings(base=BASE, corpus=notes, store=tmp_path / "store", jobs=1, query_timeout=1.5)
    build(settings)
    with running_server(settings, {**os.environ, "KGRAPH_BASE": BASE}) as (url, _process):
        yield url, settings


def test_a_running_server_follows_rebuilds(following: tuple[str, Settings], notes: Path) -> None:
    url, settings = following
    assert note_paths(url) == ["sub/english.md"]
    assert fetch(f"{url}/notes/storage.md")[0] == 404
    first_etag = fetch(f"{url}/sparql")[1]["ETag"]

    (notes / "storage.md").write_text(STORAGE, encoding="utf-8")
    second = build(settings).version
    wait_for_generation(url, second)
    assert note_paths(url) == ["storage.md", "sub/english.md"]
    assert fetch(f"{url}/notes/storage.md")[0] == 200
    answer = json.loads(fetch(f"{url}/api/ask?q=" + urllib.parse.quote("What consumes a PersistentVolume?"))[2])
    assert answer["answered"] and {c["source"] for c in answer["citations"]} == {"storage.md"}
    status, headers, description = fetch(f"{url}/sparql")
    assert status == 200 and headers["ETag"] != first_etag and headers["X-Kgraph-Generation"] == second
    assert f'owl:versionInfo "{second}"'.encode() in description

    (notes / "sub" / "english.md").unlink()
    third = build(settings).version
    fourth = build(settings).version  # two rebuilds in a row: the server skips to the newest
    wait_for_generation(url, fourth)
    assert third != fourth
    assert note_paths(url) == ["storage.md"]
    assert fetch(f"{url}/notes/sub/english.md")[0] == 404
    search = json.loads(fetch(f"{url}/api/search?q=PersistentVolumeClaim")[2])
    assert [hit["source"] for hit in search["results"]][:1] == ["storage.md"]
    page = fetch(f"{url}/")
    assert page[0] == 200 and page[1]["X-Kgraph-Generation"] == fourth


def test_requests_during_rebuilds_are_all_answered(following: tuple[str, Settings]) -> None:
    """Once, two rebuilds left SPARQL answering 503 and note pages 404 for good."""
    url, settings = following
    answers: list[tuple[int, int]] = []
    done = threading.Event()

    def keep_asking() -> None:
        while not done.is_set():
            answers.append((sparql(url, NOTES)[0], fetch(f"{url}/notes/sub/english.md")[0]))

    asker = threading.Thread(target=keep_asking)
    asker.start()
    try:
        names = [build(settings).version for _ in range(3)]
        wait_for_generation(url, names[-1])
    finally:
        done.set()
        asker.join(60)
    assert answers and set(answers) == {(200, 200)}
    assert note_paths(url) == ["sub/english.md"]
    assert sorted(p.name for p in settings.store.glob("gen-*"))[-2:] == names[-2:]
