"""Engines, sessions and the schema check.

The check reads the version table directly, so read commands never import Alembic; Alembic is
imported (in ``chipdb.migrate``) only when a database must be created or upgraded.
"""

from __future__ import annotations

import random
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from .config import Location
from .errors import SchemaError

# The newest migration. tests/test_migrations.py checks it against Alembic's head.
HEAD_REVISION = "0003_controls"
SQLITE_BUSY_TIMEOUT_MS = 30_000
WRITE_ATTEMPTS = 8
_WRITE = "chipdb_write"
T = TypeVar("T")


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # chipdb emits BEGIN itself (below), so the driver must not: a writer takes the write lock
    # when its transaction begins, instead of failing to upgrade a read lock half-way through.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")  # readers are never blocked by the writer
    cur.close()


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get(_WRITE) else "BEGIN")


def schema_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a database without chipdb's schema."""
    with engine.connect() as conn:
        try:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        except (OperationalError, ProgrammingError):
            conn.rollback()
            return None
    return row[0] if row else None


def is_empty(engine: Engine) -> bool:
    return not [t for t in inspect(engine).get_table_names() if t != "alembic_version"]


def open_engine(location: Location, *, ready: bool = True) -> Engine:
    """An engine for the database, checked to be at the current schema.

    A database with no tables at all is created, migrated and seeded, so that a new user needs
    no setup step. The embedded default is also upgraded in place when chipdb is newer than it.
    """
    engine = make_engine(location.url)
    if not ready:
        return engine
    revision = schema_revision(engine)
    if revision == HEAD_REVISION:
        return engine
    shown = make_url(location.url).render_as_string(hide_password=True)
    if revision is None:
        if not is_empty(engine):
            raise SchemaError(
                f"the database at {shown} has tables but no chipdb schema version; "
                "point --db at an empty database or a chipdb one"
            )
        print(f"chipdb: new database at {shown}: creating it and loading the seeds", file=sys.stderr)
        from .migrate import upgrade
        from .seed import load_seeds

        upgrade(engine)
        try:
            write(engine, load_seeds)
        except BaseException:
            from .migrate import downgrade

            downgrade(engine, "base")  # leave it empty, so the next run starts over
            raise
        return engine
    if location.is_default:
        from .migrate import upgrade

        upgrade(engine)
        return engine
    raise SchemaError(
        f"the database at {shown} is at schema revision {revision}, this chipdb needs "
        f"{HEAD_REVISION}; run: chipdb --db URL db upgrade"
    )


def write(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run ``work(conn)`` in one write transaction, retried when another writer holds the
    database (SQLite: "database is locked") or wrote the same new row first (a unique-key race
    on PostgreSQL: the retry validates again and finds that row)."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with engine.connect() as conn:
                conn.info[_WRITE] = True
                try:
                    with conn.begin():
                        return work(conn)
                finally:
                    conn.info.pop(_WRITE, None)
        except (OperationalError, IntegrityError) as exc:
            retry = isinstance(exc, IntegrityError) or "locked" in str(exc.orig) or "busy" in str(exc.orig)
            if not retry or attempt == WRITE_ATTEMPTS:
                raise
            time.sleep(min(2.0, 0.05 * 2 ** attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Connection]:
    """One transaction on a connection (Core: reads never import the ORM): committed when the
    block ends, rolled back on any error."""
    with engine.begin() as conn:
        yield conn
