"""Command modules register themselves; the start-up index (``chipdb/cli/index.py``) must say
exactly what they register, so a new command is never silently missing from a fast start."""

from __future__ import annotations

import subprocess
import sys

from chipdb.cli._app import REGISTERED
from chipdb.cli.app import command_modules, load_commands
from chipdb.cli.index import COMMANDS


def test_the_index_matches_the_modules_registrations():
    load_commands()
    registered = {name: module.rsplit(".", 1)[1] for name, module in REGISTERED.items()}
    assert registered == COMMANDS, ("chipdb/cli/index.py differs from what the command modules register; "
                                    f"python -m chipdb.cli.index prints: {registered}")
    assert set(COMMANDS.values()) == set(command_modules())


def test_a_command_the_index_lacks_still_runs(tmp_path):
    """The entry point loads every command module for a name the index does not know: here the
    index is emptied, and `formats` still runs."""
    code = ("import sys; import chipdb.cli.index as i; i.COMMANDS.clear(); import chipdb.cli.app as a; "
            "a.COMMANDS = i.COMMANDS; sys.argv = ['chipdb', 'formats']; a.main()")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "jsonld" in run.stdout


def test_help_lists_commands_in_the_index_order():
    from typer.testing import CliRunner

    out = CliRunner().invoke(load_commands(), ["--help"])
    assert out.exit_code == 0, out.output
    listed = [line.split()[0] for line in out.stdout.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == list(COMMANDS)
