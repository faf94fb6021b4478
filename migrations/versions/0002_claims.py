"""Claims: comparative statements as printed, to be checked against the data.

Revision ID: 0002_claims
Revises: 0001_initial
Create Date: 2026-11-28 13:15:44.580375
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0002_claims'
down_revision: Union[str, None] = '0001_initial'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('locator', sa.Text(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('baseline_id', sa.Integer(), nullable=False),
    sa.Column('metric', sa.String(length=50), nullable=False),
    sa.Column('precision', sa.String(length=10), nullable=False),
    sa.Column('sparsity', sa.String(length=10), nullable=False),
    sa.Column('engine', sa.String(length=10), nullable=False),
    sa.Column('direction', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('stated', sa.String(length=30), nullable=False),
    sa.Column('tolerance', sa.Float(), nullable=True),
    sa.Column('wording', sa.String(length=20), nullable=False),
    sa.Column('assumptions', sa.Text(), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['baseline_id'], ['devices.id'], name=op.f('fk_claims_baseline_id_devices')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_claims_source_id_sources')),
    sa.ForeignKeyConstraint(['subject_id'], ['devices.id'], name=op.f('fk_claims_subject_id_devices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims')),
    sa.UniqueConstraint('key', name=op.f('uq_claims_key'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_baseline_id'), ['baseline_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_subject_id'), ['subject_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_subject_id'))
        batch_op.drop_index(batch_op.f('ix_claims_source_id'))
        batch_op.drop_index(batch_op.f('ix_claims_baseline_id'))

    op.drop_table('claims')
