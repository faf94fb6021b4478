"""The fast read path (chipdb.cli.fast over chipdb.store.fastread): its precompiled queries are
the SQLAlchemy ones, its options are Typer's, and its output and errors are byte-identical to the
Typer command's on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chipdb.cli import fast
from chipdb.cli.app import load_commands
from chipdb.store import catalogue

CASES = [
    ["show", "H100"], ["show", "h100-sxm5-80gb", "--format", "json"], ["show", "CM384", "-f", "csv"],
    ["show", "--metric", "compute", "GB200 NVL72", "--format", "markdown"], ["list"], ["list", "-f", "json"],
    # the fast path declines these (unknown, other spellings), and the Typer command answers
    ["show", "H10"], ["show", "H100", "-m", "nope"], ["show", "H100", "--format", "png"], ["list", "extra"],
]


def test_the_catalogue_is_current():
    assert catalogue.TARGET.read_text(encoding="utf-8") == catalogue.render(), \
        "run: python -m chipdb.store.catalogue"


def test_its_options_are_typers():
    app = load_commands()
    from typer.main import get_command

    group = get_command(app)
    for name, options in fast.OPTIONS.items():
        declared = {opt for p in group.commands[name].params for opt in p.opts}
        assert set(options) <= declared, name


def _run(url: str, args: list[str], fast_path: bool) -> subprocess.CompletedProcess:
    code = ("import sys; from chipdb.cli.app import main, load_commands, _command_name\n"
            "args = sys.argv[1:]\n"
            "main() if FAST else load_commands(_command_name(args))()\n").replace("FAST", str(fast_path))
    env = {**os.environ, "CHIPDB_DATABASE_URL": url}
    return subprocess.run([sys.executable, "-X", "importtime", "-c", code, *args], env=env, capture_output=True,
                          timeout=120)


def _split(stderr: bytes) -> tuple[bytes, set[str]]:
    lines = stderr.decode().splitlines(keepends=True)
    modules = {line.rsplit("|", 1)[1].strip() for line in lines if line.startswith("import time:")}
    return "".join(line for line in lines if not line.startswith("import time:")).encode(), modules


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_fast_path_output_is_the_typer_commands(db_url, args):
    slow, fast_run = _run(db_url, args, False), _run(db_url, args, True)
    slow_err, _ = _split(slow.stderr)
    fast_err, modules = _split(fast_run.stderr)
    assert (fast_run.returncode, fast_run.stdout, fast_err) == (slow.returncode, slow.stdout, slow_err)
    took_fast = fast.parse(args) is not None and slow.returncode == 0 and "png" not in args
    assert ("sqlalchemy" not in modules and "typer" not in modules) == took_fast, sorted(modules)[:5]


def test_parse_declines_what_it_does_not_know():
    assert fast.parse(["--db", "sqlite:///x", "show", "H100", "-f", "json"]) == (
        "show", ["H100"], {"fmt": "json"}, "sqlite:///x")
    for args in (["show", "H100", "-o", "x.json"], ["show", "H100", "--format=json"], ["show", "-m"],
                 ["show", "H100", "-f", "json", "-f", "csv"], ["--version"], ["list", "--db"], []):
        assert fast.parse(args) is None, args


def test_a_new_database_takes_the_normal_path(tmp_path):
    """No file yet: the fast path creates nothing, and the normal path creates and seeds it."""
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    run = _run(url, ["show", "H100"], True)
    assert run.returncode == 0 and b"H100 SXM5 80GB" in run.stdout
    assert b"creating it and loading the seeds" in _split(run.stderr)[0]
    assert Path(tmp_path / "new.sqlite").exists()
