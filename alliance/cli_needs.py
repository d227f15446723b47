"""``flask --app wsgi needs expire``: technology needs past their deadline."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from .extensions import db

needs = AppGroup("needs", help="Technology needs.")


@needs.command("expire")
def expire_command() -> None:
    """Expire open needs whose deadline has passed (safe to run from cron; a need already
    moved is skipped)."""
    from .services.needs import expire_due

    count = expire_due()
    db.session.commit()
    click.echo(f"expired {count} needs")
