"""``flask --app wsgi graph compute|export``: the collaboration-network measures computed
inline (what the background job does) and the network written to a file."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from .graph.export import FORMATS, export
from .services import directory, network
from .services.network_records import graph_version

graph = AppGroup("graph", help="Collaboration networks: measures and exports.")


def _scope(code: str | None) -> str | None:
    if code is None:
        return None
    if directory.alliance_by_code(code) is None:
        codes = ", ".join(a.code for a in directory.all_alliances())
        raise click.BadParameter(f'no alliance "{code}" (codes: {codes})',
                                 param_hint="--alliance")
    return code


@graph.command("compute")
@click.option("--alliance", "code", default=None,
              help="Alliance code; default: the province and all ten alliances.")
def compute(code: str | None) -> None:
    """Compute and cache the measures now, in this process (no worker needed)."""
    scopes = [_scope(code)] if code else [None, *(a.code for a in directory.all_alliances())]
    for scope in scopes:
        result = network.compute(scope)
        figures = result["panel"]["network"]
        click.echo(f"{scope or 'province'}: {figures['nodes']} organisations, "
                   f"{figures['ties']} ties, measures in {result['seconds']:.2f} s "
                   f"(version {result['version']})")


@graph.command("export")
@click.option("--alliance", "code", default=None,
              help="Alliance code; default: the whole province.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export_command(code: str | None, fmt: str, out: Path) -> None:
    """Write the network with its measures (sector, degree, strength, betweenness,
    pagerank, community on every node) as GraphML, GEXF, CSV (zip) or JSON."""
    scope = _scope(code)
    version = graph_version()
    result = network.measures(scope, version) or network.compute(scope)
    data = export(network.graph(scope, version), fmt, result["panel"])
    out.write_bytes(data)
    click.echo(f"Wrote {out} ({len(data)} bytes, {fmt})")
