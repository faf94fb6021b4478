"""A lint of the whole database: contradictions and gaps, each with the statements behind it.

Each check is one function registered with ``@check(name, what)``: a per-device check gets the
device and its statements, a whole-database check the ``Audit`` context; ``audit`` runs the
per-device checks device by device, then the others, each kind in the order registered. Which
metrics a device must have is data: the metrics table's ``core_for`` (device kinds).

A finding is *accepted* when one of its statements explains it in the data: its rank reason or
note contains ``accepted: <check>`` followed by the explanation (for a missing metric, the
device's note does). ``chipdb audit --strict`` fails
only on findings that are not accepted.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.domain import numbers, vocab
from chipdb.domain.errors import ChipDBError
from chipdb.domain.records import Fact
from chipdb.store.knowledge import fact_from_row, load_knowledge, statements_select
from chipdb.domain.resolve import Options, resolve

# The float formats ordered by the one bit-length table (integer rates are not compared with float ones).
BITS = {p: bits for p, bits in vocab.BIT_LENGTHS.items() if not vocab.int_precision(p)}
SPARSITY_TOLERANCE = 0.01
CONFLICT = 0.02
DATASET = "dataset"


@dataclass
class Finding:
    check: str
    device: str
    message: str
    statements: list[str] = field(default_factory=list)  # "source: metric qualifiers = printed"
    accepted: str = ""  # the explanation found in the data, when accepted

    @property
    def status(self) -> str:
        return "accepted" if self.accepted else "open"


def _cite(f: Fact) -> str:
    return f"{f.source.key}: {' '.join(x for x in (f.metric, f.quals.text()) if x)} = {f.printed}"


def _acceptance(check: str, facts: list[Fact]) -> str:
    """The explanation written into a statement's rank reason or note, if the finding is accepted."""
    marker = f"accepted: {check}"
    for f in facts:
        text = f"{f.reason} {f.note}"
        if marker in text:
            return text[text.index(marker):]
    return ""




@dataclass(frozen=True)
class Check:
    name: str
    what: str
    run: Callable[..., Iterable[Finding]]
    per_device: bool


CHECKS: dict[str, Check] = {}


def check(name: str, what: str, per_device: bool = True):
    """Register an audit check: ``fn(ctx, dev, facts)`` per device, else ``fn(ctx)`` once."""
    def decorate(fn):
        CHECKS[name] = Check(name, what, fn, per_device)
        return fn

    return decorate


@dataclass
class Audit:
    """What the checks read, loaded once: the devices, metric dimensions and core kinds, which
    devices have a sparsity rule or parts, and which metrics each device has a value of."""

    conn: Connection
    devices: dict[int, Any]
    dims: dict[str, str]
    core_for: dict[str, list[str]]  # device kind -> its core metrics (metrics.core_for)
    sparse_rule_devices: set[int]
    has_parts: set[int]
    seen_metrics: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))


def audit(conn: Connection) -> list[Finding]:
    d, s, m = T.devices.c, T.statements.c, T.metrics.c
    rd, r = T.rule_devices.c, T.rules.c
    dims: dict[str, str] = {}
    core_for: dict[str, list[str]] = defaultdict(list)
    for key, dim, kinds in conn.execute(select(m.key, m.dimension, m.core_for).order_by(m.id)):
        dims[key] = dim
        for kind in kinds.split():
            core_for[kind].append(key)
    ctx = Audit(
        conn, {dev.id: dev for dev in conn.execute(select(d.id, d.slug, d.name, d.kind, d.note).order_by(d.slug))},
        dims, core_for,
        {dev_id for dev_id, in conn.execute(
            select(rd.device_id).join(T.rules, rd.rule_id == r.id).where(r.qualifier == "sparsity"))},
        {sys_id for sys_id, in conn.execute(select(T.components.c.system_id).distinct())})
    per_device = [c for c in CHECKS.values() if c.per_device]
    findings: list[Finding] = []
    stmt = statements_select().order_by(s.device_id, m.key, s.id).execution_options(yield_per=5000)
    for device_id, rows in itertools.groupby(conn.execute(stmt), key=lambda r: r.device_id):
        dev = ctx.devices[device_id]
        facts = [fact_from_row(row, dev.slug) for row in rows]
        ctx.seen_metrics[device_id] |= {f.metric for f in facts if f.valued}
        for c in per_device:
            findings += c.run(ctx, dev, facts)
    for c in CHECKS.values():
        if not c.per_device:
            findings += c.run(ctx)
    return findings


@check("missing-citation", "a statement without a URL or a locator")
def _missing_citation(ctx: Audit, dev, facts: list[Fact]) -> list[Finding]:
    return [Finding("missing-citation", dev.slug, f"{_cite(f)} has no {'URL' if not f.source.url else 'locator'}",
                    [_cite(f)], _acceptance("missing-citation", [f]))
            for f in facts if not f.source.url or not f.locator.strip()]


def _groups(facts: list[Fact]) -> dict[tuple, list[Fact]]:
    """The valued, non-deprecated statements by metric and qualifiers."""
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.valued and f.rank != "deprecated":
            groups[(f.metric, f.quals)].append(f)
    return groups


def _chosen_compute(facts: list[Fact]) -> dict[Any, Fact]:
    """Per compute qualifier set: the preferred statement, else the first."""
    return {quals: next((f for f in group if f.rank == "preferred"), group[0])
            for (metric, quals), group in _groups(facts).items() if metric == "compute"}


@check("unresolved-conflict", "values disagree by more than 2% and none is preferred")
def _unresolved_conflict(ctx: Audit, dev, facts: list[Fact]) -> list[Finding]:
    out = []
    for key, group in _groups(facts).items():
        lo, hi = min(f.value for f in group), max(f.value for f in group)
        if not any(f.rank == "preferred" for f in group) and lo > 0 and (hi - lo) / lo > CONFLICT:
            out.append(Finding("unresolved-conflict", dev.slug,
                               f"{' '.join(x for x in (dev.name, key[0], key[1].text()) if x)}: {len(group)} values "
                               f"differ by {(hi - lo) / lo * 100:.1f}% and none is preferred",
                               [_cite(f) for f in group], _acceptance("unresolved-conflict", group)))
    return out


@check("sparsity-ratio", "sparse is not 2 x dense on a part with 2:4 structured sparsity")
def _sparsity_ratio(ctx: Audit, dev, facts: list[Fact]) -> list[Finding]:
    if dev.id not in ctx.sparse_rule_devices:
        return []
    out = []
    chosen = _chosen_compute(facts)
    for q, f in chosen.items():
        dense = chosen.get(q.with_(sparsity="dense")) if q.sparsity == "sparse" else None
        if dense and abs(f.value - 2 * dense.value) > SPARSITY_TOLERANCE * f.value:
            out.append(Finding("sparsity-ratio", dev.slug,
                               f"{dev.name} {q.precision}: sparse {f.printed} is {f.value / dense.value:.3f} x dense "
                               f"{dense.printed}, not 2", [_cite(f), _cite(dense)],
                               _acceptance("sparsity-ratio", [f, dense])))
    return out


@check("precision-order", "a lower-precision rate below a higher-precision one on the same device and engine")
def _precision_order(ctx: Audit, dev, facts: list[Fact]) -> list[Finding]:
    out = []
    chosen = _chosen_compute(facts)
    for q, f in chosen.items():
        for q2, g in chosen.items():
            if q2.engine != q.engine or q2.sparsity != q.sparsity or q.precision not in BITS or q2.precision not in BITS:
                continue
            if BITS[q2.precision] < BITS[q.precision] and g.value < f.value * (1 - SPARSITY_TOLERANCE):
                out.append(Finding("precision-order", dev.slug,
                                   f"{dev.name}: {q2.text()} {g.printed} is below {q.text()} {f.printed}",
                                   [_cite(g), _cite(f)], _acceptance("precision-order", [f, g])))
    return out


@check("dataset-disagreement", "a dataset's value differs by more than 2% from the preferred value of a curated source "
                               "(a ratio near 2 or 1/2 flagged as a likely dense/sparse confusion)")
def _dataset_disagreement(ctx: Audit, dev, facts: list[Fact]) -> list[Finding]:
    """A dataset's statement against the preferred statement of a curated (non-dataset) source."""
    dims = ctx.dims
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.valued and f.rank != "deprecated" and f.value is not None:
            groups[(f.metric, f.quals)].append(f)
    out = []
    for (metric, quals), group in groups.items():
        curated = [f for f in group if f.rank == "preferred" and f.source.kind != DATASET]
        if not curated or not curated[0].value:
            continue
        ref = curated[0]
        for f in group:
            if f.source.kind != DATASET:
                continue
            ratio = f.value / ref.value
            if abs(ratio - 1) <= CONFLICT:
                continue
            dim = dims.get(metric, "")
            show = (lambda x: vocab.format_quantity(x.value, dim, quals.precision)) if vocab.is_quantity(dim) \
                else (lambda x: x.printed)
            hint = ""
            if metric == "compute" and (abs(ratio / 2 - 1) <= CONFLICT or abs(ratio * 2 - 1) <= CONFLICT):
                hint = f"; a ratio of {ratio:.3f}: likely a dense/sparse confusion"
            elif dim in ("bytes", "bytes_per_second") and any(
                    abs(ratio / b - 1) <= 0.002 or abs(ratio * b - 1) <= 0.002 for b in _BINARY):
                hint = f"; a ratio of {ratio:.4f}: likely binary against decimal prefixes (GiB and GB, TiB and TB)"
            out.append(Finding(
                "dataset-disagreement", dev.slug,
                f"{' '.join(x for x in (dev.name, metric, quals.text()) if x)}: {f.source.key} gives {show(f)}, "
                f"{ref.source.key} (preferred) gives {show(ref)}: {(ratio - 1) * 100:+.1f}%{hint}",
                [_cite(f), _cite(ref)], _acceptance("dataset-disagreement", [f, ref])))
    return out



def dataset_findings(conn: Connection, sources: set[str]) -> list[Finding]:
    """The dataset-disagreement findings about statements of ``sources``."""
    return [f for f in audit(conn) if f.check == "dataset-disagreement" and f.statements[0].split(": ")[0] in sources]


TPP_COLUMN = "Total processing performance (bit-OP/s)"


def compare_tpp(conn: Connection, derived: list[tuple[str, str, float]]) -> list[str]:
    """A dataset's total processing performance (its derived column, in bit-OP/s) against chipdb's
    TPP (``chipdb.controls.model.tpp``: the highest dense matrix rate x bit length), where they differ by
    more than 2%."""
    from chipdb.controls.model import INPUT_METRICS, tpp

    stated = {slug: value for slug, column, value in derived if column == TPP_COLUMN}
    if not stated:
        return []
    kb, slugs = load_knowledge(conn, sorted(stated), INPUT_METRICS)
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


@check("missing-core-metric", "a device with no value for a core metric of its kind", per_device=False)
def _missing_core_metric(ctx: Audit) -> list[Finding]:
    out = []
    for dev_id, dev in ctx.devices.items():
        for metric in ctx.core_for.get(dev.kind, ()):
            if metric not in ctx.seen_metrics[dev_id] and not (dev_id in ctx.has_parts and metric != "power"):
                marker = "accepted: missing-core-metric"
                why = dev.note[dev.note.index(marker):] if marker in dev.note else ""
                out.append(Finding("missing-core-metric", dev.slug, f"{dev.name} has no {metric} value", [], why))
    return out


@check("system-total", "a system's stated total differs from its derived total by more than the stated rounding",
       per_device=False)
def _system_total(ctx: Audit) -> list[Finding]:
    systems = sorted((ctx.devices[i] for i in ctx.has_parts), key=lambda dev: dev.slug)
    if not systems:
        return []
    out = []
    kb, slugs = load_knowledge(ctx.conn, [dev.slug for dev in systems])
    for slug in slugs:
        for (device, metric), facts in sorted(kb.facts.items(), key=lambda item: item[0]):  # same order on every engine
            if device != slug or not kb.metrics[metric].additive:
                continue
            for quals in sorted({f.quals for f in facts if f.valued}, key=lambda q: q.text()):
                try:
                    r = resolve(kb, slug, metric, quals, Options())
                except ChipDBError:
                    continue
                if r.method != "stated" or r.alternative is None or r.alternative.method != "derived":
                    continue
                tolerance = _rounding(r.statement.value_printed)
                diff = abs(r.alternative.value - r.value) / r.value
                if diff > tolerance:
                    out.append(Finding(
                        "system-total", slug,
                        f"{' '.join(x for x in (r.device_name, metric, quals.text()) if x)}: stated {r.readable} "
                        f"({r.statement.source.key}), "
                        f"derived from its parts {r.alternative.readable}: {r.difference():+.2f}%, beyond the "
                        f"stated rounding (±{tolerance * 100:.2f}%)",
                        [_cite(r.statement)], _acceptance("system-total", [r.statement])))
    return out


# 2**30 / 1e9, 2**40 / 1e12, 2**50 / 1e15: what a GiB, TiB, PiB is against a GB, TB, PB
_BINARY = (2**30 / 1e9, 2**40 / 1e12, 2**50 / 1e15)


def _rounding(printed: str) -> float:
    """Half a unit of the last printed digit, relative to the value: "300" -> 0.5/300."""
    try:
        dec = numbers.parse_exact(printed)
    except numbers.NumberProblem:
        return 0.005
    return float(numbers.half_unit(dec) / abs(dec)) if dec else 0.0


@check("alias-collision", "an alias that is another device's name or slug", per_device=False)
def _alias_collision(ctx: Audit) -> list[Finding]:
    conn = ctx.conn
    a, d = T.aliases.c, T.devices.c
    names: dict[str, set[str]] = defaultdict(set)
    for slug, name_key in conn.execute(select(d.slug, d.name_key)):
        names[name_key].add(slug)
        names[vocab.normalize_name(slug)].add(slug)
    out = []
    for alias, key, slug in conn.execute(select(a.alias, a.alias_key, d.slug).select_from(T.aliases)
                                            .join(T.devices, a.device_id == d.id)):
        others = names.get(key, set()) - {slug}
        if others:
            out.append(Finding("alias-collision", slug, f"alias {alias!r} of {slug} is also the name or slug of "
                               f"{', '.join(sorted(others))}"))
    return out
