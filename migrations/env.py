"""Alembic environment: chipdb's one schema (the Core tables), batch mode on SQLite, the connection
chipdb passes in."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Engine, create_engine

from chipdb.store.tables import metadata

config = context.config
target_metadata = metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if isinstance(connection, Engine):  # pytest-alembic hands over an engine
        with connection.connect() as conn:
            _run(conn)
            conn.commit()
        return
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("CHIPDB_DATABASE_URL")
    if not url:
        raise SystemExit("set CHIPDB_DATABASE_URL, or use `chipdb --db URL db upgrade`")
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or os.environ.get("CHIPDB_DATABASE_URL"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
