"""outbox lanes: each message's priority lane and when it may be sent

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0014'
down_revision: Union[str, None] = '0013'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('outbound_messages') as batch:
        # Messages already waiting are conversation (lane 2): nothing stays behind offers.
        batch.add_column(sa.Column('lane', sa.Integer(), server_default='2', nullable=False))
        batch.add_column(sa.Column('offer_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f('fk_outbound_messages_offer_id_offers'), 'offers',
                                 ['offer_id'], ['id'], ondelete='SET NULL')
        batch.create_index(batch.f('ix_outbound_messages_offer_id'), ['offer_id'], unique=False)
        batch.create_index('ix_outbound_messages_lane_due',
                           ['status', 'channel', 'lane', 'next_attempt_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outbound_messages') as batch:
        batch.drop_index('ix_outbound_messages_lane_due')
        batch.drop_index(batch.f('ix_outbound_messages_offer_id'))
        batch.drop_constraint(batch.f('fk_outbound_messages_offer_id_offers'),
                              type_='foreignkey')
        batch.drop_column('offer_id')
        batch.drop_column('lane')
