"""Checks of the export-control tables of a package (rules, thresholds, events), across rows and
against the database; called by ``chipdb.package.load`` with the other cross-row checks."""

from __future__ import annotations

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.domain import vocab
from chipdb.package.csvformat import Package


def check_controls(conn: Connection, pkg: Package) -> None:
    _check_rules(conn, pkg)
    for row in pkg.rows.get("control_thresholds", []):
        _check_threshold(pkg, row)


def _check_rules(conn: Connection, pkg: Package) -> None:
    rows = pkg.rows.get("control_rules", [])
    wanted = sorted({r.cells.get("supersedes", "") for r in rows} - {""})
    known = {r.cells.get("key", "") for r in rows}
    if wanted:
        known |= set(conn.scalars(select(T.control_rules.c.key).where(T.control_rules.c.key.in_(wanted))))
    for row in rows:
        old = row.cells.get("supersedes", "")
        if not old:
            continue
        if old == row.cells.get("key"):
            pkg.problem(row.file, row.line, "supersedes", "a rule cannot supersede itself")
        elif old not in known:
            pkg.problem(row.file, row.line, "supersedes",
                        f"unknown control rule {old!r}; add it to control_rules.csv or leave supersedes empty")


def _check_threshold(pkg: Package, row) -> None:
    """A numeric parameter needs a number (and, for a rate, a unit chipdb converts); the
    canonical value is kept on the row for the loader to store."""
    from chipdb.domain.numbers import NumberProblem, parse_positive
    from chipdb.domain.units import to_canonical

    c = row.cells
    parameter = c.get("parameter", "")
    if parameter not in vocab.CONTROL_PARAMETER_DIMENSIONS:
        return  # kept as the rule states it (text, or a parameter chipdb does not compute)
    dimension = vocab.CONTROL_PARAMETER_DIMENSIONS[parameter]
    if c.get("comparison") == "=":
        pkg.problem(row.file, row.line, "comparison", f"{parameter} is a number; compare it with >=, >, < or <=")
    if dimension:
        if not c.get("unit"):
            pkg.problem(row.file, row.line, "unit", f"{parameter} needs the unit the rule prints (e.g. Gbyte/s)")
            return
        try:
            row.value = to_canonical(c.get("value", ""), c["unit"], dimension)
        except NumberProblem as exc:
            pkg.problem(row.file, row.line, exc.column, str(exc))
        return
    if c.get("unit"):
        pkg.problem(row.file, row.line, "unit", f"{parameter} is a plain number in the rule; leave the unit empty")
    try:
        row.value = parse_positive(c.get("value", ""))
    except NumberProblem as exc:
        pkg.problem(row.file, row.line, "value", str(exc))
