"""Early warnings (kind + subject + due date + recipient, once) and IPC watches.

Revision ID: 0013_warnings
Revises: 0012_needs_notices
Create Date: 2026-11-29 05:39:51

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_warnings'
down_revision = '0012_needs_notices'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('early_warning',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('annual_fee', 'patent_expiry', 'licence_expiry', 'registration', 'royalty_report', 'open_licence', 'ipc_watch', name='warningkind', native_enum=False, length=32), nullable=False),
    sa.Column('subject_type', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('alliance_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('(organization_id IS NULL) <> (alliance_id IS NULL)', name=op.f('ck_early_warning_one_recipient')),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['user.id'], name=op.f('fk_early_warning_acknowledged_by_id_user')),
    sa.ForeignKeyConstraint(['alliance_id'], ['alliance.id'], name=op.f('fk_early_warning_alliance_id_alliance')),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_early_warning_organization_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_early_warning')),
    sa.UniqueConstraint('kind', 'subject_type', 'subject_id', 'due_date', 'alliance_id', name='uq_early_warning_alliance_key'),
    sa.UniqueConstraint('kind', 'subject_type', 'subject_id', 'due_date', 'organization_id', name='uq_early_warning_org_key')
    )
    with op.batch_alter_table('early_warning', schema=None) as batch_op:
        batch_op.create_index('ix_early_warning_alliance_open', ['alliance_id', 'resolved_at'], unique=False)
        batch_op.create_index('ix_early_warning_org_open', ['organization_id', 'resolved_at'], unique=False)

    op.create_table('ipc_watch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('alliance_id', sa.Integer(), nullable=True),
    sa.Column('subclass', sa.String(length=4), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(organization_id IS NULL) <> (alliance_id IS NULL)', name=op.f('ck_ipc_watch_one_watcher')),
    sa.ForeignKeyConstraint(['alliance_id'], ['alliance.id'], name=op.f('fk_ipc_watch_alliance_id_alliance')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_ipc_watch_created_by_id_user')),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_ipc_watch_organization_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ipc_watch')),
    sa.UniqueConstraint('alliance_id', 'subclass', name='uq_ipc_watch_alliance_subclass'),
    sa.UniqueConstraint('organization_id', 'subclass', name='uq_ipc_watch_org_subclass')
    )
    with op.batch_alter_table('ipc_watch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ipc_watch_alliance_id'), ['alliance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ipc_watch_organization_id'), ['organization_id'], unique=False)



def downgrade():
    with op.batch_alter_table('ipc_watch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ipc_watch_organization_id'))
        batch_op.drop_index(batch_op.f('ix_ipc_watch_alliance_id'))

    op.drop_table('ipc_watch')
    with op.batch_alter_table('early_warning', schema=None) as batch_op:
        batch_op.drop_index('ix_early_warning_org_open')
        batch_op.drop_index('ix_early_warning_alliance_open')

    op.drop_table('early_warning')
