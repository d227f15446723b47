"""Organisation names stored cleaned, as every form and service now stores them: NFKC,
no invisible format characters, single spaces (alliance.text.clean_text).

Existing names are cleaned in place, so that a look-alike registration (the same name plus a
zero-width space, or in full-width letters) collides with the stored one. A name whose
cleaned form already belongs to another pending or approved organisation is left as it is
(a platform administrator resolves that duplicate) and reported in the log.

Revision ID: 0006_clean_names
Revises: 0005_user_sessions
"""
import logging

import sqlalchemy as sa
from alembic import op

from alliance.sorting import pinyin_sort_key
from alliance.text import clean_text

revision = "0006_clean_names"
down_revision = "0005_user_sessions"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
organization = sa.table("organization", sa.column("id", sa.Integer),
                        sa.column("name_zh", sa.String), sa.column("name_sort", sa.String),
                        sa.column("name_en", sa.String),
                        sa.column("region", sa.String), sa.column("status", sa.String))


def upgrade():
    connection = op.get_bind()
    rows = connection.execute(sa.select(organization)).all()
    taken = {row.name_zh for row in rows if row.status in ("pending", "approved")}
    for row in rows:
        values = {}
        name_zh = clean_text(row.name_zh)
        if name_zh != row.name_zh:
            if row.status in ("pending", "approved") and name_zh in taken:
                log.warning("organisation %s: cleaned name %r is taken; left as is",
                            row.id, name_zh)
            else:
                values["name_zh"] = name_zh
                values["name_sort"] = pinyin_sort_key(name_zh)
                taken.add(name_zh)
        for column in ("name_en", "region"):
            cleaned = clean_text(getattr(row, column))
            if cleaned != getattr(row, column):
                values[column] = cleaned
        if values:
            connection.execute(organization.update().where(organization.c.id == row.id)
                               .values(**values))


def downgrade():
    """Cleaning is not undone: the cleaned names are the same names."""
