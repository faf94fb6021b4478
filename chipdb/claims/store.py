"""The database-backed store of claims: reading them as ``ClaimFact`` records, checking them
with the pure checker (``chipdb.claims.check``), and adding one through the data-package loader.
Free-text claims are parsed in ``chipdb.claims.text``; reports are ``chipdb.output.reports.claims``."""

from __future__ import annotations

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.domain import vocab
from chipdb.claims.check import ClaimFact, ClaimResult, check
from chipdb.domain.claimspec import parse_assumptions
from chipdb.domain.errors import NotFound, UsageError
from chipdb.domain.records import Quals, SourceRef
from chipdb.store.knowledge import load_knowledge
from chipdb.store.lookup import find_device
from chipdb.domain.resolve import Options


def _facts(conn: Connection, keys: list[str] | None) -> list[ClaimFact]:
    c, src = T.claims, T.sources
    subject, baseline = T.devices.alias("subject"), T.devices.alias("baseline")
    stmt = (select(c, src.c.key.label("source_key"), src.c.title.label("source_title"), src.c.url.label("source_url"),
                   src.c.published.label("source_published"), src.c.kind.label("source_kind"),
                   subject.c.slug.label("subject_slug"), baseline.c.slug.label("baseline_slug"))
            .join(src, c.c.source_id == src.c.id)
            .join(subject, c.c.subject_id == subject.c.id).join(baseline, c.c.baseline_id == baseline.c.id))
    if keys:
        stmt = stmt.where(c.c.key.in_(keys))
    found = {}
    for row in conn.execute(stmt):
        found[row.key] = ClaimFact(
            row.key, row.text,
            SourceRef(row.source_key, row.source_title, row.source_url, row.source_published, row.source_kind),
            row.locator, row.subject_slug, row.baseline_slug, row.metric,
            Quals(*(getattr(row, q) for q in vocab.QUALIFIERS)), row.kind, row.stated, row.tolerance,
            row.wording, parse_assumptions(row.assumptions), tuple(row.basis.split()), row.note)
    if keys:
        missing = [k for k in keys if k not in found]
        if missing:
            known = sorted(conn.scalars(select(c.c.key)))
            raise NotFound(f"no claim {', '.join(map(repr, missing))}; claims are: {', '.join(known)} (chipdb claims list)")
        return [found[k] for k in keys]
    return sorted(found.values(), key=lambda f: f.key)


def list_claims(conn: Connection) -> list[ClaimFact]:
    return _facts(conn, None)


def check_claims(conn: Connection, keys: list[str] | None = None, options: Options = Options()) -> list[ClaimResult]:
    facts = _facts(conn, keys)
    return check_facts(conn, facts, options)


def check_facts(conn: Connection, facts: list[ClaimFact], options: Options = Options()) -> list[ClaimResult]:
    if not facts:
        return []
    devices = sorted({f.subject for f in facts} | {f.baseline for f in facts})
    metrics = sorted({f.metric for f in facts})
    kb, _ = load_knowledge(conn, devices, metrics)
    return [check(kb, f, options) for f in facts]


def add_claim(conn: Connection, cells: dict[str, str], origin: str = "claims add"):
    """Store a user's claim: one row of the data package's claims table, validated and written by
    the same loader as ``chipdb import`` (the caller's transaction commits it), so that what
    ``claims add`` accepts, an export of it imports again."""
    from chipdb.package.load import load_package
    from chipdb.package.csvformat import TABLES_BY_NAME, Package, Row, check_cells

    table = TABLES_BY_NAME["claims"]
    unknown = set(cells) - set(table.column_names)
    if unknown:
        raise UsageError(f"claims have no field {', '.join(sorted(unknown))}")
    cells = {k: v for k, v in cells.items() if v}
    for side in ("subject", "baseline"):  # a user names a device as anywhere else; the package holds slugs
        if cells.get(side):
            cells[side] = find_device(conn, cells[side]).slug
    pkg = Package()
    row = Row("claims", origin, None, cells)
    check_cells(pkg, table, row)
    pkg.rows["claims"] = [row]
    if pkg.problems:
        from chipdb.domain.errors import ValidationFailed

        raise ValidationFailed(pkg.problems)
    if conn.scalar(select(T.claims.c.id).where(T.claims.c.key == cells.get("key", ""))) is not None:
        raise UsageError(f"a claim with key {cells['key']!r} exists already")
    return load_package(conn, pkg, origin=origin)
