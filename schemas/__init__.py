"""Data, not code: this folder is the package ``kgraph.data.schemas`` (pyproject.toml maps it; ``kgraph.data`` finds it)."""
