"""Royalty reports, payments received, distribution runs (one per payment) and ledger
entries.

Revision ID: 0011_ledger
Revises: 0010_agreements
Create Date: 2026-11-29 04:43:14.813564

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_ledger'
down_revision = '0010_agreements'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('royalty_payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('licence_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('distributed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['licence_id'], ['licence.id'], name=op.f('fk_royalty_payment_licence_id_licence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_royalty_payment_recorded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_royalty_payment'))
    )
    with op.batch_alter_table('royalty_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_royalty_payment_licence_id'), ['licence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_royalty_payment_received_on'), ['received_on'], unique=False)

    op.create_table('royalty_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('licence_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('net_sales', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('units', sa.Integer(), nullable=True),
    sa.Column('filed_by_id', sa.Integer(), nullable=True),
    sa.Column('filed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['filed_by_id'], ['user.id'], name=op.f('fk_royalty_report_filed_by_id_user')),
    sa.ForeignKeyConstraint(['licence_id'], ['licence.id'], name=op.f('fk_royalty_report_licence_id_licence'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_royalty_report'))
    )
    with op.batch_alter_table('royalty_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_royalty_report_licence_id'), ['licence_id'], unique=False)

    op.create_table('distribution_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('agreement_version_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_distribution_run_actor_id_user')),
    sa.ForeignKeyConstraint(['agreement_version_id'], ['agreement_version.id'], name=op.f('fk_distribution_run_agreement_version_id_agreement_version')),
    sa.ForeignKeyConstraint(['payment_id'], ['royalty_payment.id'], name=op.f('fk_distribution_run_payment_id_royalty_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_distribution_run')),
    sa.UniqueConstraint('payment_id', name=op.f('uq_distribution_run_payment_id'))
    )
    with op.batch_alter_table('distribution_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_distribution_run_agreement_version_id'), ['agreement_version_id'], unique=False)

    op.create_table('ledger_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('step', sa.String(length=20), nullable=False),
    sa.Column('debit', sa.String(length=200), nullable=False),
    sa.Column('credit', sa.String(length=200), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_ledger_entry_created_by_id_user')),
    sa.ForeignKeyConstraint(['payment_id'], ['royalty_payment.id'], name=op.f('fk_ledger_entry_payment_id_royalty_payment')),
    sa.ForeignKeyConstraint(['reverses_id'], ['ledger_entry.id'], name=op.f('fk_ledger_entry_reverses_id_ledger_entry')),
    sa.ForeignKeyConstraint(['run_id'], ['distribution_run.id'], name=op.f('fk_ledger_entry_run_id_distribution_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entry')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_ledger_entry_reverses_id'))
    )
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_entry_credit'), ['credit'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entry_debit'), ['debit'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entry_payment_id'), ['payment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entry_run_id'), ['run_id'], unique=False)



def downgrade():
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_entry_run_id'))
        batch_op.drop_index(batch_op.f('ix_ledger_entry_payment_id'))
        batch_op.drop_index(batch_op.f('ix_ledger_entry_debit'))
        batch_op.drop_index(batch_op.f('ix_ledger_entry_credit'))

    op.drop_table('ledger_entry')
    with op.batch_alter_table('distribution_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_distribution_run_agreement_version_id'))

    op.drop_table('distribution_run')
    with op.batch_alter_table('royalty_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_royalty_report_licence_id'))

    op.drop_table('royalty_report')
    with op.batch_alter_table('royalty_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_royalty_payment_received_on'))
        batch_op.drop_index(batch_op.f('ix_royalty_payment_licence_id'))

    op.drop_table('royalty_payment')
