"""mypy --strict on the public surface and a user-style script; and a script that misuses the
API fails it (so the check can fail: the API is typed, not Any)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def mypy(tmp_path_factory):
    """mypy --strict on the paths given. The module's runs share a cache made for this session (the
    second reads the first's analysis of the standard library and SQLAlchemy instead of redoing it);
    never the checkout's .mypy_cache, which could be stale."""
    if shutil.which("mypy") is None and not (Path(sys.executable).parent / "mypy").exists():
        pytest.skip("mypy is not installed (pip install '.[test]')")
    cache = tmp_path_factory.mktemp("mypy-cache")

    def run(*paths: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *paths], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)

    return run


def test_public_surface_and_example_pass_mypy_strict(mypy):
    run = mypy("chipdb/__init__.py", "chipdb/api/", "examples/mfu.py")
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_misuse_fails_the_type_check(mypy, tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('import chipdb\n\nx: str = chipdb.peak("H100", precision="bf17").value\n', encoding="utf-8")
    run = mypy(str(bad))
    assert run.returncode == 1
    assert "bf17" in run.stdout and "float" in run.stdout
