"""Migrations: pytest-alembic's built-in checks, on every engine, and the schema check chipdb
makes without importing Alembic.

The built-ins are called here rather than registered with --test-alembic, because the plugin's
own items cannot take the engine parameter.
"""

from __future__ import annotations

import pytest
from pytest_alembic.tests import default as builtins

from chipdb.store.db import HEAD_REVISION, make_engine, schema_revision
from chipdb.store.migrate import head


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


def _revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    from chipdb.store.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


@pytest.mark.parametrize("start", _revisions()[:-1])
def test_upgrading_a_populated_database_loses_no_row(empty_url, start, tmp_path):
    """Load the seeds at head, migrate down to ``start`` (the loader writes today's columns, so it
    cannot load an older schema itself), then upgrade to head again and count every row."""
    from sqlalchemy import inspect, text

    from chipdb.store.db import write
    from chipdb.store.migrate import upgrade, downgrade
    from chipdb.package.seed import load_seeds

    engine = make_engine(empty_url)
    upgrade(engine)
    write(engine, lambda s: load_seeds(s))
    with engine.connect() as conn:
        core_for = dict(conn.execute(text("SELECT key, core_for FROM metrics")).all())
    downgrade(engine, start)
    tables = set(inspect(engine).get_table_names())

    def counts():
        with engine.connect() as conn:
            return {t: conn.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar() for t in sorted(tables)}

    before = counts()
    assert before["statements"] > 400 and before["components"] > 0
    upgrade(engine)
    assert counts() == before
    assert schema_revision(engine) == HEAD_REVISION
    with engine.connect() as conn:  # the core metrics the audit's code list named, filled in by 0004
        assert dict(conn.execute(text("SELECT key, core_for FROM metrics")).all()) == core_for
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    engine.dispose()
