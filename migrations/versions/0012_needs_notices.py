"""Technology needs and their answers; alliance notices

Revision ID: 0012_needs_notices
Revises: 0011_ledger
Create Date: 2026-11-29 05:39:48

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_needs_notices'
down_revision = '0011_ledger'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('need',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('ipc', sa.String(length=500), nullable=False),
    sa.Column('keywords', sa.String(length=500), nullable=False),
    sa.Column('budget_min', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('budget_max', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('visibility', sa.Enum('public', 'alliances', name='needvisibility', native_enum=False, length=32), nullable=False),
    sa.Column('status', sa.Enum('open', 'solved', 'withdrawn', 'expired', name='needstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max', name=op.f('ck_need_budget_in_order')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_need_created_by_id_user')),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_need_organization_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need'))
    )
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_status'), ['status'], unique=False)

    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alliance_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('policy', 'event', 'cooperation', name='noticekind', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('published', 'withdrawn', name='noticestatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['alliance_id'], ['alliance.id'], name=op.f('fk_notice_alliance_id_alliance')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_notice_created_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice'))
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_alliance_id'), ['alliance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_status'), ['status'], unique=False)

    op.create_table('need_alliance',
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('alliance_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['alliance_id'], ['alliance.id'], name=op.f('fk_need_alliance_alliance_id_alliance')),
    sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_need_alliance_need_id_need'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('need_id', 'alliance_id', name=op.f('pk_need_alliance'))
    )
    with op.batch_alter_table('need_alliance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_alliance_alliance_id'), ['alliance_id'], unique=False)

    op.create_table('need_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('chosen', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_need_answer_created_by_id_user')),
    sa.ForeignKeyConstraint(['listing_id'], ['listing.id'], name=op.f('fk_need_answer_listing_id_listing')),
    sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_need_answer_need_id_need'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_need_answer_organization_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_answer'))
    )
    with op.batch_alter_table('need_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_answer_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_answer_organization_id'), ['organization_id'], unique=False)



def downgrade():
    with op.batch_alter_table('need_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_answer_organization_id'))
        batch_op.drop_index(batch_op.f('ix_need_answer_need_id'))

    op.drop_table('need_answer')
    with op.batch_alter_table('need_alliance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_alliance_alliance_id'))

    op.drop_table('need_alliance')
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_status'))
        batch_op.drop_index(batch_op.f('ix_notice_created_at'))
        batch_op.drop_index(batch_op.f('ix_notice_alliance_id'))

    op.drop_table('notice')
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_status'))
        batch_op.drop_index(batch_op.f('ix_need_organization_id'))
        batch_op.drop_index(batch_op.f('ix_need_deadline'))

    op.drop_table('need')
