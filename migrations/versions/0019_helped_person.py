"""who a request is for, when someone writes for another person

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0019'
down_revision: Union[str, None] = '0018'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Requests saved before now were each taken as the writer's own: nothing to fill in.
    with op.batch_alter_table('help_requests') as batch:
        batch.add_column(sa.Column('helped_name', sa.String(length=80), nullable=True))
        batch.add_column(sa.Column('helped_relation', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('help_requests') as batch:
        batch.drop_column('helped_relation')
        batch.drop_column('helped_name')
