"""Command-line tools: ``flask --app wsgi create-admin``, ``flask --app wsgi demo load``."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from .extensions import db
from .models import Role, User
from .services import ServiceError
from .services.audit import record


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True, default="Platform administrator")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_admin(email: str, name: str, password: str) -> None:
    """Create a platform administrator (or promote an existing account)."""
    if len(password) < 10:
        raise click.BadParameter("use at least 10 characters", param_hint="--password")
    user = User.find_by_email(email)
    if user is None:
        user = User(email=email, name=name, role=Role.PLATFORM_ADMIN)
        user.set_password(password)
        db.session.add(user)
        db.session.flush()
        record(None, "user.created_admin", user, None, {"email": user.email})
        click.echo(f"Created platform administrator {user.email}")
    else:
        before = {"role": user.role.value}
        user.role = Role.PLATFORM_ADMIN
        user.set_password(password)
        record(None, "user.promoted_admin", user, before, {"role": user.role.value})
        click.echo(f"{user.email} is now a platform administrator")
    db.session.commit()


demo = AppGroup("demo", help="Demonstration data built from real public sources.")


@demo.command("load")
def demo_load() -> None:
    """Load the demo data (idempotent, fixed seed) and print the demo logins."""
    from .demo import load

    try:
        summary = load()
    except ServiceError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    click.echo(summary.describe())


def register(app: Flask) -> None:
    app.cli.add_command(create_admin)
    app.cli.add_command(demo)
