"""Reports of history and audit."""

from __future__ import annotations

from chipdb.output.registry import Report

HISTORY_COLUMNS = ["metric", "qualifiers", "source", "was", "was_value", "replaced_at", "replaced_by_import", "now",
                   "now_value"]
AUDIT_COLUMNS = ["check", "grade", "status", "device", "finding", "statements", "accepted_because"]
GRADE_ORDER = {"error": 0, "warning": 1, "note": 2}


def history_report(dev, changes) -> Report:
    rows = [[c.metric, c.qualifiers, c.source, c.old, c.old_value, c.replaced_at, c.replaced_by, c.new, c.new_value]
            for c in changes]
    title = f"{dev.name}: {len(changes)} replaced value(s)" if changes else f"{dev.name}: no value has been replaced"
    return Report(HISTORY_COLUMNS, rows, title=title)


def audit_report(findings, checks: dict[str, str]) -> Report:
    """Open findings first, errors before warnings before notes (a stable sort: each check's order kept)."""
    ordered = sorted(findings, key=lambda f: (bool(f.accepted), GRADE_ORDER[f.grade]))
    rows = [[f.check, f.grade, f.status, f.device, f.message, "; ".join(f.statements), f.accepted] for f in ordered]
    open_ = [f for f in findings if not f.accepted]
    graded = ", ".join(f"{sum(1 for f in open_ if f.grade == g)} {g}(s)" for g in GRADE_ORDER)
    footer = [f"{len(findings)} finding(s), {len(open_)} open ({graded}), {len(findings) - len(open_)} accepted. "
              "Checks: " + "; ".join(f"{k} ({v})" for k, v in checks.items())]
    return Report(AUDIT_COLUMNS, rows, footer=footer)


CHECK_COLUMNS = ["check", "grade", "scope", "what"]


def checks_report(checks) -> Report:
    """The registered audit checks, in the order they are registered."""
    return Report(CHECK_COLUMNS, [[c.name, c.grade, c.scope, c.what] for c in checks])


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
