"""kgraph.web.health: liveness never touches the store; readiness names the generation or says why not."""
from __future__ import annotations

import json
from pathlib import Path

from kgraph.config import Settings
from kgraph.store import current_version
from kgraph.web import create_app

from live_server import BASE


def test_live_and_ready(client, settings) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json() == {"status": "ready", "generation": current_version(settings.store).name}


def test_without_a_store_live_but_not_ready(tmp_path: Path) -> None:
    app = create_app(Settings(base=BASE, store=tmp_path / "none"), {"TESTING": True})
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503 and json.loads(response.data)["error"] == "store_missing"
