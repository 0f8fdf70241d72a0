"""The web layer: the Flask app (``create_app``, in ``kgraph.web.app``), its blueprints, and the
presentation of answers (``kgraph.web.answers``: "[n]" marks, JSON) that ``kgraph ask`` shares.

Importing this package does not import Flask: ``create_app`` is loaded on first access, so the
CLI can print answers exactly as ``/api/ask`` does without loading a web framework.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kgraph.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from kgraph.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
