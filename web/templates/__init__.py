"""Data, not code: this folder is the package ``kgraph.data.web.templates`` (pyproject.toml maps it; ``kgraph.data`` finds it)."""
