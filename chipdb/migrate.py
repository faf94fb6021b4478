"""Alembic, driven from code so an installed package finds its own migrations."""

from __future__ import annotations

from sqlalchemy import Engine, text

from .config import package_dir
from .errors import SchemaError


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(package_dir("migrations")))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, "downgrade", revision)


def _run(engine: Engine, verb: str, revision: str) -> None:
    from alembic import command

    cfg = alembic_config(engine)
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
            getattr(command, verb)(cfg, revision)
            conn.commit()
        finally:
            if raw is not None:
                broken = raw.execute("PRAGMA foreign_key_check").fetchall()
                raw.execute("PRAGMA foreign_keys=ON")
        if raw is not None and broken:
            raise SchemaError(f"migration left {len(broken)} dangling foreign key(s): {broken[:5]}")


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception:
            return None


def head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
