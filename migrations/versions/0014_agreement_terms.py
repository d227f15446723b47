"""The configurable rule for which text of the Patent Law Implementing Regulations applies
(2010 or 2023 text), set by a platform admin.

Revision ID: 0014_agreement_terms
Revises: 0013_warnings
Create Date: 2026-11-29 06:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_agreement_terms'
down_revision = '0013_warnings'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('policy_text_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('switch', sa.Date(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_text_rule'))
    )


def downgrade():
    op.drop_table('policy_text_rule')
