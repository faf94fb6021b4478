"""Reports of history and audit."""

from __future__ import annotations

import re

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
    lines = [n if n.startswith("skipped ") else f"note: {n}" for n in _capped_notes(result.notes)]
    if result.disagreements:
        lines.append(f"{len(result.disagreements)} value(s) differ from curated preferred ones by more than 2% "
                     "(chipdb audit lists them too):")
        lines += _capped([f"  {f.device}: {f.message}" for f in result.disagreements], "chipdb audit")
    if result.derived:
        lines.append(f"{len(result.derived)} derived value(s) of the dataset differ from chipdb's:")
        lines += _capped([f"  {d}" for d in result.derived], "chipdb controls DEVICE")
    return lines


_ROW_NOTE = re.compile(r"^(.*?):(\d+): ")  # an importer's note about one row: "file:line: ..."


def _capped_notes(notes: list[str]) -> list[str]:
    """The importer's notes, those about single rows capped at IMPORT_LINES_SHOWN of each kind (a
    kind: the note without its file, line, row name, quoted values and numbers), in their order;
    then how many more of each kind there were."""
    shown: dict[str, int] = {}
    out, more = [], {}
    for note in notes:
        where = _ROW_NOTE.match(note)
        if where is None:
            out.append(note)
            continue
        kind = _note_kind(note[where.end():])
        shown[kind] = shown.get(kind, 0) + 1
        if shown[kind] <= IMPORT_LINES_SHOWN:
            out.append(note)
        else:
            more[kind] = (where.group(1), shown[kind] - IMPORT_LINES_SHOWN)
    out += [f"{file}: ... and {n} more like: {kind}" for kind, (file, n) in more.items()]
    return out


def _note_kind(message: str) -> str:
    message = message.rsplit(": ", 1)[-1] if message.count(": ") else message
    return re.sub(r"\b\d+(?:[.,]\d+)*\b", "N", re.sub(r"'[^']*'", "'…'", message))[:100]


def _capped(lines: list[str], where: str) -> list[str]:
    if len(lines) <= IMPORT_LINES_SHOWN:
        return lines
    return lines[:IMPORT_LINES_SHOWN] + [f"  ... and {len(lines) - IMPORT_LINES_SHOWN} more (see: {where})"]
