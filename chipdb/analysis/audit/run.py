"""Running the registered checks over a database, and the audit's view of an imported dataset."""

from __future__ import annotations

import itertools
from collections import defaultdict

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.domain.errors import ChipDBError
from chipdb.domain.records import Statement
from chipdb.store.knowledge import Held, load_knowledge
from chipdb.store.statements import statements_select
from chipdb.analysis.explain import PrecisionRule
from chipdb.analysis.audit.registry import CHECKS, Audit, DeviceFacts, Finding, in_scope

CONFLICT = 0.02
DATASET = "dataset"  # a source kind: a dataset's statements, never displacing a curated value


def context(conn: Connection) -> Audit:
    """What every check may read, loaded once."""
    d, m = T.devices.c, T.metrics.c
    core_for: dict[str, list[str]] = defaultdict(list)  # a metric's core status is its data (metrics.core_for)
    for key, kinds in conn.execute(select(m.key, m.core_for).order_by(m.id)):
        for kind in kinds.split():
            core_for[kind].append(key)
    return Audit(
        conn=conn,
        devices={dev.id: dev for dev in conn.execute(select(d.id, d.slug, d.name, d.kind, d.note).order_by(d.slug))},
        dims={mk: dim for mk, dim in conn.execute(select(m.key, m.dimension))},
        core_for=core_for,
        has_parts={sys_id for sys_id, in conn.execute(select(T.components.c.system_id).distinct())},
        rules=_precision_rules(conn),
        seen_metrics=defaultdict(set))


def audit(conn: Connection) -> list[Finding]:
    """Every registered check's findings: device by device (in the order of their ids), each
    device's checks by scope (statement, group, rate, device), then the checks over the whole
    database."""
    ctx = context(conn)
    rd, r, s, m = T.rule_devices.c, T.rules.c, T.statements.c, T.metrics.c
    sparse_rule_devices = {dev_id for dev_id, in conn.execute(
        select(rd.device_id).join(T.rules, rd.rule_id == r.id).where(r.qualifier == "sparsity"))}
    per_statement, per_group, per_rate, per_device = (in_scope(x) for x in ("statement", "group", "rate", "device"))
    findings: list[Finding] = []
    stmt = statements_select(s.device_id).order_by(s.device_id, m.key, s.id).execution_options(yield_per=5000)
    for device_id, rows in itertools.groupby(conn.execute(stmt), key=lambda row: row.device_id):
        row = ctx.devices[device_id]
        dev = DeviceFacts(row.id, row.slug, row.name, row.kind, row.note,
                          [Statement.from_row(x) for x in rows], device_id in sparse_rule_devices)
        ctx.seen_metrics[device_id] |= {f.metric for f in dev.facts if f.valued}
        for f in dev.facts:
            for c in per_statement:
                findings += c.run(ctx, dev, f)
        for key, group in dev.groups.items():
            for c in per_group:
                findings += c.run(ctx, dev, key, group)
        for (metric, quals), f in dev.chosen.items():
            if metric == "compute":
                for c in per_rate:
                    findings += c.run(ctx, dev, quals, f)
        for c in per_device:
            findings += c.run(ctx, dev)
    for c in in_scope("database"):
        findings += c.run(ctx)
    return findings


def _precision_rules(conn: Connection) -> list[PrecisionRule]:
    r, src, m = T.rules.c, T.sources.c, T.metrics.c
    return [PrecisionRule(*row) for row in conn.execute(
        select(r.key, r.name, r.from_value, r.to_value, r.factor, src.key).select_from(T.rules)
        .join(T.sources, r.source_id == src.id).join(T.metrics, r.metric_id == m.id)
        .where(r.qualifier == "precision", m.key == "compute").order_by(r.key))]


def dataset_findings(conn: Connection, sources: set[str]) -> list[Finding]:
    """The dataset-disagreement findings about statements of ``sources``, as that check finds them
    in ``audit``, for the devices that can have one: those with a statement of ``sources`` and a
    preferred one of a curated source (set-based, so a dataset's thousands of new devices are not
    looked at)."""
    from chipdb.store.db import chunks

    check = CHECKS["dataset-disagreement"]
    s, src, d, m = T.statements.c, T.sources.c, T.devices.c, T.metrics.c
    named = select(s.device_id).join(T.sources, s.source_id == src.id).where(src.key.in_(sorted(sources)))
    curated = select(s.device_id).join(T.sources, s.source_id == src.id).where(s.rank == "preferred",
                                                                                 src.kind != DATASET)
    ids = sorted(i for i, in conn.execute(named.intersect(curated)))
    ctx = Audit(conn=conn, devices={}, dims={mk: dim for mk, dim in conn.execute(select(m.key, m.dimension))},
                core_for={}, has_parts=set(), rules=[], seen_metrics=defaultdict(set))
    out = []
    for part in chunks(ids):
        devices = {dev.id: dev for dev in conn.execute(select(d.id, d.slug, d.name, d.kind, d.note).where(d.id.in_(part)))}
        stmt = statements_select(s.device_id).where(s.device_id.in_(part)).order_by(s.device_id, m.key, s.id)
        for device_id, rows in itertools.groupby(conn.execute(stmt), key=lambda r: r.device_id):
            row = devices[device_id]
            dev = DeviceFacts(row.id, row.slug, row.name, row.kind, row.note,
                              [Statement.from_row(x) for x in rows], False)
            out += [f for f in check.run(ctx, dev) if f.statements[0].split(": ")[0] in sources]
    return out


TPP_COLUMN = "Total processing performance (bit-OP/s)"


def compare_tpp(conn: Connection, derived: list[tuple[str, str, float]], held: Held | None = None) -> list[str]:
    """A dataset's total processing performance (its derived column, in bit-OP/s) against chipdb's
    TPP (``chipdb.analysis.controls.model.tpp``: the highest dense matrix rate x bit length), where they differ by
    more than 2%. ``held``: the statements the import just wrote of the devices it created."""
    from chipdb.analysis.controls.model import tpp

    stated = {slug: value for slug, column, value in derived if column == TPP_COLUMN}
    if not stated:
        return []
    kb, slugs = load_knowledge(conn, sorted(stated), ["compute"], held)  # TPP reads compute alone
    out = []
    for slug in slugs:
        try:
            ours = tpp(kb, slug)
        except ChipDBError:
            continue
        theirs = stated[slug] / 1e12  # bit-OP/s -> TPP (bit length x TOPS)
        if ours.value and abs(theirs / ours.value - 1) > CONFLICT:
            out.append(f"{slug}: the dataset's TPP {theirs:,.0f}, chipdb's {ours.value:,.0f} "
                       f"({ours.formula})")
    return out
