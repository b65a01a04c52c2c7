"""standing requests repeated weekly, and the time volunteers give

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0016'
down_revision: Union[str, None] = '0015'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('standing_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('every_days', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('next_on', sa.Date(), nullable=False),
    sa.Column('skip_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('paused_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['resident_id'], ['people.id'],
                            name=op.f('fk_standing_requests_resident_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standing_requests'))
    )
    op.create_index(op.f('ix_standing_requests_resident_id'), 'standing_requests', ['resident_id'],
                    unique=False)
    op.create_index(op.f('ix_standing_requests_status'), 'standing_requests', ['status'],
                    unique=False)
    op.create_table('volunteer_thanks',
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('tasks', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['volunteer_id'], ['people.id'],
                            name=op.f('fk_volunteer_thanks_volunteer_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('volunteer_id', 'month', name=op.f('pk_volunteer_thanks'))
    )
    with op.batch_alter_table('help_requests') as batch:
        batch.add_column(sa.Column('standing_request_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('minutes_given', sa.Integer(), nullable=True))
        batch.create_index(batch.f('ix_help_requests_standing_request_id'),
                           ['standing_request_id'], unique=False)
        batch.create_foreign_key(batch.f('fk_help_requests_standing_request_id_standing_requests'),
                                 'standing_requests', ['standing_request_id'], ['id'],
                                 ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('help_requests') as batch:
        batch.drop_constraint(batch.f('fk_help_requests_standing_request_id_standing_requests'),
                              type_='foreignkey')
        batch.drop_index(batch.f('ix_help_requests_standing_request_id'))
        batch.drop_column('minutes_given')
        batch.drop_column('standing_request_id')
    op.drop_table('volunteer_thanks')
    op.drop_index(op.f('ix_standing_requests_status'), table_name='standing_requests')
    op.drop_index(op.f('ix_standing_requests_resident_id'), table_name='standing_requests')
    op.drop_table('standing_requests')
