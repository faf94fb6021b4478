"""Reports of history and audit."""

from __future__ import annotations

from chipdb.output.registry import Column, Report

HISTORY_COLUMNS = [Column("metric"), Column("qualifiers"), Column("source"), Column("was", "old"),
                   Column("was_value", "old_value"), Column("replaced_at"), Column("replaced_by_import", "replaced_by"),
                   Column("now", "new"), Column("now_value", "new_value")]
AUDIT_COLUMNS = [Column("check"), Column("grade"), Column("status"), Column("device"), Column("finding", "message"),
                 Column("statements", lambda f: "; ".join(f.statements)), Column("accepted_because", "accepted")]
CHECK_COLUMNS = [Column("check", "name"), Column("grade"), Column("scope"), Column("what")]
GRADE_ORDER = {"error": 0, "warning": 1, "note": 2}


def history_report(dev, changes) -> Report:
    title = f"{dev.name}: {len(changes)} replaced value(s)" if changes else f"{dev.name}: no value has been replaced"
    return Report(HISTORY_COLUMNS, changes, title=title)


def audit_report(findings, checks: dict[str, str]) -> Report:
    """Open findings first, errors before warnings before notes (a stable sort: each check's order kept)."""
    ordered = sorted(findings, key=lambda f: (bool(f.accepted), GRADE_ORDER[f.grade]))
    open_ = [f for f in findings if not f.accepted]
    graded = ", ".join(f"{sum(1 for f in open_ if f.grade == g)} {g}(s)" for g in GRADE_ORDER)
    footer = [f"{len(findings)} finding(s), {len(open_)} open ({graded}), {len(findings) - len(open_)} accepted. "
              "Checks: " + "; ".join(f"{k} ({v})" for k, v in checks.items())]
    return Report(AUDIT_COLUMNS, ordered, footer=footer)


def checks_report(checks) -> Report:
    """The registered audit checks, in the order they are registered."""
    return Report(CHECK_COLUMNS, checks)


IMPORT_LINES_SHOWN = 20  # per kind of per-row finding; the rest are counted


def import_lines(result) -> list[str]:
    """What an import has to say besides its counts: the importer's notes, the dataset's
    disagreements with curated values, its derived values that differ from chipdb's (the first
    IMPORT_LINES_SHOWN of each, then how many more)."""
    lines = [n if n.startswith("skipped ") else f"note: {n}" for n in result.notes]
    if result.disagreements:
        lines.append(f"{len(result.disagreements)} value(s) differ from curated preferred ones by more than 2% "
                     "(chipdb audit lists them too):")
        lines += _capped([f"  {f.device}: {f.message}" for f in result.disagreements], "chipdb audit")
    if result.derived:
        lines.append(f"{len(result.derived)} derived value(s) of the dataset differ from chipdb's:")
        lines += _capped([f"  {d}" for d in result.derived], "chipdb controls DEVICE")
    return lines


def _capped(lines: list[str], where: str) -> list[str]:
    if len(lines) <= IMPORT_LINES_SHOWN:
        return lines
    return lines[:IMPORT_LINES_SHOWN] + [f"  ... and {len(lines) - IMPORT_LINES_SHOWN} more (see: {where})"]
