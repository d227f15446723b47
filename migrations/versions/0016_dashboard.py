"""The province's targets (baseline year, multiplier, target year) for the dashboards.

Revision ID: 0016_dashboard
Revises: 0015_patent_pool
Create Date: 2026-11-29 06:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_dashboard'
down_revision = '0015_patent_pool'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('province_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('baseline_year', sa.Integer(), nullable=False),
    sa.Column('multiplier', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('target_year', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('multiplier > 0', name=op.f('ck_province_target_multiplier_positive')),
    sa.CheckConstraint('target_year > baseline_year', name=op.f('ck_province_target_target_after_baseline')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_province_target_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_province_target'))
    )


def downgrade():
    op.drop_table('province_target')
