"""In-app notifications and each person's email choice per kind of event.

Revision ID: 0008_notifications
Revises: 0007_patents
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_notifications"
down_revision = "0007_patents"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("link_endpoint", sa.String(length=100), nullable=True),
        sa.Column("link_values", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"],
                                name=op.f("fk_notification_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification") as batch_op:
        batch_op.create_index("ix_notification_user_id_read_at", ["user_id", "read_at"],
                              unique=False)
        batch_op.create_index("ix_notification_user_id_created_at", ["user_id", "created_at"],
                              unique=False)
    op.create_table(
        "notification_preference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"],
                                name=op.f("fk_notification_preference_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_preference")),
        sa.UniqueConstraint("user_id", "event", name="uq_notification_preference"),
    )


def downgrade():
    op.drop_table("notification_preference")
    with op.batch_alter_table("notification") as batch_op:
        batch_op.drop_index("ix_notification_user_id_created_at")
        batch_op.drop_index("ix_notification_user_id_read_at")
    op.drop_table("notification")
