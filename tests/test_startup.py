"""Read commands import neither pandas, numpy, alembic, pint nor matplotlib (an import-set test,
not a timing test: `python -X importtime` lists every module a run imports)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

HEAVY = {"pandas", "numpy", "alembic", "pint", "matplotlib"}
READ_COMMANDS = [
    ["show", "H100"],
    ["list"],
    ["trace", "GB200 NVL72", "compute", "-p", "bf16"],
    ["ratio", "CM384", "NVL72", "memory_capacity"],
    ["compare", "H20", "A100", "H100"],
    ["claims", "check"],
    ["check", "CloudMatrix 384 has 1.7x the BF16 compute of GB200 NVL72"],
    ["show", "H100", "--format", "csv"],
    ["controls", "H100", "H20", "--format", "json"],
    ["trace", "H100", "tpp"],
]


def imported_modules(url: str, args: list[str]) -> set[str]:
    env = {**os.environ, "CHIPDB_DATABASE_URL": url}
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "chipdb", *args], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return {m.group(1).split(".")[0] for m in re.finditer(r"^import time:.*\|\s+(\S+)$", run.stderr, re.M)}


@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_read_commands_do_not_import_heavy_modules(db_url, args):
    modules = imported_modules(db_url, args)
    assert "sqlalchemy" in modules  # the measurement works
    assert not modules & HEAVY, sorted(modules & HEAVY)


def test_read_commands_do_not_import_the_orm(db_url):
    env = {**os.environ, "CHIPDB_DATABASE_URL": db_url}
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "chipdb", "show", "H100"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "H100 SXM5 80GB" in run.stdout, run.stderr[-2000:]
    assert "| chipdb.db\n" in run.stderr  # the measurement works
    assert " sqlalchemy.orm\n" not in run.stderr and "chipdb.models" not in run.stderr
