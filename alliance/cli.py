"""Command-line tools: ``flask --app wsgi create-admin``, ``flask --app wsgi demo load``."""

from __future__ import annotations

import click
from email_validator import EmailNotValidError, validate_email
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from .extensions import db
from .services import ServiceError, accounts


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True, default="Platform administrator")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--reset-password", is_flag=True,
              help="Replace the password of an existing account with the one given.")
def create_admin(email: str, name: str, password: str, reset_password: bool) -> None:
    """Create a platform administrator, or make an existing account one.

    The same rules as registration apply (email, at least PASSWORD_MIN characters). An
    existing account keeps its password unless --reset-password is given; without it, the
    password given must be the account's own.
    """
    with force_locale("en"):
        try:
            form_email = validate_email(email, check_deliverability=False).normalized
            user, created = accounts.create_platform_admin(
                form_email, name, password, reset_password=reset_password)
        except EmailNotValidError as error:
            raise click.BadParameter(str(error), param_hint="--email") from error
        except ServiceError as error:
            db.session.rollback()
            raise click.ClickException(str(error.message)) from error
    db.session.commit()
    if created:
        click.echo(f"Created platform administrator {user.email}")
    else:
        click.echo(f"{user.email} is a platform administrator"
                   + (" (password reset)" if reset_password else ""))


@click.command("check-redis")
@click.option("--url", default=None, help="Redis URL (default: REDIS_URL).")
def check_redis(url: str | None) -> None:
    """Fail unless Redis answers: several workers must share login limits through it."""
    import redis

    url = url or current_app.config.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.exceptions.RedisError as error:
        raise click.ClickException(
            f"Redis is not reachable at {url} ({error}). Several workers need it to share "
            "login limits: start Redis, set REDIS_URL, or run one worker (WORKERS=1)."
        ) from error
    click.echo(f"Redis answers at {url}")


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
    app.cli.add_command(check_redis)
    app.cli.add_command(demo)
    from .cli_patents import licensing, patents

    app.cli.add_command(patents)
    app.cli.add_command(licensing)
    from .cli_graph import graph

    app.cli.add_command(graph)
    from .cli_needs import needs

    app.cli.add_command(needs)
    from .cli_warnings import warnings

    app.cli.add_command(warnings)
