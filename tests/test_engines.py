"""The same commands give the same output on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil

import pytest

from .conftest import Cli

COMMANDS = [
    ["claims", "check", "--format", "csv"],
    ["compare", "H20", "A100", "H100", "--format", "csv"],
    ["show", "GB200 NVL72", "--format", "json"],
    ["trace", "CM384", "memory_capacity", "--format", "json"],
    ["audit", "--format", "csv"],
    ["list", "--format", "csv"],
    ["controls", "H100", "A100", "H20", "GB200 NVL72", "--as-of", "2024-06-01", "--format", "json"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_sqlite_and_postgresql_agree(command, postgres, seeded_templates, tmp_path):
    if postgres is None:
        pytest.skip("needs CHIPDB_TEST_POSTGRES_URL to compare with PostgreSQL; .ci/run sets it")
    path = tmp_path / "chipdb.sqlite"
    shutil.copy(seeded_templates("sqlite"), path)
    sqlite = Cli(f"sqlite:///{path}")(*command)
    pg = Cli(postgres.database(template=seeded_templates("postgresql")))(*command)
    assert sqlite.exit_code == pg.exit_code == 0, sqlite.output + pg.output
    assert sqlite.stdout == pg.stdout
