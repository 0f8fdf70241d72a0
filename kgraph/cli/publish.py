"""``kgraph publish``: write the live generation to a remote SPARQL store (Graph Store Protocol).

In: ``--to`` the Graph Store endpoint URL, ``--auth user:pass`` (or ``KGRAPH_REMOTE_AUTH``), the
store folder. Out: a summary on stdout (the generation now live there, graphs sent and removed),
exit 0; on any failure ``error: …`` naming the URL and exit 1, with the previous remote dataset
still in force (``kgraph.publish``).
"""
from __future__ import annotations

from pathlib import Path

import click

from kgraph.cli import main
from kgraph.cli.options import fail, settings_of_store, store_option
from kgraph.errors import KgraphError


def _auth(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, str] | None:
    from kgraph.publish.gsp import parse_auth

    try:
        return parse_auth(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@main.command()
@click.option("--to", "url", required=True, help="Graph Store Protocol endpoint, e.g. http://host:7878/store.")
@click.option("--auth", envvar="KGRAPH_REMOTE_AUTH", callback=_auth,
              help="user:password for HTTP Basic authentication [KGRAPH_REMOTE_AUTH].")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds each request to the store may take.")
@store_option
def publish(url: str, auth: tuple[str, str] | None, timeout: float, store: Path | None) -> None:
    """Publish the live store to a remote SPARQL store; readers switch to it in one step."""
    from kgraph.publish import publish as run_publish
    from kgraph.publish.gsp import GraphStore
    from kgraph.store import current_version

    settings = settings_of_store(store=store)
    target = GraphStore(url, auth, timeout)
    try:
        report = run_publish(current_version(settings.store), target)
    except KgraphError as error:
        fail(error)
    finally:
        target.close()
    if not report.sent and report.previous is None and not report.removed:
        click.echo(f"{report.generation} is already live at {url}")
        return
    click.echo(f"published {report.generation} to {url} in {report.seconds:.2f} s (was {report.previous or 'empty'})")
    click.echo(f"  data graphs {report.graphs}, sent {len(report.sent)} ({report.triples_sent} triples), "
               f"removed {report.removed} old graph(s)")
