"""check-in calls

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('call_schedules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('frequency', sa.String(length=16), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=True),
    sa.Column('start_minute', sa.Integer(), nullable=False),
    sa.Column('window_minutes', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('paused_until', sa.Date(), nullable=True),
    sa.Column('next_call_at', sa.DateTime(), nullable=False),
    sa.Column('review_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['help_requests.id'], name=op.f('fk_call_schedules_request_id_help_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resident_id'], ['people.id'], name=op.f('fk_call_schedules_resident_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['people.id'], name=op.f('fk_call_schedules_volunteer_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_schedules')),
    sa.UniqueConstraint('request_id', name=op.f('uq_call_schedules_request_id'))
    )
    with op.batch_alter_table('call_schedules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_schedules_next_call_at'), ['next_call_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_schedules_resident_id'), ['resident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_schedules_review_at'), ['review_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_schedules_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('check_in_calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('schedule_id', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('window_ends_at', sa.DateTime(), nullable=False),
    sa.Column('attempt', sa.Integer(), nullable=False),
    sa.Column('reminded_at', sa.DateTime(), nullable=True),
    sa.Column('asked_at', sa.DateTime(), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('outcome_at', sa.DateTime(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('escalated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['schedule_id'], ['call_schedules.id'], name=op.f('fk_check_in_calls_schedule_id_call_schedules'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_in_calls'))
    )
    with op.batch_alter_table('check_in_calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_in_calls_schedule_id'), ['schedule_id'], unique=False)
        batch_op.create_index('ix_check_in_calls_open', ['window_ends_at'], unique=False,
                              sqlite_where=sa.text('outcome IS NULL'),
                              postgresql_where=sa.text('outcome IS NULL'))



def downgrade() -> None:
    with op.batch_alter_table('check_in_calls', schema=None) as batch_op:
        batch_op.drop_index('ix_check_in_calls_open', sqlite_where=sa.text('outcome IS NULL'),
                            postgresql_where=sa.text('outcome IS NULL'))
        batch_op.drop_index(batch_op.f('ix_check_in_calls_schedule_id'))

    op.drop_table('check_in_calls')
    with op.batch_alter_table('call_schedules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_schedules_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_call_schedules_review_at'))
        batch_op.drop_index(batch_op.f('ix_call_schedules_resident_id'))
        batch_op.drop_index(batch_op.f('ix_call_schedules_next_call_at'))

    op.drop_table('call_schedules')
