"""Listings (with co-owners' consent), open-licence declarations, licence requests with
their negotiation history, licences with their patents and payment schedule.

Revision ID: 0009_licensing
Revises: 0008_notifications
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_licensing'
down_revision = '0008_notifications'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('listing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('awaiting_consent', 'listed', 'withdrawn', name='listingstatus', native_enum=False, length=32), nullable=False),
    sa.Column('offers_exclusive', sa.Boolean(), nullable=False),
    sa.Column('offers_sole', sa.Boolean(), nullable=False),
    sa.Column('offers_non_exclusive', sa.Boolean(), nullable=False),
    sa.Column('sublicensing_allowed', sa.Boolean(), nullable=False),
    sa.Column('fields_of_use', sa.Text(), nullable=False),
    sa.Column('territory', sa.Text(), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=True),
    sa.Column('price_shown', sa.Boolean(), nullable=False),
    sa.Column('visibility', sa.Enum('public', 'alliance_members', name='visibility', native_enum=False, length=32), nullable=False),
    sa.Column('contact', sa.String(length=300), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('listed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('royalty_kind', sa.Enum('lump_sum', 'running_percent', 'running_per_unit', 'entry_plus_running', 'milestones', name='royaltykind', native_enum=False, length=32), nullable=True),
    sa.Column('lump_sum', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('entry_fee', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('running_rate', sa.Numeric(precision=7, scale=4), nullable=True),
    sa.Column('per_unit', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('minimum_annual', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('milestones', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_listing_created_by_id_user')),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_listing_organization_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_listing'))
    )
    with op.batch_alter_table('listing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listing_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_status'), ['status'], unique=False)

    op.create_table('licence_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('requester_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'submitted', 'under_review', 'countered', 'revised', 'accepted', 'licensed', 'rejected', 'withdrawn', 'expired', name='requeststatus', native_enum=False, length=32), nullable=False),
    sa.Column('intended_use', sa.Text(), nullable=False),
    sa.Column('last_move_by', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answer_due', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('kind', sa.Enum('exclusive', 'sole', 'non_exclusive', name='licencekind', native_enum=False, length=32), nullable=False),
    sa.Column('sublicensing', sa.Boolean(), nullable=False),
    sa.Column('field_of_use', sa.Text(), nullable=False),
    sa.Column('territory', sa.Text(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('royalty_kind', sa.Enum('lump_sum', 'running_percent', 'running_per_unit', 'entry_plus_running', 'milestones', name='royaltykind', native_enum=False, length=32), nullable=True),
    sa.Column('lump_sum', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('entry_fee', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('running_rate', sa.Numeric(precision=7, scale=4), nullable=True),
    sa.Column('per_unit', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('minimum_annual', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('milestones', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_licence_request_created_by_id_user')),
    sa.ForeignKeyConstraint(['listing_id'], ['listing.id'], name=op.f('fk_licence_request_listing_id_listing')),
    sa.ForeignKeyConstraint(['requester_id'], ['organization.id'], name=op.f('fk_licence_request_requester_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licence_request'))
    )
    with op.batch_alter_table('licence_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_licence_request_answer_due'), ['answer_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_licence_request_listing_id'), ['listing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_licence_request_requester_id'), ['requester_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_licence_request_status'), ['status'], unique=False)

    op.create_table('listing_consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'given', 'refused', name='consentstatus', native_enum=False, length=32), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_listing_consent_decided_by_id_user')),
    sa.ForeignKeyConstraint(['listing_id'], ['listing.id'], name=op.f('fk_listing_consent_listing_id_listing'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_listing_consent_organization_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_listing_consent')),
    sa.UniqueConstraint('listing_id', 'organization_id', name=op.f('uq_listing_consent_listing_id'))
    )
    with op.batch_alter_table('listing_consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listing_consent_listing_id'), ['listing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_consent_organization_id'), ['organization_id'], unique=False)

    op.create_table('listing_patent',
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['listing_id'], ['listing.id'], name=op.f('fk_listing_patent_listing_id_listing'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['patent_id'], ['patent.id'], name=op.f('fk_listing_patent_patent_id_patent')),
    sa.PrimaryKeyConstraint('listing_id', 'patent_id', name=op.f('pk_listing_patent'))
    )
    with op.batch_alter_table('listing_patent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listing_patent_patent_id'), ['patent_id'], unique=False)

    op.create_table('open_licence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('declared', 'withdrawn', name='openlicencestatus', native_enum=False, length=32), nullable=False),
    sa.Column('fee_method', sa.Text(), nullable=False),
    sa.Column('fee_standard', sa.Text(), nullable=False),
    sa.Column('royalty_kind', sa.Enum('lump_sum', 'running_percent', 'running_per_unit', 'entry_plus_running', 'milestones', name='royaltykind', native_enum=False, length=32), nullable=False),
    sa.Column('lump_sum', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('running_rate', sa.Numeric(precision=7, scale=4), nullable=True),
    sa.Column('per_unit', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('term_start', sa.Date(), nullable=False),
    sa.Column('term_end', sa.Date(), nullable=False),
    sa.Column('evaluation_report', sa.String(length=100), nullable=False),
    sa.Column('declared_by_id', sa.Integer(), nullable=True),
    sa.Column('declared_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['declared_by_id'], ['user.id'], name=op.f('fk_open_licence_declared_by_id_user')),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_open_licence_organization_id_organization')),
    sa.ForeignKeyConstraint(['patent_id'], ['patent.id'], name=op.f('fk_open_licence_patent_id_patent')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_open_licence'))
    )
    with op.batch_alter_table('open_licence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_open_licence_patent_id'), ['patent_id'], unique=False)
        batch_op.create_index('uq_open_licence_declared_per_patent', ['patent_id'], unique=True, sqlite_where=sa.text("status = 'declared'"), postgresql_where=sa.text("status = 'declared'"))

    op.create_table('licence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('licensor_id', sa.Integer(), nullable=False),
    sa.Column('licensee_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('open_licence_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('active', 'terminated', 'expired', name='licencestatus', native_enum=False, length=32), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('registration_due', sa.Date(), nullable=False),
    sa.Column('registration_number', sa.String(length=60), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('kind', sa.Enum('exclusive', 'sole', 'non_exclusive', name='licencekind', native_enum=False, length=32), nullable=False),
    sa.Column('sublicensing', sa.Boolean(), nullable=False),
    sa.Column('field_of_use', sa.Text(), nullable=False),
    sa.Column('territory', sa.Text(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('royalty_kind', sa.Enum('lump_sum', 'running_percent', 'running_per_unit', 'entry_plus_running', 'milestones', name='royaltykind', native_enum=False, length=32), nullable=True),
    sa.Column('lump_sum', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('entry_fee', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('running_rate', sa.Numeric(precision=7, scale=4), nullable=True),
    sa.Column('per_unit', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('minimum_annual', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('milestones', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_licence_created_by_id_user')),
    sa.ForeignKeyConstraint(['licensee_id'], ['organization.id'], name=op.f('fk_licence_licensee_id_organization')),
    sa.ForeignKeyConstraint(['licensor_id'], ['organization.id'], name=op.f('fk_licence_licensor_id_organization')),
    sa.ForeignKeyConstraint(['open_licence_id'], ['open_licence.id'], name=op.f('fk_licence_open_licence_id_open_licence')),
    sa.ForeignKeyConstraint(['request_id'], ['licence_request.id'], name=op.f('fk_licence_request_id_licence_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licence')),
    sa.UniqueConstraint('request_id', name=op.f('uq_licence_request_id'))
    )
    with op.batch_alter_table('licence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_licence_licensee_id'), ['licensee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_licence_licensor_id'), ['licensor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_licence_open_licence_id'), ['open_licence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_licence_registration_due'), ['registration_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_licence_status'), ['status'], unique=False)

    op.create_table('licence_request_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('terms', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_licence_request_message_author_id_user')),
    sa.ForeignKeyConstraint(['request_id'], ['licence_request.id'], name=op.f('fk_licence_request_message_request_id_licence_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licence_request_message'))
    )
    with op.batch_alter_table('licence_request_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_licence_request_message_request_id'), ['request_id'], unique=False)

    op.create_table('licence_patent',
    sa.Column('licence_id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['licence_id'], ['licence.id'], name=op.f('fk_licence_patent_licence_id_licence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['patent_id'], ['patent.id'], name=op.f('fk_licence_patent_patent_id_patent')),
    sa.PrimaryKeyConstraint('licence_id', 'patent_id', name=op.f('pk_licence_patent'))
    )
    with op.batch_alter_table('licence_patent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_licence_patent_patent_id'), ['patent_id'], unique=False)

    op.create_table('licence_payment_due',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('licence_id', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('what', sa.String(length=40), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.ForeignKeyConstraint(['licence_id'], ['licence.id'], name=op.f('fk_licence_payment_due_licence_id_licence'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licence_payment_due'))
    )
    with op.batch_alter_table('licence_payment_due', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_licence_payment_due_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_licence_payment_due_licence_id'), ['licence_id'], unique=False)



def downgrade():
    with op.batch_alter_table('licence_payment_due', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_licence_payment_due_licence_id'))
        batch_op.drop_index(batch_op.f('ix_licence_payment_due_due_date'))

    op.drop_table('licence_payment_due')
    with op.batch_alter_table('licence_patent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_licence_patent_patent_id'))

    op.drop_table('licence_patent')
    with op.batch_alter_table('licence_request_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_licence_request_message_request_id'))

    op.drop_table('licence_request_message')
    with op.batch_alter_table('licence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_licence_status'))
        batch_op.drop_index(batch_op.f('ix_licence_registration_due'))
        batch_op.drop_index(batch_op.f('ix_licence_open_licence_id'))
        batch_op.drop_index(batch_op.f('ix_licence_licensor_id'))
        batch_op.drop_index(batch_op.f('ix_licence_licensee_id'))

    op.drop_table('licence')
    with op.batch_alter_table('open_licence', schema=None) as batch_op:
        batch_op.drop_index('uq_open_licence_declared_per_patent', sqlite_where=sa.text("status = 'declared'"), postgresql_where=sa.text("status = 'declared'"))
        batch_op.drop_index(batch_op.f('ix_open_licence_patent_id'))

    op.drop_table('open_licence')
    with op.batch_alter_table('listing_patent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listing_patent_patent_id'))

    op.drop_table('listing_patent')
    with op.batch_alter_table('listing_consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listing_consent_organization_id'))
        batch_op.drop_index(batch_op.f('ix_listing_consent_listing_id'))

    op.drop_table('listing_consent')
    with op.batch_alter_table('licence_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_licence_request_status'))
        batch_op.drop_index(batch_op.f('ix_licence_request_requester_id'))
        batch_op.drop_index(batch_op.f('ix_licence_request_listing_id'))
        batch_op.drop_index(batch_op.f('ix_licence_request_answer_due'))

    op.drop_table('licence_request')
    with op.batch_alter_table('listing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listing_status'))
        batch_op.drop_index(batch_op.f('ix_listing_organization_id'))

    op.drop_table('listing')
