"""``flask --app wsgi patents import FILE --org ORG [--dry-run]``: the bulk import of the
patent pages, from the command line (exit status 1 and every bad row when it refuses)."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale
from sqlalchemy import select

from .extensions import db
from .models import Organization
from .services.patent_import import ImportRefused, check_file, import_file
from .validators import is_valid_uscc, normalize_uscc

patents = AppGroup("patents", help="Patent records.")


class CommandLineActor:
    """Whoever runs a command: a platform administrator's rights, and no user in the
    audit trail."""

    id = None
    is_platform_admin = True
    is_org_admin = False
    is_authenticated = True
    organization_id = None


def find_organisation(ref: str) -> Organization:
    """The organisation with this id or USCC; a click error otherwise."""
    ref = ref.strip()
    org = None
    if ref.isdigit():
        org = db.session.get(Organization, int(ref))
    elif is_valid_uscc(ref):
        org = db.session.scalar(select(Organization).where(
            Organization.uscc == normalize_uscc(ref)))
    if org is None:
        raise click.BadParameter(f"no organisation with id or USCC {ref!r}", param_hint="--org")
    return org


def _report(check) -> None:
    for message in check.file_errors:
        click.echo(f"error: {message}", err=True)
    for row in check.bad_rows:
        for message in row.errors:
            click.echo(f"row {row.row}: {message}", err=True)


@patents.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--org", "org_ref", required=True, help="The owning organisation: id or USCC.")
@click.option("--dry-run", is_flag=True, help="Check every row and save nothing.")
def import_command(file: Path, org_ref: str, dry_run: bool) -> None:
    """Import patents from a CSV (UTF-8 or GBK) or XLSX file, all or nothing."""
    org = find_organisation(org_ref)
    data = file.read_bytes()
    actor = CommandLineActor()
    with force_locale("en"):
        if dry_run:
            check = check_file(actor, org, data, file.name)
            db.session.rollback()
        else:
            try:
                check = import_file(actor, org, data, file.name)
            except ImportRefused as refused:
                db.session.rollback()
                check = refused.check
        if not check.ok:
            _report(check)
            raise click.exceptions.Exit(1)
    if not dry_run:
        db.session.commit()
    verb = "would import" if dry_run else "imported"
    click.echo(f"{file.name}: {verb} {check.count('new')} new, {check.count('changed')} "
               f"updated, {check.count('unchanged')} unchanged")


@patents.command("retag")
def retag_command() -> None:
    """Suggest alliances again for patents whose owners have not confirmed theirs (run it
    after the classification mapping changed)."""
    from .services.patent_tags import retag_unconfirmed

    count = retag_unconfirmed()
    db.session.commit()
    click.echo(f"re-suggested the alliances of {count} patents")


licensing = AppGroup("licensing", help="Licence requests and licences.")


@licensing.command("expire")
def expire_command() -> None:
    """Expire licence requests left unanswered past their due date (safe to run from cron;
    a request already moved is skipped)."""
    from .services.licence_requests import expire_overdue

    count = expire_overdue()
    db.session.commit()
    click.echo(f"expired {count} licence requests")
