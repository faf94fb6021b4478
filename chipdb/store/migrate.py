"""Alembic, driven from code so an installed package finds its own migrations."""

from __future__ import annotations

from typing import Callable

from sqlalchemy import Connection, Engine

from chipdb.store.config import package_dir
from chipdb.domain.errors import SchemaError


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(package_dir("migrations")))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def upgrade(engine: Engine, revision: str = "head", then: Callable[[Connection], object] | None = None) -> None:
    """Migrate to ``revision``; ``then(conn)`` runs in the same transaction before it commits (the
    first-use setup seeds there, so no other client ever sees a new schema without its data)."""
    _run(engine, "upgrade", revision, then)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, "downgrade", revision)


def _run(engine: Engine, verb: str, revision: str, then: Callable[[Connection], object] | None = None) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    cfg = alembic_config(engine)
    known = [s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()]
    if revision not in ("head", "base", "heads") and revision not in known:
        raise SchemaError(f"no schema revision {revision!r}; this chipdb knows: head, base, "
                          + ", ".join(reversed(known)))
    current_rev = current(engine)
    if current_rev is not None and current_rev not in known:
        raise SchemaError(f"the database is at schema revision {current_rev}, newer than this chipdb knows "
                          f"(it knows up to {known[0]}); upgrade chipdb to use it")
    try:
        _apply(engine, cfg, verb, revision, command, then)
    except CommandError as exc:
        raise SchemaError(f"cannot {verb} to {revision}: {exc}") from None


def _apply(engine: Engine, cfg, verb: str, revision: str, command, then) -> None:
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection if sqlite else None
        if raw is not None:
            # A batch rebuild drops and recreates tables: with foreign keys on, ON DELETE
            # CASCADE would silently empty child tables. The pragma is a no-op inside a
            # transaction, so it is set on the driver connection before Alembic begins one.
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            cfg.attributes["connection"] = conn
            # One transaction for the migration and ``then``: begun here, so Alembic joins it
            # rather than committing its own before ``then`` runs.
            with conn.begin():
                getattr(command, verb)(cfg, revision)
                if then is not None:
                    then(conn)
        finally:
            if raw is not None:
                broken = raw.execute("PRAGMA foreign_key_check").fetchall()
                raw.execute("PRAGMA foreign_keys=ON")
        if raw is not None and broken:
            raise SchemaError(f"migration left {len(broken)} dangling foreign key(s): {broken[:5]}")


def current(engine: Engine) -> str | None:
    """The database's schema revision, None without one; a database that cannot be reached raises."""
    from chipdb.store.db import schema_revision

    return schema_revision(engine)


def head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
