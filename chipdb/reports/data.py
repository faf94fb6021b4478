"""Reports of history and audit."""

from __future__ import annotations

from ..render import Report

HISTORY_COLUMNS = ["metric", "qualifiers", "source", "was", "was_value", "replaced_at", "replaced_by_import", "now",
                   "now_value"]
AUDIT_COLUMNS = ["check", "status", "device", "finding", "statements", "accepted_because"]


def history_report(dev, changes) -> Report:
    rows = [[c.metric, c.qualifiers, c.source, c.old, c.old_value, c.replaced_at, c.replaced_by, c.new, c.new_value]
            for c in changes]
    title = f"{dev.name}: {len(changes)} replaced value(s)" if changes else f"{dev.name}: no value has been replaced"
    return Report(HISTORY_COLUMNS, rows, title=title)


def audit_report(findings, checks: dict[str, str]) -> Report:
    rows = [[f.check, f.status, f.device, f.message, "; ".join(f.statements), f.accepted] for f in findings]
    open_ = [f for f in findings if not f.accepted]
    footer = [f"{len(findings)} finding(s), {len(open_)} open, {len(findings) - len(open_)} accepted. Checks: "
              + "; ".join(f"{k} ({v})" for k, v in checks.items())]
    return Report(AUDIT_COLUMNS, rows, footer=footer)
