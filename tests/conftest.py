"""Fixtures: real databases (a SQLite file, and PostgreSQL when CHIPDB_TEST_POSTGRES_URL is set).

A seeded database is built once per engine per session and copied for each test (a file copy
on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL), so every test gets its own.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from chipdb.cli.app import load_commands

app = load_commands()
from chipdb.store.db import make_engine, session_scope
from chipdb.store.migrate import upgrade
from chipdb.package.seed import load_seeds

PG_ENV = "CHIPDB_TEST_POSTGRES_URL"
ENGINES = ["sqlite", "postgresql"]
_counter = itertools.count()


class Postgres:
    """Throwaway databases on the server named by CHIPDB_TEST_POSTGRES_URL."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.prefix = f"chipdb_t{uuid.uuid4().hex[:8]}"
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []

    def database(self, template: str | None = None) -> str:
        name = f"{self.prefix}_{next(_counter)}"
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        self.created.append(name)
        return self.url.set(database=name).render_as_string(hide_password=False)

    def close(self) -> None:
        with self.admin.connect() as conn:
            for name in reversed(self.created):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


def _registrations(typer_app) -> tuple:
    """Everything registered on a Typer app, sub-apps included (the objects themselves)."""
    groups = tuple((info, _registrations(info.typer_instance)) for info in typer_app.registered_groups)
    return (typer_app.registered_callback, tuple(typer_app.registered_commands), groups)


@pytest.fixture(scope="session", autouse=True)
def _click_command_built_once():
    """Typer's CliRunner.invoke turns the app into a Click command at every call: about 70 ms,
    most of a CLI test's time. The command is built once per app and set of registered commands
    (a test that registers a command gets a new one) and reused: a Click command keeps no state
    between invocations, each of which makes its own context."""
    import typer.testing

    build = typer.testing._get_command
    built: dict[int, tuple] = {}

    def once(typer_app):
        registered = _registrations(typer_app)
        kept = built.get(id(typer_app))
        if kept is None or kept[0] is not typer_app or kept[1] != registered:
            kept = built[id(typer_app)] = (typer_app, registered, build(typer_app))
        return kept[2]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", once)
        yield


@pytest.fixture(scope="session")
def postgres():
    url = os.environ.get(PG_ENV)
    if not url:
        yield None
        return
    pg = Postgres(url)
    yield pg
    pg.close()


def _skip_without(postgres, engine_name):
    if engine_name == "postgresql" and postgres is None:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test); "
                    ".ci/run sets it")


@pytest.fixture(scope="session")
def seeded_templates(tmp_path_factory, postgres):
    """engine name -> a seeded database to copy (a file path on SQLite, a database name on PostgreSQL)."""
    made = {}

    def get(engine_name: str):
        if engine_name not in made:
            if engine_name == "sqlite":
                path = tmp_path_factory.mktemp("template") / "seeded.sqlite"
                url = f"sqlite:///{path}"
            else:
                url = postgres.database()
            engine = make_engine(url)
            upgrade(engine)
            with session_scope(engine) as s:
                load_seeds(s)
            if engine_name == "sqlite":
                with engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()
            made[engine_name] = path if engine_name == "sqlite" else make_url(url).database
        return made[engine_name]

    return get


@pytest.fixture(params=ENGINES)
def engine_name(request, postgres):
    _skip_without(postgres, request.param)
    return request.param


def seeded_copy(engine_name: str, seeded_templates, directory: Path, postgres) -> str:
    """The URL of a new copy of the seeded database (a file in ``directory`` on SQLite)."""
    template = seeded_templates(engine_name)
    if engine_name == "sqlite":
        path = directory / "chipdb.sqlite"
        shutil.copy(template, path)
        return f"sqlite:///{path}"
    return postgres.database(template=template)


@pytest.fixture
def db_url(engine_name, seeded_templates, tmp_path, postgres) -> str:
    """A fresh, migrated, seeded database of its own for one test."""
    return seeded_copy(engine_name, seeded_templates, tmp_path, postgres)


@pytest.fixture(scope="module", params=ENGINES)
def module_cli(request, postgres, seeded_templates, tmp_path_factory) -> "Cli":
    """One seeded database per engine shared by a module's tests that only read it (built once,
    where building is costly: the static site)."""
    _skip_without(postgres, request.param)
    return Cli(seeded_copy(request.param, seeded_templates, tmp_path_factory.mktemp("module-db"), postgres))


@pytest.fixture
def empty_url(engine_name, tmp_path, postgres) -> str:
    """A fresh database with nothing in it."""
    if engine_name == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite'}"
    return postgres.database()


class Cli:
    def __init__(self, url: str) -> None:
        self.url = url
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, ["--db", self.url, *args], input=input)

    def out(self, *args: str, input: str | None = None) -> str:
        """The command's stdout, once it has exited 0 (else the failure, with its output)."""
        result = self(*args, input=input)
        assert result.exit_code == 0, f"chipdb {' '.join(args)} exited {result.exit_code}: {result.output}"
        return result.stdout

    def json(self, *args: str, input: str | None = None):
        """The command's stdout as JSON, once it has exited 0 (else the failure, with its output)."""
        import json

        return json.loads(self.out(*args, input=input))


@pytest.fixture
def cli(db_url) -> Cli:
    return Cli(db_url)




def table_checksums(url: str) -> dict[str, str]:
    """A checksum of every table's rows, to show that a failed write changed nothing."""
    engine = make_engine(url)
    sums = {}
    with engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).fetchall()
            # tuples, not Rows: a Row's repr cuts each value at 300 characters, and takes twice as long
            digest = hashlib.sha256(repr(sorted(map(repr, map(tuple, rows)))).encode()).hexdigest()
            sums[table] = f"{len(rows)}:{digest}"
    engine.dispose()
    return sums


SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SHARED = Path(__file__).resolve().parents[2] / "shared"  # beside the checkout, as in CI; not in the repository
# The outside files some tests read, pinned: a test on another copy would assert figures of that copy.
PINNED = {
    "seed-article.txt": "d69abb3e9e71fbd9d46094b6093c28f61c77a918dcac432e551bde4a116586ab",
    "datasets/epoch-ml-hardware/ml_hardware.csv": "e90bfa9e4c005381c1f45f3554aeebc0b6997f98c6da87584a966d9be488457e",
}


def pinned_problem(name: str) -> str:
    """Why ``SHARED / name`` is not the pinned copy ("" when it is)."""
    path = SHARED / name
    if not path.exists():
        return f"{name} is not at {path} (the shared folder beside the checkout, as in CI)"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != PINNED[name]:
        return f"{path} is not the pinned copy (sha256 {digest}, pinned {PINNED[name]})"
    return ""


def shared_file(name: str) -> Path:
    """``SHARED / name`` if it is the pinned copy; else the test is skipped, saying why."""
    if problem := pinned_problem(name):
        pytest.skip(problem)
    return SHARED / name


# --- pytest-alembic: its built-in tests (single head, upgrade, up-down consistency, models
# match migrations) run on every engine ---------------------------------------------------------


@pytest.fixture
def alembic_config():
    from pytest_alembic.config import Config

    return Config(config_options={"script_location": str(Path(__file__).resolve().parent.parent / "migrations")})


@pytest.fixture
def alembic_engine(empty_url):
    engine = make_engine(empty_url)
    yield engine
    engine.dispose()


def pytest_collection_modifyitems(config, items):
    """Without a PostgreSQL server the PostgreSQL variants are not run: deselected and reported
    once, with the reason, so that a real skip is never lost among a hundred identical ones."""
    if os.environ.get(PG_ENV):
        return
    pg = [item for item in items if getattr(item, "callspec", None) and "postgresql" in item.callspec.id.split("-")]
    if pg:
        config.hook.pytest_deselected(items=pg)
        items[:] = [item for item in items if item not in set(pg)]
        config._chipdb_pg_deselected = len(pg)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    n = getattr(config, "_chipdb_pg_deselected", 0)
    if n:
        terminalreporter.write_line(f"PostgreSQL: {n} tests not run: set {PG_ENV} "
                                    "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test); .ci/run sets it")
