"""Data, not code: this folder is the package ``kgraph.data.ontology`` (pyproject.toml maps it; ``kgraph.data`` finds it)."""
