"""Coordinating an alliance is derived from active appointments, not stored as a role.

Accounts stored as 'coordinator' become plain members (their appointments stay); nothing
else changes. Downgrade stores 'coordinator' again for members with an active appointment.

Revision ID: 0003_derived_roles
Revises: 0002_seed_alliances
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_derived_roles"
down_revision = "0002_seed_alliances"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(sa.text("UPDATE \"user\" SET role = 'member' WHERE role = 'coordinator'"))
    op.execute(sa.text("UPDATE invitation SET role = 'member' WHERE role = 'coordinator'"))


def downgrade():
    op.execute(sa.text(
        "UPDATE \"user\" SET role = 'coordinator' WHERE role = 'member' AND id IN "
        "(SELECT user_id FROM coordinatorship WHERE active)"
    ))
