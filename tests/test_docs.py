"""Every command has help text and is in the README; `python -m chipdb` works."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from chipdb.cli.app import load_commands

app = load_commands()

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group=None, prefix=()):
    group = group or get_command(app)
    for name, cmd in sorted(group.commands.items()):
        path = (*prefix, name)
        if hasattr(cmd, "commands"):
            yield path, cmd
            yield from _commands(cmd, path)
        else:
            yield path, cmd


COMMANDS = list(_commands())


@pytest.mark.parametrize("path, cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_has_help_and_is_in_the_readme(path, cmd):
    assert (cmd.help or "").strip(), f"chipdb {' '.join(path)} has no help text"
    assert f"chipdb {' '.join(path)}" in README, f"README does not mention chipdb {' '.join(path)}"
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_python_dash_m_chipdb_help():
    result = subprocess.run([sys.executable, "-m", "chipdb", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "trace" in result.stdout and "compare" in result.stdout


def test_readme_quick_start_has_two_commands():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick, re.S)
    assert len(blocks) == 2 and "pip install ." in blocks[0] and "pytest" in blocks[1]
