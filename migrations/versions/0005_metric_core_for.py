"""metrics.core_for: the device kinds that must have a value of a metric (was audit.CORE_METRICS)

Revision ID: 0005_metric_core_for
Revises: 0004_runtime
Create Date: 2026-11-29 10:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0005_metric_core_for'
down_revision: Union[str, None] = '0004_runtime'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# What the audit's code list said when it moved into the data, so an existing database keeps
# the same findings; the shipped seeds say the same in seeds/metrics.csv.
_CORE_FOR = {
    "compute": "accelerator system", "memory_capacity": "accelerator system",
    "memory_bandwidth": "accelerator system", "power": "accelerator", "cpu_cores": "cpu",
}


def upgrade() -> None:
    with op.batch_alter_table('metrics', schema=None) as batch_op:
        batch_op.add_column(sa.Column('core_for', sa.String(length=100), nullable=False, server_default=''))  # rows before it: ''
    metrics = sa.table('metrics', sa.column('key', sa.String), sa.column('core_for', sa.String))
    for key, kinds in _CORE_FOR.items():
        op.execute(metrics.update().where(metrics.c.key == key).values(core_for=kinds))


def downgrade() -> None:
    with op.batch_alter_table('metrics', schema=None) as batch_op:
        batch_op.drop_column('core_for')
