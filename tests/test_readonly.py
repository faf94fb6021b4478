"""A database that cannot be written (issue 22, item 12): an SQLite file in a read-only folder,
read by a user without write access, serves read commands; a write says it is read-only.
(SQLite only: PostgreSQL's permissions are the server's.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

NOBODY = 65534


@pytest.fixture
def read_only_db(seeded_templates):
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run chipdb as a user who cannot write the file")
    folder = Path(tempfile.mkdtemp())
    path = folder / "chipdb.sqlite"
    shutil.copy(seeded_templates("sqlite"), path)
    path.chmod(0o444)
    folder.chmod(0o555)
    yield f"sqlite:///{path}"
    folder.chmod(0o755)
    shutil.rmtree(folder)


def _as_nobody(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["setpriv", "--reuid", str(NOBODY), "--regid", str(NOBODY), "--clear-groups",
                           sys.executable, "-m", "chipdb", "--db", url, *args],
                          capture_output=True, text=True, timeout=120, cwd="/")


def test_read_commands_read_a_read_only_database(read_only_db):
    result = _as_nobody(read_only_db, "show", "H100", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"device": "h100-sxm5-80gb"' in result.stdout
    assert _as_nobody(read_only_db, "trace", "H100", "compute", "-p", "bf16").returncode == 0
    assert not [p for p in Path(read_only_db[len("sqlite:///"):]).parent.iterdir() if p.name != "chipdb.sqlite"]


def test_a_write_to_a_read_only_database_says_so(read_only_db):
    result = _as_nobody(read_only_db, "seed")
    assert result.returncode == 1
    assert "is read-only" in result.stderr
    assert "Traceback" not in result.stderr
