"""Engines, write transactions and the schema check: the bottom of the database layer.

It never prints and never loads data (first-use creation, migration and seeding are
``chipdb.package.setup``). The check reads the version table directly, so read commands never import
Alembic.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from chipdb.domain.errors import SchemaError

# Every migration this chipdb knows, oldest first; the last is the newest.
# tests/test_migrations.py checks them against Alembic's history.
REVISIONS = ("0001_initial", "0002_claims", "0003_controls", "0004_metric_core_for")
HEAD_REVISION = REVISIONS[-1]
SQLITE_BUSY_TIMEOUT_MS = 30_000
WRITE_ATTEMPTS = 8
_WRITE = "chipdb_write"
T = TypeVar("T")


def make_engine(url: str) -> Engine:
    """An engine for ``url``. An SQLite file's directory must exist (the first-use setup creates
    the default location's); a file that does not exist yet is created by the first connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                raise SchemaError(f"no directory {folder} for the SQLite database {parsed.database}; "
                                  "create it first, or choose another path")
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


def check_schema(engine: Engine, shown: str) -> str | None:
    """The database's revision when it is usable as it is (HEAD), else None for an empty database
    that first-use setup may create. Raises for a foreign, older or newer schema."""
    revision = schema_revision(engine)
    if revision == HEAD_REVISION:
        return revision
    if revision is None:
        if not is_empty(engine):
            raise SchemaError(
                f"the database at {shown} has tables but no chipdb schema version; "
                "point --db at an empty database or a chipdb one"
            )
        return None
    if revision not in REVISIONS:
        raise SchemaError(
            f"the database at {shown} is at schema revision {revision}, newer than this chipdb knows "
            f"(it knows up to {HEAD_REVISION}); upgrade chipdb to use it"
        )
    return revision


def shown_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


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
