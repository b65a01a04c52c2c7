"""the time a befriender gives on each check-in call, and who rang

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0018'
down_revision: Union[str, None] = '0017'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('check_in_calls') as batch:
        batch.add_column(sa.Column('caller_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('minutes_given', sa.Integer(), nullable=True))
        batch.create_index(batch.f('ix_check_in_calls_caller_id'), ['caller_id'], unique=False)
        batch.create_foreign_key(batch.f('fk_check_in_calls_caller_id_people'), 'people',
                                 ['caller_id'], ['id'], ondelete='SET NULL')
    # Calls logged done before now were rung by whoever holds the schedule today (the best
    # there is: a HANDOVER since then is not recorded on the call), so they count for them.
    op.execute("UPDATE check_in_calls SET caller_id = (SELECT call_schedules.volunteer_id "
               "FROM call_schedules WHERE call_schedules.id = check_in_calls.schedule_id) "
               "WHERE outcome = 'done'")


def downgrade() -> None:
    with op.batch_alter_table('check_in_calls') as batch:
        batch.drop_constraint(batch.f('fk_check_in_calls_caller_id_people'), type_='foreignkey')
        batch.drop_index(batch.f('ix_check_in_calls_caller_id'))
        batch.drop_column('minutes_given')
        batch.drop_column('caller_id')
