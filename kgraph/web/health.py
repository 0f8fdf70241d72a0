"""``/healthz`` and ``/readyz``: the probes a Kubernetes deployment points at the server.

In: nothing. Out: ``/healthz`` answers 200 ``{"status": "ok"}`` while the worker can answer at all
(liveness: it touches no store, so a missing or rebuilding store never gets a live server
restarted); ``/readyz`` answers 200 ``{"status": "ready", "generation": …}`` once the store is open
and a generation loaded, else the one error shape with 503 (``store_missing``, ``store_corrupt``).
"""
from __future__ import annotations

from flask import Blueprint, Response, json

from kgraph.web.engine import knowledge_base

bp = Blueprint("health", __name__)
JSON_TYPE = "application/json; charset=utf-8"


@bp.get("/healthz")
def healthz() -> Response:
    return _json({"status": "ok"})


@bp.get("/readyz")
def readyz() -> Response:
    engine = knowledge_base().sparql  # opens the live generation, or raises its 503
    return _json({"status": "ready", "generation": engine.version.name})


def _json(data: dict) -> Response:
    return Response(json.dumps(data) + "\n", content_type=JSON_TYPE, headers={"Cache-Control": "no-store"})
