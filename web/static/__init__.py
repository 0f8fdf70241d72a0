"""Data, not code: this folder is the package ``kgraph.data.web.static`` (pyproject.toml maps it; ``kgraph.data`` finds it)."""
