"""addresses looked up online, remembered

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0004'
down_revision: Union[str, None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('geocoded_addresses',
    sa.Column('query', sa.String(length=200), nullable=False),
    sa.Column('found', sa.Boolean(), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('postcode', sa.String(length=10), nullable=True),
    sa.Column('looked_up_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('query', name=op.f('pk_geocoded_addresses'))
    )


def downgrade() -> None:
    op.drop_table('geocoded_addresses')
