"""The layering holds: the engine module and the loader pull in nothing above them, and no
module grows past what a reader can hold."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "chipdb"
ABOVE_THE_ENGINE = {"chipdb.package.load", "chipdb.package.validate", "chipdb.package.seed", "chipdb.package.setup", "chipdb.claims.check",
                    "chipdb.claims.store", "chipdb.claims.text", "chipdb.domain.resolve", "chipdb.analysis.values", "chipdb.output.registry", "chipdb.cli"}


def chipdb_modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(m for m in sys.modules if m.startswith('chipdb')))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return set(run.stdout.split())


def test_the_engine_module_loads_nothing_above_it():
    loaded = chipdb_modules_after("import chipdb.store.db")
    assert "chipdb.store.db" in loaded
    assert not loaded & ABOVE_THE_ENGINE, sorted(loaded & ABOVE_THE_ENGINE)


def test_the_loader_loads_neither_the_claim_checker_nor_the_resolver():
    loaded = chipdb_modules_after("import chipdb.package.load")
    assert "chipdb.package.load" in loaded and "chipdb.domain.claimspec" in loaded
    assert not loaded & {"chipdb.claims.check", "chipdb.domain.resolve", "chipdb.store.knowledge", "chipdb.analysis.values"}


def test_the_layers_contract_holds():
    """import-linter sees every import, those inside functions too."""
    linter = Path(sys.executable).with_name("lint-imports")
    if not linter.exists():
        pytest.skip("import-linter is not installed (pip install '.[test]')")
    run = subprocess.run([str(linter), "--no-cache"], capture_output=True, text=True, timeout=120,
                         cwd=PACKAGE.parent)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "chipdb layers KEPT" in run.stdout


def test_the_package_has_about_eight_top_level_entries():
    entries = {p.name for p in PACKAGE.iterdir() if not p.name.startswith(("_", "."))}
    assert entries == {"api", "py.typed", "analysis", "claims", "cli", "controls", "domain", "importers",
                       "output", "package", "store"}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_statements_are_joined_in_one_place():
    """A statement's metric (and device and source) is joined by store/statements.py alone: no
    other module writes ``statements.metric_id == metrics.id`` again."""
    root = Path(__file__).resolve().parent.parent / "chipdb"
    writers = [p.relative_to(root).as_posix() for p in root.rglob("*.py")
               if p.name != "_compiled.py" and re.search(r"\bst?\.metric_id\s*==", p.read_text(encoding="utf-8"))]
    assert writers == ["store/statements.py"]
