"""safeguarding concerns

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0005'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('concerns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('raised_by_id', sa.Integer(), nullable=True),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('raised_at', sa.DateTime(), nullable=False),
    sa.Column('last_alert_at', sa.DateTime(), nullable=True),
    sa.Column('alerts_sent', sa.Integer(), nullable=False),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolution_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['people.id'], name=op.f('fk_concerns_acknowledged_by_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['raised_by_id'], ['people.id'], name=op.f('fk_concerns_raised_by_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['help_requests.id'], name=op.f('fk_concerns_request_id_help_requests'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resident_id'], ['people.id'], name=op.f('fk_concerns_resident_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['people.id'], name=op.f('fk_concerns_resolved_by_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concerns'))
    )
    op.create_index(op.f('ix_concerns_raised_by_id'), 'concerns', ['raised_by_id'], unique=False)
    op.create_index(op.f('ix_concerns_resident_id'), 'concerns', ['resident_id'], unique=False)
    op.create_index(op.f('ix_concerns_status'), 'concerns', ['status'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_concerns_status'), table_name='concerns')
    op.drop_index(op.f('ix_concerns_resident_id'), table_name='concerns')
    op.drop_index(op.f('ix_concerns_raised_by_id'), table_name='concerns')
    op.drop_table('concerns')
