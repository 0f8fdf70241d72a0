"""Settings for one kgraph instance.

In: explicit values, or the environment (``KGRAPH_*``) when asked via ``Settings.from_env``. Out: a
frozen ``Settings``. Nothing reads configuration at import time; the CLI and ``create_app`` build a
``Settings`` and pass it down.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from kgraph import data

DEFAULT_BASE = "http://localhost:8000"


def _cores() -> int:
    """CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@dataclass(frozen=True)
class Settings:
    base: str = DEFAULT_BASE
    corpus: Path = Path("corpus")
    store: Path = Path(".kgraph/store")
    ontology: Path = field(default_factory=data.ontology_dir)  # the installed package's (kgraph.data)
    query_timeout: float = 10.0  # seconds a SPARQL query may run
    max_rows: int = 10_000  # result rows returned before truncation
    result_cache_mb: float = 64.0  # serialized SPARQL results kept per server process (0: off)
    header_timeout: float = 10.0  # seconds a connection may take to send a request's headers, or sit idle
    fact_threshold: float | None = None  # None: the fitted one of ontology/thresholds.yaml
    jobs: int = 1  # worker processes a build uses for per-note work (the CLI defaults to the cores)
    cache: bool = True  # reuse per-note parses and extractions of earlier builds (<store>/cache)
    scheduler: str | None = None  # a Dask scheduler address: the build's per-note work runs on that cluster

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", self.base.rstrip("/"))

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Settings from ``KGRAPH_BASE``, ``KGRAPH_CORPUS``, ``KGRAPH_STORE`` …, then ``overrides``."""
        env = os.environ
        settings = cls(
            base=env.get("KGRAPH_BASE", DEFAULT_BASE),
            corpus=Path(env.get("KGRAPH_CORPUS", "corpus")),
            store=Path(env.get("KGRAPH_STORE", ".kgraph/store")),
            query_timeout=float(env.get("KGRAPH_QUERY_TIMEOUT", 10.0)),
            max_rows=int(env.get("KGRAPH_MAX_ROWS", 10_000)),
            result_cache_mb=float(env.get("KGRAPH_RESULT_CACHE_MB", 64.0)),
            header_timeout=float(env.get("KGRAPH_HEADER_TIMEOUT", 10.0)),
            jobs=int(env.get("KGRAPH_JOBS", 0)) or _cores(),
        )
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
