"""db upgrade/current, seed, and the embedded default database created on first use."""

from __future__ import annotations

import csv

import os
import subprocess
import sys
from pathlib import Path

from chipdb.store.db import HEAD_REVISION, make_engine
from chipdb.store.migrate import downgrade
from chipdb.package.seed import seeds_dir

SEEDS = seeds_dir()

from ..conftest import Cli


def test_upgrade_current_and_seed_on_an_empty_database(empty_url):
    cli = Cli(empty_url)
    assert "(no chipdb schema)" in cli.out("db", "current")
    assert cli("db", "upgrade").stderr.strip() == f"schema at revision {HEAD_REVISION}"
    assert cli.out("db", "current").strip() == f"{HEAD_REVISION} (up to date)"
    first = cli("seed")
    seeded = len(list(csv.DictReader(open(SEEDS / "statements.csv", encoding="utf-8"))))
    assert first.exit_code == 0 and f"statements: {seeded} new" in first.stderr
    assert f"statements: 0 new, 0 changed, {seeded} unchanged" in cli("seed").stderr


def test_a_database_behind_the_schema_is_refused_with_the_fix(db_url):
    engine = make_engine(db_url)
    downgrade(engine, "0001_initial")
    engine.dispose()
    result = Cli(db_url)("list")
    assert result.exit_code == 1 and "chipdb --db URL db upgrade" in result.stderr
    assert Cli(db_url)("db", "upgrade").exit_code == 0
    assert Cli(db_url)("list").exit_code == 0


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CHIPDB_DATABASE_URL"}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-m", "chipdb", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_default_database_is_created_seeded_and_kept_current(tmp_path):
    first = _run(tmp_path, "show", "H100", "--metric", "power")
    assert first.returncode == 0, first.stderr
    assert "creating it and loading the seeds" in first.stderr and "700 W" in first.stdout
    path = tmp_path / "data" / "chipdb" / "chipdb.sqlite"
    assert path.exists()
    engine = make_engine(f"sqlite:///{path}")
    downgrade(engine, "0001_initial")  # as if chipdb had been upgraded since
    engine.dispose()
    again = _run(tmp_path, "claims", "list")
    assert again.returncode == 0, again.stderr
    assert "loaded the seed data shipped with this chipdb" in again.stderr  # the migration brings the new data
    assert "creating" not in again.stderr
    current = _run(tmp_path, "db", "current")
    assert current.returncode == 0, current.stderr
    assert current.stdout.strip() == f"{HEAD_REVISION} (up to date)"
