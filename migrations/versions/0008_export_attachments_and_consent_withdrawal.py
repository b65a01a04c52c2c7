"""a file sent with an outbound message (EXPORT on Telegram); when consent was withdrawn

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0008'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('outbound_attachments',
    sa.Column('outbound_message_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=120), nullable=False),
    sa.Column('media_type', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['outbound_message_id'], ['outbound_messages.id'], name=op.f('fk_outbound_attachments_outbound_message_id_outbound_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('outbound_message_id', name=op.f('pk_outbound_attachments'))
    )
    with op.batch_alter_table('people') as batch:
        batch.add_column(sa.Column('consent_withdrawn_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('people') as batch:
        batch.drop_column('consent_withdrawn_at')
    op.drop_table('outbound_attachments')
