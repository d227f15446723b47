"""Invitations without an organisation: a platform administrator invites a person by email
to coordinate an alliance.

``invitation.organization_id`` becomes nullable, ``invitation.alliance_id`` is added, and a
check keeps exactly one of them set (a coordinator's invitation always names an email).

Revision ID: 0004_coordinator_invitations
Revises: 0003_derived_roles
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_coordinator_invitations"
down_revision = "0003_derived_roles"
branch_labels = None
depends_on = None

ONE_TARGET = (
    "(organization_id IS NOT NULL AND alliance_id IS NULL) OR "
    "(organization_id IS NULL AND alliance_id IS NOT NULL AND email <> '')"
)


def upgrade():
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("alliance_id", sa.Integer(), nullable=True))
        batch_op.alter_column("organization_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f("ix_invitation_alliance_id"), ["alliance_id"],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_invitation_alliance_id_alliance"),
                                    "alliance", ["alliance_id"], ["id"])
        batch_op.create_check_constraint("one_target", ONE_TARGET)


def downgrade():
    op.execute(sa.text("DELETE FROM invitation WHERE organization_id IS NULL"))
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_constraint("one_target", type_="check")
        batch_op.drop_constraint(batch_op.f("fk_invitation_alliance_id_alliance"),
                                 type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_invitation_alliance_id"))
        batch_op.alter_column("organization_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("alliance_id")
