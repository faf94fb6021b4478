"""A lint of the whole database: contradictions and gaps, each with the statements behind it.

A finding is *accepted* when one of its statements explains it in the data: its rank reason or
note contains ``accepted: <check>`` followed by the explanation (for a missing metric, the
device's note does), or when the data explains it by itself (``chipdb.analysis.explain``: a pair
one source prints together, a seeded precision rule). ``chipdb audit --strict`` fails only on
findings that are not accepted. Each finding has a grade: ``error`` (the data is wrong or
untraceable), ``warning`` (a figure disagrees with another and nothing says why) or ``note``
(a gap, or a dataset's value against a curated one), so a large import does not bury the few
that matter.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.domain import numbers, vocab
from chipdb.domain.errors import ChipDBError
from chipdb.domain.records import Fact
from chipdb.store.knowledge import fact_from_row, load_knowledge, statements_select
from chipdb.domain.resolve import Options, counted_value, resolve
from chipdb.analysis.explain import (PrecisionRule, convention_message, convention_mix, precision_ratio,
                                     printed_together)

CHECKS = {
    "sparsity-ratio": "sparse is not 2 x dense on a part with 2:4 structured sparsity",
    "precision-order": "a lower-precision rate below a higher-precision one on the same device and engine",
    "system-total": "a system's stated total differs from its derived total by more than the stated rounding",
    "unresolved-conflict": "values disagree by more than 2% and none is preferred",
    "missing-citation": "a statement without a URL or a locator",
    "missing-core-metric": "a device with no value for a core metric of its kind",
    "alias-collision": "an alias that is another device's name or slug",
    "dataset-disagreement": "a dataset's value differs by more than 2% from the preferred value of a curated source "
                            "(a ratio near 2 or 1/2 flagged as a likely dense/sparse confusion)",
    "convention-mix": "a preferred memory capacity that is a physical byte count where capacities are counted "
                      "nominally (GiB as GB)",
}
GRADES = ("error", "warning", "note")
CHECK_GRADES = {"missing-citation": "error", "alias-collision": "error", "convention-mix": "error",
                "sparsity-ratio": "warning", "precision-order": "warning", "system-total": "warning",
                "unresolved-conflict": "warning", "dataset-disagreement": "note", "missing-core-metric": "note"}
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
    grade: str = ""  # error | warning | note; the check's own grade unless a finding says otherwise

    def __post_init__(self) -> None:
        self.grade = self.grade or CHECK_GRADES[self.check]

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


def audit(conn: Connection) -> list[Finding]:
    findings: list[Finding] = []
    d, s, m = T.devices.c, T.statements.c, T.metrics.c
    devices = {dev.id: dev for dev in conn.execute(select(d.id, d.slug, d.name, d.kind, d.note).order_by(d.slug))}
    dims = {mk: dim for mk, dim in conn.execute(select(m.key, m.dimension))}
    rd, r = T.rule_devices.c, T.rules.c
    sparse_rule_devices = {dev_id for dev_id, in conn.execute(
        select(rd.device_id).join(T.rules, rd.rule_id == r.id).where(r.qualifier == "sparsity"))}
    has_parts = {sys_id for sys_id, in conn.execute(select(T.components.c.system_id).distinct())}
    rules = _precision_rules(conn)
    stmt = statements_select().order_by(s.device_id, m.key, s.id).execution_options(yield_per=5000)
    seen_metrics: dict[int, set[str]] = defaultdict(set)
    for device_id, rows in itertools.groupby(conn.execute(stmt), key=lambda r: r.device_id):
        facts = [fact_from_row(row, devices[device_id].slug) for row in rows]
        seen_metrics[device_id] |= {f.metric for f in facts if f.valued}
        findings += _check_device(devices[device_id], facts, device_id in sparse_rule_devices, rules, dims)
        findings += _check_datasets(devices[device_id], facts, dims)
    core_for: dict[str, list[str]] = defaultdict(list)  # a metric's core status is its data (metrics.core_for)
    for key, kinds in conn.execute(select(m.key, m.core_for).order_by(m.id)):
        for kind in kinds.split():
            core_for[kind].append(key)
    for dev_id, dev in devices.items():
        for metric in core_for.get(dev.kind, ()):
            if metric not in seen_metrics[dev_id] and not (dev_id in has_parts and metric != "power"):
                marker = "accepted: missing-core-metric"
                why = dev.note[dev.note.index(marker):] if marker in dev.note else ""
                findings.append(Finding("missing-core-metric", dev.slug, f"{dev.name} has no {metric} value", [], why))
    findings += _check_systems(conn, sorted((devices[i] for i in has_parts), key=lambda dev: dev.slug), dims)
    findings += _check_aliases(conn)
    return findings


def _precision_rules(conn: Connection) -> list[PrecisionRule]:
    r, src, m = T.rules.c, T.sources.c, T.metrics.c
    return [PrecisionRule(*row) for row in conn.execute(
        select(r.key, r.name, r.from_value, r.to_value, r.factor, src.key).select_from(T.rules)
        .join(T.sources, r.source_id == src.id).join(T.metrics, r.metric_id == m.id)
        .where(r.qualifier == "precision", m.key == "compute").order_by(r.key))]


def _check_device(dev, facts: list[Fact], sparse_rule: bool, rules: list[PrecisionRule],
                  dims: dict[str, str]) -> list[Finding]:
    out = []
    for f in facts:
        if not f.source.url or not f.locator.strip():
            out.append(Finding("missing-citation", dev.slug, f"{_cite(f)} has no {'URL' if not f.source.url else 'locator'}",
                               [_cite(f)], _acceptance("missing-citation", [f])))
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.valued and f.rank != "deprecated":
            groups[(f.metric, f.quals)].append(f)
    chosen = {}
    for key, group in groups.items():
        preferred = [f for f in group if f.rank == "preferred"]
        chosen[key] = preferred[0] if preferred else group[0]
        dim = dims.get(key[0], "")
        if dim == "bytes" and (mix := convention_mix(group, dim, _rounding)):
            out.append(Finding("convention-mix", dev.slug, convention_message(dev.name, *mix),
                               [_cite(mix[0]), _cite(mix[1])], _acceptance("convention-mix", list(mix[:2]))))
        values = [counted_value(f, dim)[0] for f in group]
        lo, hi = min(values), max(values)
        if not preferred and lo > 0 and (hi - lo) / lo > CONFLICT:
            out.append(Finding("unresolved-conflict", dev.slug,
                               f"{' '.join(x for x in (dev.name, key[0], key[1].text()) if x)}: {len(group)} values differ by "
                               f"{(hi - lo) / lo * 100:.1f}% and none is preferred",
                               [_cite(f) for f in group], _acceptance("unresolved-conflict", group)))
    for (metric, q), f in chosen.items():
        if metric != "compute":
            continue
        if sparse_rule and q.sparsity == "sparse":
            dense = chosen.get((metric, q.with_(sparsity="dense")))
            tolerance = SPARSITY_TOLERANCE + _rounding(f.printed) + _rounding(dense.printed) if dense else 0
            if dense and abs(f.value / dense.value / 2 - 1) > tolerance:
                dataset = DATASET in (f.source.kind, dense.source.kind)
                out.append(Finding(
                    "dataset-disagreement" if dataset else "sparsity-ratio", dev.slug,
                    f"{dev.name} {q.precision}: sparse {f.printed} ({f.source.key}) is {f.value / dense.value:.3f} x "
                    f"dense {dense.printed} ({dense.source.key}), not 2"
                    + ("; the dataset's figure is the one to doubt" if dataset else ""), [_cite(f), _cite(dense)],
                    printed_together(f, dense) or _acceptance("sparsity-ratio", [f, dense])))
        for (metric2, q2), g in chosen.items():
            if (metric2 != "compute" or q2.engine != q.engine or q2.sparsity != q.sparsity
                    or q.precision not in BITS or q2.precision not in BITS):
                continue
            if BITS[q2.precision] < BITS[q.precision] and g.value < f.value * (1 - SPARSITY_TOLERANCE):
                why = (printed_together(f, g) or precision_ratio(rules, q.precision, q2.precision, g.value / f.value,
                                                                 _rounding(f.printed) + _rounding(g.printed))
                       or _acceptance("precision-order", [f, g]))
                out.append(Finding("precision-order", dev.slug,
                                   f"{dev.name}: {q2.text()} {g.printed} is below {q.text()} {f.printed}",
                                   [_cite(g), _cite(f)], why))
    return out


def _check_datasets(dev, facts: list[Fact], dims: dict[str, str]) -> list[Finding]:
    """A dataset's statement against the preferred statement of a curated (non-dataset) source."""
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
        dim = dims.get(metric, "")
        for f in group:
            if f.source.kind != DATASET:
                continue
            ratio = counted_value(f, dim)[0] / counted_value(ref, dim)[0]
            if abs(ratio - 1) <= CONFLICT:
                continue
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
    """The dataset-disagreement findings about statements of ``sources``, as ``audit`` finds them,
    for the devices that can have one: those with a statement of ``sources`` and a preferred one
    of a curated source (set-based, so a dataset's thousands of new devices are not looked at)."""
    from chipdb.store.db import chunks

    s, src, d, m = T.statements.c, T.sources.c, T.devices.c, T.metrics.c
    named = select(s.device_id).join(T.sources, s.source_id == src.id).where(src.key.in_(sorted(sources)))
    curated = select(s.device_id).join(T.sources, s.source_id == src.id).where(s.rank == "preferred",
                                                                                 src.kind != DATASET)
    ids = sorted(i for i, in conn.execute(named.intersect(curated)))
    dims = {mk: dim for mk, dim in conn.execute(select(m.key, m.dimension))}
    out = []
    for part in chunks(ids):
        devices = {dev.id: dev for dev in conn.execute(select(d.id, d.slug, d.name, d.kind, d.note).where(d.id.in_(part)))}
        stmt = statements_select().where(s.device_id.in_(part)).order_by(s.device_id, m.key, s.id)
        for device_id, rows in itertools.groupby(conn.execute(stmt), key=lambda r: r.device_id):
            facts = [fact_from_row(row, devices[device_id].slug) for row in rows]
            out += [f for f in _check_datasets(devices[device_id], facts, dims) if f.statements[0].split(": ")[0] in sources]
    return out


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


def _check_systems(conn: Connection, systems: list, dims: dict[str, str]) -> list[Finding]:
    if not systems:
        return []
    out = []
    kb, slugs = load_knowledge(conn, [dev.slug for dev in systems])
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


def _check_aliases(conn: Connection) -> list[Finding]:
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
