"""when a volunteer's ID check, DBS check and training run out

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0011'
down_revision: Union[str, None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('volunteer_profiles') as batch:
        batch.add_column(sa.Column('id_check_expires_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('dbs_expires_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('training_expires_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('volunteer_profiles') as batch:
        batch.drop_column('training_expires_on')
        batch.drop_column('dbs_expires_on')
        batch.drop_column('id_check_expires_on')
