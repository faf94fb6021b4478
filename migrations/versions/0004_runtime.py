"""Runtime device strings: what torch, nvidia-smi, rocminfo, JAX and Neuron report, with where each was seen

Revision ID: 0004_runtime
Revises: 0003_controls
Create Date: 2026-12-03 08:31:16.097139
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0004_runtime'
down_revision: Union[str, None] = '0003_controls'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('device_strings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('string', sa.String(length=200), nullable=False),
    sa.Column('string_key', sa.String(length=200), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('runtime', sa.String(length=200), nullable=False),
    sa.Column('seen_at', sa.Text(), nullable=False),
    sa.Column('per_chip', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('locator', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint('per_chip > 0', name=op.f('ck_device_strings_per_chip_positive')),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_device_strings_device_id_devices'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_device_strings_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device_strings')),
    sa.UniqueConstraint('string_key', 'device_id', name=op.f('uq_device_strings_string_key_device_id'))
    )
    with op.batch_alter_table('device_strings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_strings_device_id'), ['device_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_device_strings_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_device_strings_string_key'), ['string_key'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('device_strings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_strings_string_key'))
        batch_op.drop_index(batch_op.f('ix_device_strings_source_id'))
        batch_op.drop_index(batch_op.f('ix_device_strings_device_id'))

    op.drop_table('device_strings')
