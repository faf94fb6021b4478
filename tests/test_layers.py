"""The layering holds: the engine module and the loader pull in nothing above them, and no
module grows past what a reader can hold."""

from __future__ import annotations

import ast
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
    assert entries == {"api", "py.typed", "analysis", "claims", "cli", "domain", "importers",
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


def _declared_fields(path: Path) -> dict[str, set[str]]:
    """Each class in a module with the names it declares with an annotation (a dataclass's fields)."""
    out = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            out[node.name] = {s.target.id for s in node.body if isinstance(s, ast.AnnAssign)
                              and isinstance(s.target, ast.Name)}
    return out


def test_a_statement_has_one_record_class():
    """A statement as stored is ``chipdb.domain.records.Statement`` alone: no other class declares
    its fields again (a device, metric, value, source and locator are shared by many records; a
    statement's whole shape, or its status and rank together, by none), and no module but the
    record's own builds one except through ``Statement.from_row``."""
    from dataclasses import fields

    from chipdb.domain.records import Statement

    own = {f.name for f in fields(Statement)}
    shapes = {f"{p.relative_to(PACKAGE).as_posix()}:{name}": declared for p in PACKAGE.rglob("*.py")
              for name, declared in _declared_fields(p).items()}
    assert shapes.pop("domain/records.py:Statement") == own
    copies = {where: sorted(declared & own) for where, declared in shapes.items()
              if len(declared & own) > 5 or {"status", "rank"} <= declared}
    assert not copies, copies
    builders = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
                if re.search(r"\bStatement\(", p.read_text(encoding="utf-8"))]
    assert builders == []


def test_the_statement_columns_are_the_records_fields_in_order():
    """``STATEMENT_COLUMNS`` (what every reader of whole statements selects) lists the record's
    fields in ``from_row``'s order, the source as its five columns: a column is added in both or
    this fails."""
    from dataclasses import fields

    from chipdb.domain.records import SourceRef, Statement
    from chipdb.store.statements import STATEMENT_COLUMNS

    expected = [name for f in fields(Statement) for name in
                ([f"source_{s.name}" for s in fields(SourceRef)] if f.name == "source" else [f.name])]
    assert [c.name for c in STATEMENT_COLUMNS] == expected
    row = tuple(f"cell {i}" for i in range(len(expected)))
    st = Statement.from_row(row + ("a caller's own column",))
    assert [getattr(st, f.name) for f in fields(Statement) if f.name != "source"] == \
        [cell for cell, name in zip(row, expected) if not name.startswith("source_")]
    assert st.source == SourceRef(*(cell for cell, name in zip(row, expected) if name.startswith("source_")))


def test_dates_and_printed_numbers_are_parsed_in_one_place_each():
    """The one date type (domain/dates.py) and the one number grammar (domain/numbers.py): no
    other module parses a date string or turns printed text into a Decimal."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name != "dates.py" and re.search(r"\b(fromisoformat|strptime)\(", text):
            offenders.append(f"{path.relative_to(PACKAGE)}: parses a date")
        if path.name != "numbers.py" and re.search(r"\bDecimal\((?![\d)])", text):
            offenders.append(f"{path.relative_to(PACKAGE)}: parses a number")
    assert not offenders
