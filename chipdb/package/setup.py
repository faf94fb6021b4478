"""First use: a database that is new is created, migrated and seeded; the embedded default file
is also migrated in place when chipdb is newer than it. Reports through a callback (the CLI
prints to stderr), and serialises with other clients doing the same: an advisory lock on
PostgreSQL, a lock file beside the SQLite file.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from chipdb.store.config import Location
from chipdb.store.db import HEAD_REVISION, check_schema, make_engine, shown_url

Report = Callable[[str], None]
_PG_LOCK_KEY = 0x63686970  # "chip": one advisory lock id for chipdb's setup


def engine_for(location: Location) -> Engine:
    """An engine for ``location``, unchecked; the default location's folder is created on first use
    (an explicit path's folder must exist: ``make_engine`` says so)."""
    if location.is_default:
        Path(make_url(location.url).database or ".").parent.mkdir(parents=True, exist_ok=True)
    return make_engine(location.url)


def open_ready(location: Location, report: Report = lambda message: None, seed: bool = True) -> Engine:
    """An engine for the database at ``location``, at the current schema, seeded if it was new
    (only migrated when ``seed`` is false: ``chipdb seed`` loads the seeds itself). An older
    schema is migrated only at the default location; elsewhere it is refused (db upgrade)."""
    engine = engine_for(location)
    shown = shown_url(location.url)
    try:
        if check_schema(engine, shown) == HEAD_REVISION:
            return engine
    except DBAPIError as exc:
        from chipdb.domain.errors import SchemaError

        raise SchemaError(f"cannot read the database at {shown}: {str(exc.orig).strip() or exc}") from None
    with setup_lock(engine):
        revision = check_schema(engine, shown)  # another client may have finished meanwhile
        if revision == HEAD_REVISION:
            return engine
        if revision is None:
            if not seed:
                from chipdb.store.migrate import upgrade

                report(f"chipdb: new database at {shown}: creating its schema")
                upgrade(engine)
                return engine
            report(f"chipdb: new database at {shown}: creating it and loading the seeds")
            create_and_seed(engine)
            return engine
        if location.is_default:
            from chipdb.store.migrate import upgrade

            report(f"chipdb: migrating {shown} from {revision} to {HEAD_REVISION}")
            upgrade(engine)
            return engine
    from chipdb.domain.errors import SchemaError

    raise SchemaError(f"the database at {shown} is at schema revision {revision}, this chipdb needs "
                      f"{HEAD_REVISION}; run: chipdb --db URL db upgrade")


def create_and_seed(engine: Engine) -> None:
    """Schema and seeds in one transaction: another client sees nothing, then both; a failure
    leaves the database empty, so the next run starts over."""
    from chipdb.store.migrate import upgrade
    from chipdb.package.seed import load_seeds

    upgrade(engine, then=load_seeds)


@contextmanager
def setup_lock(engine: Engine) -> Iterator[None]:
    """Held by whoever creates or migrates the schema (first use, seed, db upgrade), so two never do at once."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_KEY})
                conn.commit()
        return
    database = make_url(str(engine.url)).database
    if not database or database == ":memory:" or os.name != "posix":
        yield
        return
    import fcntl

    with open(f"{database}.setup-lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
