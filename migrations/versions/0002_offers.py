"""offers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0002'
down_revision: Union[str, None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('distance_km', sa.Float(), nullable=True),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('offered_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['help_requests.id'], name=op.f('fk_offers_request_id_help_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['people.id'], name=op.f('fk_offers_volunteer_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offers')),
    sa.UniqueConstraint('request_id', 'volunteer_id', name=op.f('uq_offers_request_id_volunteer_id'))
    )
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.create_index('ix_offers_open_by_expiry', ['status', 'expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_volunteer_id'), ['volunteer_id'], unique=False)
        batch_op.create_index('ux_offers_one_accepted_per_request', ['request_id'], unique=True, sqlite_where=sa.text("status = 'accepted'"), postgresql_where=sa.text("status = 'accepted'"))

    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assigned_volunteer_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('unmatched_reason', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_help_requests_assigned_volunteer_id'), ['assigned_volunteer_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_help_requests_assigned_volunteer_id_people'), 'people', ['assigned_volunteer_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('volunteer_profiles', schema=None) as batch_op:
        # Existing volunteers count as changed now.
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=False,
                                      server_default=sa.text('CURRENT_TIMESTAMP')))
        batch_op.create_index(batch_op.f('ix_volunteer_profiles_updated_at'), ['updated_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('volunteer_profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_profiles_updated_at'))
        batch_op.drop_column('updated_at')

    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_help_requests_assigned_volunteer_id_people'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_help_requests_assigned_volunteer_id'))
        batch_op.drop_column('unmatched_reason')
        batch_op.drop_column('assigned_volunteer_id')

    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_index('ux_offers_one_accepted_per_request', sqlite_where=sa.text("status = 'accepted'"), postgresql_where=sa.text("status = 'accepted'"))
        batch_op.drop_index(batch_op.f('ix_offers_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_offers_request_id'))
        batch_op.drop_index('ix_offers_open_by_expiry')

    op.drop_table('offers')
