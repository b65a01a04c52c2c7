"""directory, partners and shopping receipts

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('directory_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('districts', sa.JSON(), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('opening_hours', sa.String(length=120), nullable=False),
    sa.Column('takes_payment_by_phone', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('removed_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_directory_entries'))
    )
    with op.batch_alter_table('directory_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_directory_entries_kind'), ['kind'], unique=False)

    op.create_table('partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['people.id'], name=op.f('fk_partners_contact_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners')),
    sa.UniqueConstraint('name', name=op.f('uq_partners_name'))
    )
    op.create_table('partner_needs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=12), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('required_checks', sa.JSON(), nullable=False),
    sa.Column('volunteers_needed', sa.Integer(), nullable=False),
    sa.Column('places_taken', sa.Integer(), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=False),
    sa.Column('how_often', sa.String(length=80), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('filled_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_partner_needs_partner_id_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_needs')),
    sa.UniqueConstraint('reference', name=op.f('uq_partner_needs_reference'))
    )
    with op.batch_alter_table('partner_needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_needs_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_needs_status'), ['status'], unique=False)

    op.create_table('service_suggestions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('entry_name', sa.String(length=120), nullable=False),
    sa.Column('suggested_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['directory_entries.id'], name=op.f('fk_service_suggestions_entry_id_directory_entries'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['help_requests.id'], name=op.f('fk_service_suggestions_request_id_help_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_suggestions'))
    )
    with op.batch_alter_table('service_suggestions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_suggestions_request_id'), ['request_id'], unique=False)

    op.create_table('need_offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('distance_km', sa.Float(), nullable=True),
    sa.Column('offered_at', sa.DateTime(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['need_id'], ['partner_needs.id'], name=op.f('fk_need_offers_need_id_partner_needs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['people.id'], name=op.f('fk_need_offers_volunteer_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_offers')),
    sa.UniqueConstraint('need_id', 'volunteer_id', name=op.f('uq_need_offers_need_id_volunteer_id'))
    )
    with op.batch_alter_table('need_offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_offers_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_offers_volunteer_id'), ['volunteer_id'], unique=False)

    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payment_method', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('receipt_pence', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('receipt_status', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('receipt_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('receipt_settled_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_help_requests_receipt_status'), ['receipt_status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_help_requests_receipt_status'))
        batch_op.drop_column('receipt_settled_at')
        batch_op.drop_column('receipt_at')
        batch_op.drop_column('receipt_status')
        batch_op.drop_column('receipt_pence')
        batch_op.drop_column('payment_method')

    with op.batch_alter_table('need_offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_offers_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_need_offers_need_id'))

    op.drop_table('need_offers')
    with op.batch_alter_table('service_suggestions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_suggestions_request_id'))

    op.drop_table('service_suggestions')
    with op.batch_alter_table('partner_needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_needs_status'))
        batch_op.drop_index(batch_op.f('ix_partner_needs_partner_id'))

    op.drop_table('partner_needs')
    op.drop_table('partners')
    with op.batch_alter_table('directory_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_directory_entries_kind'))

    op.drop_table('directory_entries')
