"""Migrations: pytest-alembic's built-in checks, on every engine, and the schema check chipdb
makes without importing Alembic.

The built-ins are called here rather than registered with --test-alembic, because the plugin's
own items cannot take the engine parameter.
"""

from __future__ import annotations

import pytest
from pytest_alembic.tests import default as builtins

from chipdb.db import HEAD_REVISION, make_engine, schema_revision
from chipdb.migrate import head


@pytest.mark.parametrize("check", [
    builtins.test_single_head_revision,
    builtins.test_upgrade,
    builtins.test_model_definitions_match_ddl,
    builtins.test_up_down_consistency,
], ids=lambda f: f.__name__.removeprefix("test_"))
def test_pytest_alembic_builtin(alembic_runner, check):
    check(alembic_runner)


def test_head_constant_matches_alembic():
    assert HEAD_REVISION == head()


def test_schema_revision_reads_the_version_table(db_url, empty_url):
    assert schema_revision(make_engine(db_url)) == HEAD_REVISION
    assert schema_revision(make_engine(empty_url)) is None
