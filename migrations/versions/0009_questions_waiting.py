"""questions the hub asked while someone was busy, asked again when their conversation ends

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0009'
down_revision: Union[str, None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('conversation_states') as batch:
        batch.add_column(sa.Column('questions_waiting', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('conversation_states') as batch:
        batch.drop_column('questions_waiting')
