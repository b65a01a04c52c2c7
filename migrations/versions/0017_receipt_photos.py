"""photos of receipts volunteers send for shopping money

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0017'
down_revision: Union[str, None] = '0016'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('receipt_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('content_type', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['help_requests.id'],
                            name=op.f('fk_receipt_photos_request_id_help_requests'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['people.id'],
                            name=op.f('fk_receipt_photos_volunteer_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt_photos'))
    )
    op.create_index(op.f('ix_receipt_photos_request_id'), 'receipt_photos', ['request_id'],
                    unique=False)
    op.create_index(op.f('ix_receipt_photos_volunteer_id'), 'receipt_photos', ['volunteer_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_receipt_photos_volunteer_id'), table_name='receipt_photos')
    op.drop_index(op.f('ix_receipt_photos_request_id'), table_name='receipt_photos')
    op.drop_table('receipt_photos')
