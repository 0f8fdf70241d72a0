"""The ``kgraph`` command: a click group whose subcommands live one per module in this package.

In: command-line arguments and the environment (``KGRAPH_*``). Out: exit codes and text. This is an
edge: it turns ``KgraphError`` into messages and exit codes; nothing below it imports click.
"""
from __future__ import annotations

import click

from kgraph import version


def _store_format() -> int:
    from kgraph.store import STORE_FORMAT

    return STORE_FORMAT


@click.group()
@click.version_option(version(), message=f"%(prog)s %(version)s (store format {_store_format()})")
def main() -> None:
    """Turn a folder of Markdown notes into a cited knowledge graph and serve it."""


def _register() -> None:
    # Each subcommand module adds itself to `main`; import order is the --help order.
    from kgraph.cli import build  # noqa: F401
    from kgraph.cli import serve  # noqa: F401
    from kgraph.cli import ask  # noqa: F401
    from kgraph.cli import query  # noqa: F401
    from kgraph.cli import glossary  # noqa: F401
    from kgraph.cli import publish  # noqa: F401


_register()
