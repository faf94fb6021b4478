"""The fast read path: the catalogue's precompiled queries (``chipdb.store.catalogue``) run
through the DB-API driver (sqlite3, psycopg), with no SQLAlchemy import.

It serves only a database that is ready as it is: an existing SQLite file or a PostgreSQL
database, at this chipdb's schema revision. Anything else (a new database to create, an old one
to migrate, a URL form it does not parse, a driver error) raises ``Unavailable``, and the caller
takes the normal path, which does the work or reports the problem in its own words.
"""

from __future__ import annotations

import os

from chipdb.store._compiled import QUERIES, REVISION

SQLITE_BUSY_TIMEOUT_S = 30.0  # as chipdb.store.db's engines


class Unavailable(Exception):
    """The fast path does not apply here; take the normal one."""


class Reader:
    """One read transaction on a database at the current revision."""

    def __init__(self, url: str) -> None:
        self.dialect, self.conn = _connect(url)
        try:
            if self.dialect == "sqlite":
                self.conn.execute("BEGIN")
            found = self.conn.execute("SELECT version_num FROM alembic_version").fetchall()
        except Exception as exc:  # no chipdb schema (yet): the normal path creates or refuses it
            self.close()
            raise Unavailable(str(exc)) from None
        if [tuple(r) for r in found] != [(REVISION,)]:
            self.close()
            raise Unavailable(f"schema revision {found!r}, not {REVISION}")

    def rows(self, name: str, **params) -> list[tuple]:
        sql, order = QUERIES[self.dialect][name]
        args = tuple(params[k] for k in order) if order is not None else params
        return self.conn.execute(sql, args).fetchall()

    def close(self) -> None:
        try:
            self.conn.rollback() if self.dialect == "postgresql" else self.conn.execute("ROLLBACK")
        except Exception:
            pass
        self.conn.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _connect(url: str):
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if not path or path == ":memory:" or path.startswith("file:") or any(c in path for c in "?%#"):
            raise Unavailable("an SQLite URL form for the normal path")
        if not os.path.isfile(path):
            raise Unavailable("no database file yet")
        import sqlite3

        return "sqlite", sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None)
    if url.startswith("postgresql+psycopg://") and "?" not in url:
        try:
            import psycopg

            return "postgresql", psycopg.connect("postgresql://" + url[len("postgresql+psycopg://"):])
        except Exception as exc:  # not installed, or cannot connect: the normal path says so
            raise Unavailable(str(exc)) from None
    raise Unavailable("a URL for the normal path")
