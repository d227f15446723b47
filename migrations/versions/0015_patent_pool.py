"""Patent pools: markets, essential-patent declarations, incomes, allocation runs; ledger
entries from a pool run (payment_id nullable, pool_run_id, exactly one of them set).

Revision ID: 0015_patent_pool
Revises: 0014_agreement_terms
Create Date: 2026-11-29 05:36:28.669008

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_patent_pool'
down_revision = '0014_agreement_terms'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('patent_pool',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alliance_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='poolstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['alliance_id'], ['alliance.id'], name=op.f('fk_patent_pool_alliance_id_alliance')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_patent_pool_created_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patent_pool')),
    sa.UniqueConstraint('alliance_id', 'name', name='uq_patent_pool_name')
    )
    with op.batch_alter_table('patent_pool', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patent_pool_alliance_id'), ['alliance_id'], unique=False)

    op.create_table('pool_market',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['pool_id'], ['patent_pool.id'], name=op.f('fk_pool_market_pool_id_patent_pool'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pool_market')),
    sa.UniqueConstraint('pool_id', 'name', name='uq_pool_market_name')
    )
    with op.batch_alter_table('pool_market', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pool_market_pool_id'), ['pool_id'], unique=False)

    op.create_table('pool_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=20), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('basis', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_pool_run_actor_id_user')),
    sa.ForeignKeyConstraint(['pool_id'], ['patent_pool.id'], name=op.f('fk_pool_run_pool_id_patent_pool')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pool_run')),
    sa.UniqueConstraint('pool_id', 'period', name='uq_pool_run_period')
    )
    with op.batch_alter_table('pool_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pool_run_pool_id'), ['pool_id'], unique=False)

    op.create_table('pool_declaration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('market_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('declared_by_id', sa.Integer(), nullable=True),
    sa.Column('declared_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_by_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['declared_by_id'], ['user.id'], name=op.f('fk_pool_declaration_declared_by_id_user')),
    sa.ForeignKeyConstraint(['market_id'], ['pool_market.id'], name=op.f('fk_pool_declaration_market_id_pool_market'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_pool_declaration_organization_id_organization')),
    sa.ForeignKeyConstraint(['patent_id'], ['patent.id'], name=op.f('fk_pool_declaration_patent_id_patent')),
    sa.ForeignKeyConstraint(['pool_id'], ['patent_pool.id'], name=op.f('fk_pool_declaration_pool_id_patent_pool'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['withdrawn_by_id'], ['user.id'], name=op.f('fk_pool_declaration_withdrawn_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pool_declaration'))
    )
    with op.batch_alter_table('pool_declaration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pool_declaration_market_id'), ['market_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pool_declaration_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pool_declaration_patent_id'), ['patent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pool_declaration_pool_id'), ['pool_id'], unique=False)
        batch_op.create_index('uq_pool_declaration_in_force', ['market_id', 'patent_id', 'organization_id'], unique=True, sqlite_where=sa.text('withdrawn_at IS NULL'), postgresql_where=sa.text('withdrawn_at IS NULL'))

    op.create_table('pool_income',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('market_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['market_id'], ['pool_market.id'], name=op.f('fk_pool_income_market_id_pool_market')),
    sa.ForeignKeyConstraint(['pool_id'], ['patent_pool.id'], name=op.f('fk_pool_income_pool_id_patent_pool'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_pool_income_recorded_by_id_user')),
    sa.ForeignKeyConstraint(['run_id'], ['pool_run.id'], name=op.f('fk_pool_income_run_id_pool_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pool_income'))
    )
    with op.batch_alter_table('pool_income', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pool_income_market_id'), ['market_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pool_income_period'), ['period'], unique=False)
        batch_op.create_index(batch_op.f('ix_pool_income_pool_id'), ['pool_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pool_income_run_id'), ['run_id'], unique=False)

    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pool_run_id', sa.Integer(), nullable=True))
        batch_op.alter_column('payment_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_ledger_entry_pool_run_id'), ['pool_run_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_ledger_entry_pool_run_id_pool_run'), 'pool_run', ['pool_run_id'], ['id'])
        batch_op.create_check_constraint(
            'one_source', '(payment_id IS NULL) <> (pool_run_id IS NULL)')



def downgrade():
    op.execute("DELETE FROM ledger_entry WHERE pool_run_id IS NOT NULL")
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_ledger_entry_one_source'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_ledger_entry_pool_run_id_pool_run'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_ledger_entry_pool_run_id'))
        batch_op.alter_column('payment_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('pool_run_id')

    with op.batch_alter_table('pool_income', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pool_income_run_id'))
        batch_op.drop_index(batch_op.f('ix_pool_income_pool_id'))
        batch_op.drop_index(batch_op.f('ix_pool_income_period'))
        batch_op.drop_index(batch_op.f('ix_pool_income_market_id'))

    op.drop_table('pool_income')
    with op.batch_alter_table('pool_declaration', schema=None) as batch_op:
        batch_op.drop_index('uq_pool_declaration_in_force', sqlite_where=sa.text('withdrawn_at IS NULL'), postgresql_where=sa.text('withdrawn_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_pool_declaration_pool_id'))
        batch_op.drop_index(batch_op.f('ix_pool_declaration_patent_id'))
        batch_op.drop_index(batch_op.f('ix_pool_declaration_organization_id'))
        batch_op.drop_index(batch_op.f('ix_pool_declaration_market_id'))

    op.drop_table('pool_declaration')
    with op.batch_alter_table('pool_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pool_run_pool_id'))

    op.drop_table('pool_run')
    with op.batch_alter_table('pool_market', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pool_market_pool_id'))

    op.drop_table('pool_market')
    with op.batch_alter_table('patent_pool', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patent_pool_alliance_id'))

    op.drop_table('patent_pool')
