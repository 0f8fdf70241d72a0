"""``python -m kgraph`` runs the ``kgraph`` command."""
from kgraph.cli import main

main()
