"""check-up campaigns: a list of people, its legal basis, and each person's progress

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0015'
down_revision: Union[str, None] = '0014'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'campaigns',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('legal_basis', sa.Text(), nullable=False),
        sa.Column('own_words', sa.String(length=200), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('started_by_id', sa.Integer(), nullable=True),
        sa.Column('started_at', sa.DateTime(), nullable=True),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['people.id'], ondelete='SET NULL',
                                name=op.f('fk_campaigns_created_by_id_people')),
        sa.ForeignKeyConstraint(['started_by_id'], ['people.id'], ondelete='SET NULL',
                                name=op.f('fk_campaigns_started_by_id_people')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_campaigns')),
    )
    op.create_table(
        'campaign_members',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('line', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('phone', sa.String(length=32), nullable=False),
        sa.Column('postcode', sa.String(length=10), nullable=True),
        sa.Column('latitude', sa.Float(), nullable=True),
        sa.Column('longitude', sa.Float(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('mobile', sa.Boolean(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('known_before', sa.Boolean(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.Column('outbound_message_id', sa.Integer(), nullable=True),
        sa.Column('not_sent_because', sa.String(length=16), nullable=True),
        sa.Column('reply', sa.String(length=16), nullable=True),
        sa.Column('reply_text', sa.Text(), nullable=True),
        sa.Column('replied_at', sa.DateTime(), nullable=True),
        sa.Column('request_id', sa.Integer(), nullable=True),
        sa.Column('call_result', sa.String(length=16), nullable=True),
        sa.Column('call_note', sa.Text(), nullable=True),
        sa.Column('called_at', sa.DateTime(), nullable=True),
        sa.Column('called_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], ondelete='CASCADE',
                                name=op.f('fk_campaign_members_campaign_id_campaigns')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='SET NULL',
                                name=op.f('fk_campaign_members_person_id_people')),
        sa.ForeignKeyConstraint(['outbound_message_id'], ['outbound_messages.id'],
                                ondelete='SET NULL',
                                name=op.f('fk_campaign_members_outbound_message_id_outbound_messages')),
        sa.ForeignKeyConstraint(['request_id'], ['help_requests.id'], ondelete='SET NULL',
                                name=op.f('fk_campaign_members_request_id_help_requests')),
        sa.ForeignKeyConstraint(['called_by_id'], ['people.id'], ondelete='SET NULL',
                                name=op.f('fk_campaign_members_called_by_id_people')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_members')),
    )
    op.create_index(op.f('ix_campaign_members_campaign_id'), 'campaign_members',
                    ['campaign_id'], unique=False)
    op.create_index(op.f('ix_campaign_members_person_id'), 'campaign_members', ['person_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_campaign_members_person_id'), table_name='campaign_members')
    op.drop_index(op.f('ix_campaign_members_campaign_id'), table_name='campaign_members')
    op.drop_table('campaign_members')
    op.drop_table('campaigns')
