"""the resident's age band on a befriending request; their feedback on a finished task

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0003'
down_revision: Union[str, None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('help_requests') as batch:
        batch.add_column(sa.Column('resident_age_band', sa.String(length=8), nullable=True))
        batch.add_column(sa.Column('feedback', sa.Text(), nullable=True))
        batch.add_column(sa.Column('feedback_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('help_requests') as batch:
        batch.drop_column('feedback_at')
        batch.drop_column('feedback')
        batch.drop_column('resident_age_band')
