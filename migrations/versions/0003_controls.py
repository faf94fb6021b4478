"""Export controls: rules, thresholds and events (ECCN 3A090)

Revision ID: 0003_controls
Revises: 0002_claims
Create Date: 2026-11-28 16:43:39
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0003_controls'
down_revision: Union[str, None] = '0002_claims'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('control_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('published', sa.String(length=10), nullable=False),
    sa.Column('effective', sa.String(length=10), nullable=False),
    sa.Column('supersedes', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_control_rules_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_control_rules')),
    sa.UniqueConstraint('key', name=op.f('uq_control_rules_key'))
    )
    with op.batch_alter_table('control_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_control_rules_source_id'), ['source_id'], unique=False)

    op.create_table('control_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('locator', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_control_events_device_id_devices')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_control_events_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_control_events')),
    sa.UniqueConstraint('device_id', 'date', 'source_id', name='uq_control_events_key')
    )
    with op.batch_alter_table('control_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_control_events_source_id'), ['source_id'], unique=False)

    op.create_table('control_thresholds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('paragraph', sa.String(length=50), nullable=False),
    sa.Column('clause', sa.String(length=20), nullable=False),
    sa.Column('parameter', sa.String(length=50), nullable=False),
    sa.Column('comparison', sa.String(length=2), nullable=False),
    sa.Column('value', sa.String(length=50), nullable=False),
    sa.Column('unit', sa.String(length=100), nullable=False),
    sa.Column('value_si', sa.Float(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('locator', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['rule_id'], ['control_rules.id'], name=op.f('fk_control_thresholds_rule_id_control_rules')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_control_thresholds_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_control_thresholds')),
    sa.UniqueConstraint('rule_id', 'paragraph', 'clause', 'parameter', 'comparison', name='uq_control_thresholds_key')
    )
    with op.batch_alter_table('control_thresholds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_control_thresholds_source_id'), ['source_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('control_thresholds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_control_thresholds_source_id'))

    op.drop_table('control_thresholds')
    with op.batch_alter_table('control_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_control_events_source_id'))

    op.drop_table('control_events')
    with op.batch_alter_table('control_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_control_rules_source_id'))

    op.drop_table('control_rules')
