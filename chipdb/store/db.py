"""Engines, write transactions and the schema check: the bottom of the database layer.

It never prints and never loads data (first-use creation, migration and seeding are
``chipdb.package.setup``). The check reads the version table directly, so read commands never import
Alembic.
"""

from __future__ import annotations

import os
import random
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from chipdb.domain.errors import Busy, SchemaError
from chipdb.store.revisions import HEAD_REVISION, REVISIONS

CHUNK = 500  # keys per IN (...) list: well under every engine's limit on bound parameters
SQLITE_BUSY_TIMEOUT_MS = 30_000
_WRITE = "chipdb_write"
T = TypeVar("T")


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


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
        path = parsed.database if parsed.database and parsed.database != ":memory:" else None
        if path and not path.startswith("file:") and read_only_file(path):
            engine = create_engine(url, creator=_read_only_creator(path))
            event.listen(engine, "connect", _sqlite_read_only_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
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


def read_only_file(path: str) -> bool:
    """Whether an SQLite file exists but cannot be written (the file, its folder or the filesystem
    is read-only): it is then opened read-only, so read commands still work."""
    folder = os.path.dirname(os.path.abspath(path))
    return os.path.isfile(path) and not (os.access(path, os.W_OK) and os.access(folder, os.W_OK))


def _read_only_creator(path: str):
    import sqlite3
    from urllib.parse import quote

    # immutable: no -shm or lock file is needed in a folder we cannot write; unless a -wal file
    # holds changes not yet in the main file, which a plain read-only open still reads
    wal = f"{path}-wal"
    flags = "mode=ro" if os.path.exists(wal) and os.path.getsize(wal) else "mode=ro&immutable=1"
    uri = f"file:{quote(os.path.abspath(path))}?{flags}"
    return lambda: sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000, check_same_thread=False)


def _sqlite_read_only_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None
    dbapi_conn.execute("PRAGMA foreign_keys=ON")


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get(_WRITE) else "BEGIN")


def schema_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a database without chipdb's schema."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()  # any failure is raised
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


# What a driver's error code says about a failed write: another writer holds the database (wait
# and retry until the deadline), or two writers raced for one new row (retry once: validation then
# finds that row). Anything else, a deterministic constraint violation included, is raised at once.
_SQLITE_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED (primary codes: the low byte of the extended code)
_PG_BUSY = {"55P03", "40001", "40P01"}  # lock_not_available, serialization_failure, deadlock_detected
_SQLITE_UNIQUE = {1555, 2067}  # SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE
_PG_UNIQUE = {"23505"}  # unique_violation


def busy(exc: BaseException) -> bool:
    """Whether a DBAPI error means another client holds a lock (from its code, never its text)."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _SQLITE_BUSY
    return getattr(orig, "sqlstate", None) in _PG_BUSY


def _read_only(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == 8  # SQLITE_READONLY (PostgreSQL: 25006, in any message)


def _unique_race(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlite_errorcode", None) in _SQLITE_UNIQUE or getattr(orig, "sqlstate", None) in _PG_UNIQUE


def write(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run ``work(conn)`` in one write transaction. While another writer holds the database it
    waits, up to ``SQLITE_BUSY_TIMEOUT_MS`` in all (on PostgreSQL too, as lock_timeout), then
    raises ``Busy``; a unique-key race with another writer is retried once."""
    timeout = SQLITE_BUSY_TIMEOUT_MS / 1000
    deadline = time.monotonic() + timeout
    raced = False
    while True:
        try:
            with engine.connect() as conn:
                conn.info[_WRITE] = True
                try:
                    with conn.begin():
                        if engine.dialect.name == "postgresql":
                            left = max(1, int((deadline - time.monotonic()) * 1000))
                            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {left}")
                        return work(conn)
                finally:
                    conn.info.pop(_WRITE, None)
        except (OperationalError, IntegrityError) as exc:
            if _read_only(exc):
                raise SchemaError(f"the database at {shown_url(str(engine.url))} is read-only (the file, its "
                                  "folder or its filesystem); read commands work, writing needs write access") from None
            if isinstance(exc, IntegrityError) or not busy(exc):
                if isinstance(exc, IntegrityError) and _unique_race(exc) and not raced:
                    raced = True
                    continue
                raise
            if time.monotonic() >= deadline:
                raise Busy(f"another client has been writing to the database for over {timeout:g} s; "
                           "try again when it has finished") from None
            time.sleep(min(0.5, max(0.0, deadline - time.monotonic())) * (0.5 + random.random()))


@contextmanager
def session_scope(engine: Engine) -> Iterator[Connection]:
    """One transaction on a connection (Core: reads never import the ORM): committed when the
    block ends, rolled back on any error."""
    with engine.begin() as conn:
        yield conn
