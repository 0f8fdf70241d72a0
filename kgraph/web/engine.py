"""The app's per-process ``KnowledgeBase``, kept in ``app.extensions["kgraph"]``.

In: the app and its ``Settings``. Out: ``knowledge_base()`` for views. The store is not opened here:
``KnowledgeBase`` opens it lazily in the process that serves (a server worker process).
"""
from __future__ import annotations

from flask import Flask, current_app

from kgraph.config import Settings
from kgraph.kb import KnowledgeBase

EXTENSION = "kgraph"


def init_app(app: Flask, settings: Settings) -> None:
    app.extensions[EXTENSION] = KnowledgeBase(settings)


def knowledge_base() -> KnowledgeBase:
    return current_app.extensions[EXTENSION]
