"""Initial schema: sources, vendors, devices, aliases, components, metrics, rules, statements,
imports and statement history.

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-28 13:04:29.369970
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0001_initial'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.Column('inserted', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imports'))
    )
    op.create_table('metrics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=50), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('dimension', sa.String(length=30), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('additive', sa.Boolean(), nullable=False),
    sa.Column('qualifiers', sa.String(length=100), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_metrics')),
    sa.UniqueConstraint('key', name=op.f('uq_metrics_key'))
    )
    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('publisher', sa.String(length=200), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('published', sa.String(length=10), nullable=False),
    sa.Column('retrieved', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('key', name=op.f('uq_sources_key'))
    )
    op.create_table('vendors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendors')),
    sa.UniqueConstraint('key', name=op.f('uq_vendors_key'))
    )
    op.create_table('devices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('family', sa.String(length=100), nullable=False),
    sa.Column('released', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_devices_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_devices')),
    sa.UniqueConstraint('slug', name=op.f('uq_devices_slug'))
    )
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_devices_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_devices_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('metric_id', sa.Integer(), nullable=False),
    sa.Column('qualifier', sa.String(length=20), nullable=False),
    sa.Column('from_value', sa.String(length=30), nullable=False),
    sa.Column('to_value', sa.String(length=30), nullable=False),
    sa.Column('factor', sa.Float(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('locator', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['metric_id'], ['metrics.id'], name=op.f('fk_rules_metric_id_metrics')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_rules_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rules')),
    sa.UniqueConstraint('key', name=op.f('uq_rules_key'))
    )
    with op.batch_alter_table('rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rules_metric_id'), ['metric_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rules_source_id'), ['source_id'], unique=False)

    op.create_table('aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.Column('alias_key', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_aliases_device_id_devices'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aliases')),
    sa.UniqueConstraint('alias_key', name=op.f('uq_aliases_alias_key'))
    )
    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aliases_device_id'), ['device_id'], unique=False)

    op.create_table('components',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('system_id', sa.Integer(), nullable=False),
    sa.Column('part_id', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('locator', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint('count > 0', name=op.f('ck_components_count_positive')),
    sa.ForeignKeyConstraint(['part_id'], ['devices.id'], name=op.f('fk_components_part_id_devices')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_components_source_id_sources')),
    sa.ForeignKeyConstraint(['system_id'], ['devices.id'], name=op.f('fk_components_system_id_devices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_components')),
    sa.UniqueConstraint('system_id', 'part_id', name=op.f('uq_components_system_id_part_id'))
    )
    with op.batch_alter_table('components', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_components_part_id'), ['part_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_components_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_components_system_id'), ['system_id'], unique=False)

    op.create_table('rule_devices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('locator', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_rule_devices_device_id_devices')),
    sa.ForeignKeyConstraint(['rule_id'], ['rules.id'], name=op.f('fk_rule_devices_rule_id_rules')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_rule_devices_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rule_devices')),
    sa.UniqueConstraint('rule_id', 'device_id', name=op.f('uq_rule_devices_rule_id_device_id'))
    )
    with op.batch_alter_table('rule_devices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rule_devices_device_id'), ['device_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rule_devices_rule_id'), ['rule_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rule_devices_source_id'), ['source_id'], unique=False)

    op.create_table('statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('metric_id', sa.Integer(), nullable=False),
    sa.Column('precision', sa.String(length=10), nullable=False),
    sa.Column('sparsity', sa.String(length=10), nullable=False),
    sa.Column('engine', sa.String(length=10), nullable=False),
    sa.Column('direction', sa.String(length=20), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('value_printed', sa.String(length=50), nullable=False),
    sa.Column('unit_printed', sa.String(length=50), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('locator', sa.Text(), nullable=False),
    sa.Column('rank', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_statements_device_id_devices')),
    sa.ForeignKeyConstraint(['import_id'], ['imports.id'], name=op.f('fk_statements_import_id_imports')),
    sa.ForeignKeyConstraint(['metric_id'], ['metrics.id'], name=op.f('fk_statements_metric_id_metrics')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_statements_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statements')),
    sa.UniqueConstraint('device_id', 'metric_id', 'precision', 'sparsity', 'engine', 'direction', 'source_id', name='uq_statements_key')
    )
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index('ix_statements_device_metric', ['device_id', 'metric_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_metric_id'), ['metric_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_source_id'), ['source_id'], unique=False)

    op.create_table('statement_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('value_printed', sa.String(length=50), nullable=False),
    sa.Column('unit_printed', sa.String(length=50), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('locator', sa.Text(), nullable=False),
    sa.Column('rank', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('replaced_by_import_id', sa.Integer(), nullable=False),
    sa.Column('loaded_by_import_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['loaded_by_import_id'], ['imports.id'], name=op.f('fk_statement_history_loaded_by_import_id_imports')),
    sa.ForeignKeyConstraint(['replaced_by_import_id'], ['imports.id'], name=op.f('fk_statement_history_replaced_by_import_id_imports')),
    sa.ForeignKeyConstraint(['statement_id'], ['statements.id'], name=op.f('fk_statement_history_statement_id_statements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement_history'))
    )
    with op.batch_alter_table('statement_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_history_replaced_by_import_id'), ['replaced_by_import_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_history_statement_id'), ['statement_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('statement_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_history_statement_id'))
        batch_op.drop_index(batch_op.f('ix_statement_history_replaced_by_import_id'))

    op.drop_table('statement_history')
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statements_source_id'))
        batch_op.drop_index(batch_op.f('ix_statements_metric_id'))
        batch_op.drop_index('ix_statements_device_metric')

    op.drop_table('statements')
    with op.batch_alter_table('rule_devices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rule_devices_source_id'))
        batch_op.drop_index(batch_op.f('ix_rule_devices_rule_id'))
        batch_op.drop_index(batch_op.f('ix_rule_devices_device_id'))

    op.drop_table('rule_devices')
    with op.batch_alter_table('components', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_components_system_id'))
        batch_op.drop_index(batch_op.f('ix_components_source_id'))
        batch_op.drop_index(batch_op.f('ix_components_part_id'))

    op.drop_table('components')
    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aliases_device_id'))

    op.drop_table('aliases')
    with op.batch_alter_table('rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rules_source_id'))
        batch_op.drop_index(batch_op.f('ix_rules_metric_id'))

    op.drop_table('rules')
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_devices_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_devices_name_key'))

    op.drop_table('devices')
    op.drop_table('vendors')
    op.drop_table('sources')
    op.drop_table('metrics')
    op.drop_table('imports')
