"""requests recorded for someone else: who asked, who referred it, consent taken by phone

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0013'
down_revision: Union[str, None] = '0012'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('help_requests') as batch:
        batch.add_column(sa.Column('source', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('referrer_name', sa.String(length=120), nullable=True))
        batch.add_column(sa.Column('referrer_contact', sa.String(length=80), nullable=True))
        batch.add_column(sa.Column('consent_recorded_by_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('phone_to_ring', sa.String(length=32), nullable=True))
        batch.create_foreign_key(batch.f('fk_help_requests_consent_recorded_by_id_people'), 'people',
                                 ['consent_recorded_by_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('help_requests') as batch:
        batch.drop_constraint(batch.f('fk_help_requests_consent_recorded_by_id_people'),
                              type_='foreignkey')
        batch.drop_column('phone_to_ring')
        batch.drop_column('consent_recorded_by_id')
        batch.drop_column('referrer_contact')
        batch.drop_column('referrer_name')
        batch.drop_column('source')
