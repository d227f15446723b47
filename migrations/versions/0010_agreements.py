"""Benefit-sharing agreements: versions with parties, subject, costs, internal splits and
inventors; signatures; floor acknowledgements; the statutory-floor policy table, seeded from
alliance.sharing_rules.DEFAULT_POLICY; organisations set up by the state.

Revision ID: 0010_agreements
Revises: 0009_licensing
"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

from alliance.sharing_rules import DEFAULT_POLICY


# revision identifiers, used by Alembic.
revision = '0010_agreements'
down_revision = '0009_licensing'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('status', sa.Enum('draft', 'sent', 'in_force', 'superseded', 'cancelled', name='agreementstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_by_org_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('current_version_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_agreement_created_by_id_user')),
    sa.ForeignKeyConstraint(['created_by_org_id'], ['organization.id'], name=op.f('fk_agreement_created_by_org_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement'))
    )
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_created_by_org_id'), ['created_by_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_status'), ['status'], unique=False)

    op.create_table('policy_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('rule', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('article', sa.String(length=40), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=4), nullable=True),
    sa.Column('basis', sa.String(length=40), nullable=False),
    sa.Column('applies_to', sa.String(length=100), nullable=False),
    sa.Column('text_version', sa.String(length=10), nullable=True),
    sa.Column('refers_to', sa.String(length=60), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_rule')),
    sa.UniqueConstraint('key', name=op.f('uq_policy_rule_key'))
    )
    op.create_table('agreement_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'sent', 'signed', 'superseded', name='versionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_agreement_version_agreement_id_agreement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_agreement_version_created_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_version')),
    sa.UniqueConstraint('agreement_id', 'number', name=op.f('uq_agreement_version_agreement_id'))
    )
    with op.batch_alter_table('agreement_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_version_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_version_status'), ['status'], unique=False)

    op.create_table('agreement_floor_acknowledgement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('example_amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('shortfalls', sa.JSON(), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_agreement_floor_acknowledgement_organization_id_organization')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_agreement_floor_acknowledgement_user_id_user')),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_version.id'], name=op.f('fk_agreement_floor_acknowledgement_version_id_agreement_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_floor_acknowledgement'))
    )
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f('fk_agreement_current_version_id_agreement_version'), 'agreement_version',
            ['current_version_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('agreement_floor_acknowledgement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_floor_acknowledgement_version_id'), ['version_id'], unique=False)

    op.create_table('agreement_party',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('share', sa.Numeric(precision=13, scale=10), nullable=False),
    sa.Column('patent_fees', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('office_percent', sa.Numeric(precision=13, scale=10), nullable=True),
    sa.Column('split_inventors', sa.Numeric(precision=13, scale=10), nullable=True),
    sa.Column('split_school', sa.Numeric(precision=13, scale=10), nullable=True),
    sa.Column('split_office', sa.Numeric(precision=13, scale=10), nullable=True),
    sa.Column('split_institution', sa.Numeric(precision=13, scale=10), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_agreement_party_organization_id_organization')),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_version.id'], name=op.f('fk_agreement_party_version_id_agreement_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_party')),
    sa.UniqueConstraint('version_id', 'organization_id', name='uq_agreement_party_org'),
    sa.UniqueConstraint('version_id', 'position', name='uq_agreement_party_position')
    )
    with op.batch_alter_table('agreement_party', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_party_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_party_version_id'), ['version_id'], unique=False)

    op.create_table('agreement_signature',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_agreement_signature_organization_id_organization')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_agreement_signature_user_id_user')),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_version.id'], name=op.f('fk_agreement_signature_version_id_agreement_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_signature')),
    sa.UniqueConstraint('version_id', 'organization_id', name=op.f('uq_agreement_signature_version_id'))
    )
    with op.batch_alter_table('agreement_signature', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_signature_version_id'), ['version_id'], unique=False)

    op.create_table('agreement_version_patent',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['patent_id'], ['patent.id'], name=op.f('fk_agreement_version_patent_patent_id_patent')),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_version.id'], name=op.f('fk_agreement_version_patent_version_id_agreement_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('version_id', 'patent_id', name=op.f('pk_agreement_version_patent'))
    )
    with op.batch_alter_table('agreement_version_patent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_version_patent_patent_id'), ['patent_id'], unique=False)

    op.create_table('agreement_inventor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('share', sa.Numeric(precision=13, scale=10), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['agreement_party.id'], name=op.f('fk_agreement_inventor_party_id_agreement_party'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_agreement_inventor_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_inventor')),
    sa.UniqueConstraint('party_id', 'position', name=op.f('uq_agreement_inventor_party_id'))
    )
    with op.batch_alter_table('agreement_inventor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_inventor_party_id'), ['party_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_inventor_user_id'), ['user_id'], unique=False)

    op.create_table('agreement_version_licence',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('licence_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['licence_id'], ['licence.id'], name=op.f('fk_agreement_version_licence_licence_id_licence')),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_version.id'], name=op.f('fk_agreement_version_licence_version_id_agreement_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('version_id', 'licence_id', name=op.f('pk_agreement_version_licence'))
    )
    with op.batch_alter_table('agreement_version_licence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_version_licence_licence_id'), ['licence_id'], unique=False)

    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state_funded', sa.Boolean(), server_default=sa.false(), nullable=False))

    _seed_policy()


def _seed_policy():
    table = sa.table(
        'policy_rule', sa.column('key', sa.String), sa.column('rule', sa.Text),
        sa.column('source', sa.String), sa.column('article', sa.String),
        sa.column('effective_from', sa.Date), sa.column('effective_to', sa.Date),
        sa.column('kind', sa.String), sa.column('value', sa.Numeric(14, 4)),
        sa.column('basis', sa.String), sa.column('applies_to', sa.String),
        sa.column('text_version', sa.String), sa.column('refers_to', sa.String),
        sa.column('updated_at', sa.DateTime(timezone=True)))
    stamp = datetime.now(timezone.utc)
    op.bulk_insert(table, [
        dict(key=r.key, rule=r.rule, source=r.source, article=r.article,
             effective_from=r.effective_from, effective_to=r.effective_to, kind=r.kind,
             value=r.value, basis=r.basis, applies_to=",".join(sorted(r.applies_to)),
             text_version=r.text_version, refers_to=r.refers_to, updated_at=stamp)
        for r in DEFAULT_POLICY])


def downgrade():
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_agreement_current_version_id_agreement_version'), type_='foreignkey')

    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.drop_column('state_funded')

    with op.batch_alter_table('agreement_version_licence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_version_licence_licence_id'))

    op.drop_table('agreement_version_licence')
    with op.batch_alter_table('agreement_inventor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_inventor_user_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_inventor_party_id'))

    op.drop_table('agreement_inventor')
    with op.batch_alter_table('agreement_version_patent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_version_patent_patent_id'))

    op.drop_table('agreement_version_patent')
    with op.batch_alter_table('agreement_signature', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_signature_version_id'))

    op.drop_table('agreement_signature')
    with op.batch_alter_table('agreement_party', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_party_version_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_party_organization_id'))

    op.drop_table('agreement_party')
    with op.batch_alter_table('agreement_floor_acknowledgement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_floor_acknowledgement_version_id'))

    op.drop_table('agreement_floor_acknowledgement')
    with op.batch_alter_table('agreement_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_version_status'))
        batch_op.drop_index(batch_op.f('ix_agreement_version_agreement_id'))

    op.drop_table('agreement_version')
    op.drop_table('policy_rule')
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_status'))
        batch_op.drop_index(batch_op.f('ix_agreement_created_by_org_id'))

    op.drop_table('agreement')
