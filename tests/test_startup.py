"""What a read command may import (an import-set test, not a timing test: `python -X importtime`
lists every module a run imports). No read command imports pandas, numpy, alembic, pint,
matplotlib or jinja2; the fast ones (show, list: chipdb.cli.fast) import neither SQLAlchemy nor
Typer, tabulate nor wcwidth."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

HEAVY = {"pandas", "numpy", "alembic", "pint", "matplotlib", "jinja2"}
FAST_MAY_NOT = HEAVY | {"sqlalchemy", "typer", "tabulate", "wcwidth", "click", "psycopg"}
READ_COMMANDS = [
    ["trace", "GB200 NVL72", "compute", "-p", "bf16"],
    ["ratio", "CM384", "NVL72", "memory_capacity"],
    ["compare", "H20", "A100", "H100"],
    ["claims", "check"],
    ["check", "CloudMatrix 384 has 1.7x the BF16 compute of GB200 NVL72"],
    ["sources", "show", "semianalysis-cm384-revised", "--format", "csv"],
    ["controls", "H100", "H20", "--format", "json"],
    ["trace", "H100", "tpp"],
]


def imported_modules(url: str, args: list[str]) -> set[str]:
    env = {**os.environ, "CHIPDB_DATABASE_URL": url}
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "chipdb", *args], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return {m.group(1).split(".")[0] for m in re.finditer(r"^import time:.*\|\s+(\S+)$", run.stderr, re.M)}


FAST_COMMANDS = [["show", "H100"], ["show", "H100", "--format", "json", "-m", "compute"]]


@pytest.mark.parametrize("args", FAST_COMMANDS, ids=" ".join)
def test_fast_read_commands_import_only_the_driver(db_url, args):
    modules = imported_modules(db_url, args)
    assert "chipdb" in modules and ("sqlite3" in modules or "psycopg" in db_url)  # the measurement works
    if "psycopg" in db_url:  # the driver is what PostgreSQL needs
        modules -= {"psycopg", "psycopg_binary"}
    assert not modules & FAST_MAY_NOT, sorted(modules & FAST_MAY_NOT)


@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_read_commands_do_not_import_heavy_modules(db_url, args):
    modules = imported_modules(db_url, args)
    assert "sqlalchemy" in modules  # the measurement works
    assert not modules & HEAVY, sorted(modules & HEAVY)


def test_read_commands_do_not_import_the_orm(db_url, tmp_path):
    env = {**os.environ, "CHIPDB_DATABASE_URL": db_url}
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "chipdb", "show", "H100", "-o",
                          str(tmp_path / "h.json")], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "| chipdb.store.db\n" in run.stderr  # the measurement works
    assert " sqlalchemy.orm\n" not in run.stderr and "chipdb.store.models" not in run.stderr


def test_list_imports_no_drawing_or_templates(db_url, tmp_path):
    """The image and HTML renderers are registered by name: listing devices (on the Typer path,
    which --output takes) imports neither matplotlib nor Jinja2, nor chipdb's own drawing and site modules."""
    env = {**os.environ, "CHIPDB_DATABASE_URL": db_url}
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "chipdb", "list", "-o", str(tmp_path / "l.txt")],
                         env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    names = set(re.findall(r"^import time:.*\|\s+(\S+)$", run.stderr, re.M))
    assert "chipdb.output.registry" in names  # the measurement sees chipdb's modules
    assert not {n for n in names if n.split(".")[0] in ("matplotlib", "jinja2")}
    # the charts and site packages are imported to register their formats, their writers are not
    assert not names & {"chipdb.output.charts.draw", "chipdb.output.site.build", "chipdb.output.site.html",
                        "chipdb.cli.plot", "chipdb.cli.publish"}


def test_plot_imports_matplotlib_only_when_it_draws(db_url, tmp_path):
    """The check of the test above can fail: a plot does import matplotlib."""
    env = {**os.environ, "CHIPDB_DATABASE_URL": db_url}
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "chipdb", "plot", "roofline", "H100", "-p", "bf16",
                          "-o", str(tmp_path / "r.svg")], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert re.search(r"\|\s+matplotlib$", run.stderr, re.M)
    assert not [line for line in run.stderr.splitlines() if not line.startswith("import time:")]  # nothing else on stderr
