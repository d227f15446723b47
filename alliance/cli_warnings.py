"""``flask --app wsgi warnings run [--today YYYY-MM-DD]``: compute the early warnings of a
day (safe from cron: a warning is stored and notified once, whatever runs at the same
time) and print what changed."""

from __future__ import annotations

from datetime import date, datetime

import click
from flask.cli import AppGroup

from .extensions import db
from .models import WarningKind

warnings = AppGroup("warnings", help="Early warnings (预警).")


@warnings.command("run")
@click.option("--today", "today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day to compute for (default: today).")
def run_command(today: datetime | None) -> None:
    """Store new warnings, notify them, resolve those whose condition has gone."""
    from .services.warnings import run

    counts = run(today.date() if today else date.today())
    db.session.commit()
    per_kind = ", ".join(f"{kind.value} {counts[f'new.{kind.value}']}" for kind in WarningKind)
    click.echo(f"new {counts['new']} ({per_kind}); resolved {counts['resolved']}; "
               f"reopened {counts['reopened']}; notifications {counts['notified']}")
