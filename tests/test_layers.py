"""The layering holds: the engine module and the loader pull in nothing above them, and no
module grows past what a reader can hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "chipdb"
ABOVE_THE_ENGINE = {"chipdb.load", "chipdb.validate", "chipdb.seed", "chipdb.setup", "chipdb.claims",
                    "chipdb.claimstore", "chipdb.claimtext", "chipdb.resolve", "chipdb.analysis", "chipdb.render", "chipdb.cli"}


def chipdb_modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(m for m in sys.modules if m.startswith('chipdb')))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return set(run.stdout.split())


def test_the_engine_module_loads_nothing_above_it():
    loaded = chipdb_modules_after("import chipdb.db")
    assert "chipdb.db" in loaded
    assert not loaded & ABOVE_THE_ENGINE, sorted(loaded & ABOVE_THE_ENGINE)


def test_the_loader_loads_neither_the_claim_checker_nor_the_resolver():
    loaded = chipdb_modules_after("import chipdb.load")
    assert "chipdb.load" in loaded and "chipdb.claimspec" in loaded
    assert not loaded & {"chipdb.claims", "chipdb.resolve", "chipdb.knowledge", "chipdb.analysis"}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400
