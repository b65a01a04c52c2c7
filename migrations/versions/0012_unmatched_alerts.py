"""when a request was left with no volunteer, and when the coordinators were alerted

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0012'
down_revision: Union[str, None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('help_requests') as batch:
        batch.add_column(sa.Column('unmatched_since', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('unmatched_alerted_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('help_requests') as batch:
        batch.drop_column('unmatched_alerted_at')
        batch.drop_column('unmatched_since')
