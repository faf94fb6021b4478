"""Library entry points for tracing, ratios and comparison tables (the CLI is a thin layer on these)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from chipdb.store import tables
from chipdb.store.statements import statement_join


from chipdb.domain import vocab
from chipdb.domain.errors import NotFound, Unresolvable, UsageError
from chipdb.domain.records import Knowledge, Quals
from chipdb.store.knowledge import load_knowledge
from chipdb.domain.resolve import DERIVED, Options, Resolved, complete_quals, metric_qualifiers, resolve


def check_metric(kb: Knowledge, metric: str, conn: Connection | None = None) -> None:
    if metric in kb.metrics or metric in DERIVED:
        return
    from chipdb.store.lookup import did_you_mean

    known = sorted(kb.metrics)
    if conn is not None:
        dims = metric_dimensions(conn)
        if metric in dims:
            raise NotFound(f"{metric} is descriptive ({dims[metric]}), not a quantity to resolve or divide; "
                           f"see: chipdb show DEVICE --metric {metric}")
        known = sorted(k for k, dim in dims.items() if vocab.is_quantity(dim))
    known += sorted(DERIVED)
    if metric in vocab.CONTROL_METRICS:
        raise NotFound(f"{metric} is an export-control parameter: see chipdb trace DEVICE {metric} and chipdb controls")
    raise NotFound(f"no metric {metric!r}{did_you_mean(metric, known + list(vocab.CONTROL_METRICS))}; metrics are: "
                   f"{', '.join(known)} (and for trace: {', '.join(vocab.CONTROL_METRICS)})")


def check_options(options: Options, conn: Connection) -> None:
    """The sources an Options names exist (Options check the rest themselves)."""
    if options.sources:
        from chipdb.store.lookup import find_source

        for key in options.sources:
            find_source(conn, key)


def trace(conn: Connection, device: str, metric: str, given: dict[str, str], options: Options = Options()) -> Resolved:
    check_options(options, conn)
    if metric in vocab.CONTROL_METRICS:
        return _trace_control(conn, device, metric, given, options)
    from chipdb.store.lookup import identify

    ident = identify(conn, device)
    kb, (slug,) = load_knowledge(conn, [ident.device.slug], [metric])
    check_metric(kb, metric, conn)
    quals = complete_quals(kb, [slug], metric, given)
    try:
        return per_runtime_device(kb, ident, resolve(kb, slug, metric, quals, options), options)
    except Unresolvable as exc:
        raise _with_related(conn, [slug], metric, exc) from None


def per_runtime_device(kb: Knowledge, ident, chip: Resolved, options: Options) -> Resolved:
    """The chip's value divided among the runtime devices a runtime string stands for (a TPU v7
    TensorCore, a logical NeuronCore), with the division as a rule in the lineage. A metric that
    does not add up over parts (power) has no per-runtime-device value; a measured value is as
    the run measured it."""
    if ident.per_chip <= 1 or options.basis == vocab.MEASURED:
        return chip
    from chipdb.domain.records import RuleFact

    if chip.metric in DERIVED or not kb.metrics[chip.metric].additive:
        raise Unresolvable(f"{ident.string!r} ({ident.runtime}) is 1 of {ident.per_chip} runtime devices of a "
                           f"{chip.device_name}, and {chip.metric} does not divide among them; ask for the chip: "
                           f"{chip.device}")
    rule = RuleFact(f"per-runtime-device-{ident.per_chip}", f"per runtime device: {ident.string!r} ({ident.runtime}) "
                    f"is 1 of {ident.per_chip} per chip", chip.metric, "scope", "chip", "runtime device",
                    1 / ident.per_chip, ident.source, ident.locator, frozenset({chip.device}))
    return Resolved(chip.device, chip.device_name, chip.metric, chip.dimension, chip.quals, chip.value / ident.per_chip,
                    "rule", rule=rule, inputs=[chip], notes=[f"per runtime device ({ident.string}): 1/{ident.per_chip} "
                                                               "of the chip's value"])


def _trace_control(conn: Connection, device: str, metric: str, given: dict[str, str], options: Options) -> Resolved:
    """TPP or PD (export controls), with the precision and statements that decided it."""
    from chipdb.analysis.controls.model import INPUT_METRICS, resolve_control

    for q, value in given.items():
        if value:
            raise UsageError(f"{metric} takes no --{q}: it is the highest dense matrix rate x bit length over "
                             "the precisions a chip has")
    kb, (slug,) = load_knowledge(conn, [device], INPUT_METRICS)
    return resolve_control(kb, slug, metric, options)


@dataclass
class Ratio:
    metric: str
    quals: Quals
    numerator: Resolved
    denominator: Resolved

    @property
    def value(self) -> float:
        return self.numerator.value / self.denominator.value


def ratio(conn: Connection, a: str, b: str, metric: str, given: dict[str, str], options: Options = Options()) -> Ratio:
    from chipdb.store.lookup import identify

    check_options(options, conn)
    ia, ib = identify(conn, a), identify(conn, b)
    kb, (sa, sb) = load_knowledge(conn, [ia.device.slug, ib.device.slug], [metric])
    check_metric(kb, metric, conn)
    quals = complete_quals(kb, [sa, sb], metric, given)
    try:
        r = ratio_from(kb, sa, sb, metric, quals, options)
        r.numerator = per_runtime_device(kb, ia, r.numerator, options)
        r.denominator = per_runtime_device(kb, ib, r.denominator, options)
        return r
    except Unresolvable as exc:
        raise _with_related(conn, [sa, sb], metric, exc) from None


def _with_related(conn: Connection, slugs: list[str], metric: str, exc: Unresolvable) -> Unresolvable:
    """The error, plus the metrics of the same dimension that every device has values for
    ("...; both have power_all_in (All-in system power)"), when a device has no ``metric`` at all."""
    if metric in DERIVED:
        return exc
    kb, _ = load_knowledge(conn, slugs, None)
    if all(has_values(kb, s, metric) for s in slugs):
        return exc  # a missing qualifier set, not a missing metric: the error lists what exists
    dimension = kb.metrics[metric].dimension
    related = [m for m in kb.metrics if m != metric and kb.metrics[m].dimension == dimension
               and all(has_values(kb, s, m) for s in slugs)]
    if not related:
        return exc
    who = "it has" if len(slugs) == 1 else "both have" if len(slugs) == 2 else "all have"
    named = ", ".join(f"{m} ({kb.metrics[m].name})" for m in related)
    return Unresolvable(f"{exc}; {who} {named}")


def has_values(kb: Knowledge, slug: str, metric: str) -> bool:
    """Whether a device has any value for a metric (its parts' too where the metric adds up over
    them, as the resolver counts them)."""
    from chipdb.domain.resolve import facts_below

    facts = facts_below(kb, slug, metric) if kb.metrics[metric].additive else kb.facts_for(slug, metric)
    return any(f.valued for f in facts)


def ratio_from(kb: Knowledge, a: str, b: str, metric: str, quals: Quals, options: Options) -> Ratio:
    num = resolve(kb, a, metric, quals, options)
    den = resolve(kb, b, metric, quals, options)
    if not den.value:
        raise Unresolvable(f"{den.device_name}'s {metric} is zero; the ratio is undefined")
    return Ratio(metric, quals, num, den)


@dataclass
class CompareRow:
    metric: str
    quals: Quals
    values: dict[str, Resolved]  # device slug -> value
    measured: dict[str, Resolved] = field(default_factory=dict)  # device slug -> measured value, where recorded


@dataclass
class Comparison:
    devices: list[str]
    names: dict[str, str]
    baseline: str
    rows: list[CompareRow]
    skipped: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # the full message for each skipped row
    descriptive: list[DescriptiveRow] = field(default_factory=list)


@dataclass
class DescriptiveRow:
    """A descriptive metric (process node, memory type, dates, status) as printed, per device:
    (printed value, source key) of its preferred statement, or None."""

    metric: str
    values: dict[str, tuple[str, str] | None]


def compare(conn: Connection, devices: list[str], metrics: list[str], precisions: list[str],
            baseline: str | None = None, options: Options = Options(), sparsity: str = "dense") -> Comparison:
    check_options(options, conn)
    if len(devices) < 2:
        raise UsageError("compare needs at least two devices")
    described = descriptive_metrics(conn)
    asked = bool(metrics)
    wanted_descriptive = [m for m in metrics if m in described] if asked else list(described)
    metrics = [m for m in metrics if m not in described]
    kb, slugs = load_knowledge(conn, devices, metrics if asked else None)
    if len(set(slugs)) != len(slugs):
        raise UsageError("a device is named twice")
    for m in metrics:
        check_metric(kb, m, conn)
    for p in precisions:
        if p not in vocab.PRECISIONS:
            raise UsageError(f"precision {p!r} is not one of: {', '.join(vocab.PRECISIONS)}", "precision")
    base = slugs[0]
    if baseline:
        from chipdb.store.lookup import find_device

        base = find_device(conn, baseline).slug
        if base not in slugs:
            raise UsageError(f"baseline {baseline!r} is not one of the devices compared", "baseline")
    comparison = Comparison(slugs, {s: kb.devices[s].name for s in slugs}, base, [])
    comparison.descriptive = _descriptive_rows(conn, slugs, wanted_descriptive)
    for metric in metrics if asked else _shared_metrics(kb, slugs):
        for quals in _qualifier_sets(kb, slugs, metric, precisions, sparsity):
            values, missing, reasons = {}, [], []
            for slug in slugs:
                try:
                    values[slug] = resolve(kb, slug, metric, quals, options)
                except Unresolvable as exc:
                    why = " (not applicable, per its sources)" if exc.status == "not_applicable" else ""
                    missing.append(kb.devices[slug].name + why)
                    reasons.append(str(exc))
            if missing:
                comparison.skipped.append(f"{metric} {quals.text()}".strip() + f": no value for {', '.join(missing)}")
                comparison.reasons.append("; ".join(reasons))
            else:
                comparison.rows.append(CompareRow(metric, quals, values, _measured(kb, slugs, metric, quals, options)))
    if not comparison.rows and not any(any(r.values.values()) for r in comparison.descriptive):
        detail = ("; ".join(comparison.reasons[:3])) if comparison.reasons else "no shared metrics"
        raise Unresolvable(f"nothing to compare: {detail}")
    return comparison


def _measured(kb: Knowledge, slugs: list[str], metric: str, quals: Quals, options: Options) -> dict[str, Resolved]:
    """The measured value of each device on these qualifiers, where one is recorded (shown
    beside the published one, never in its place)."""
    from dataclasses import replace

    measured = replace(options, basis=vocab.MEASURED)
    out = {}
    for slug in slugs:
        try:
            out[slug] = resolve(kb, slug, metric, quals, measured)
        except Unresolvable:
            pass
    return out


def metric_dimensions(conn: Connection) -> dict[str, str]:
    """Every stored metric's dimension, by key."""
    m = tables.metrics.c
    return dict(conn.execute(select(m.key, m.dimension).order_by(m.key)).all())


def descriptive_metrics(conn: Connection) -> dict[str, str]:
    """The descriptive metrics (text and dates) by key, with their dimension."""
    return {k: d for k, d in metric_dimensions(conn).items() if not vocab.is_quantity(d)}


def _descriptive_rows(conn: Connection, slugs: list[str], metrics: list[str]) -> list[DescriptiveRow]:
    if not metrics:
        return []
    T = tables
    s, d, m, src = T.statements.c, T.devices.c, T.metrics.c, T.sources.c
    stmt = (statement_join(d.slug, m.key, s.value_printed, src.key)
            .where(d.slug.in_(slugs), m.key.in_(metrics), s.rank == "preferred"))
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for slug, metric, printed, source in conn.execute(stmt):
        found[(metric, slug)] = (printed, source)
    rows = [DescriptiveRow(metric, {slug: found.get((metric, slug)) for slug in slugs}) for metric in metrics]
    return [r for r in rows if any(r.values.values())]


def _shared_metrics(kb: Knowledge, slugs: list[str]) -> list[str]:
    from chipdb.domain.resolve import facts_below

    order = list(kb.metrics)
    have = [{m for m in kb.metrics if any(f.valued for f in facts_below(kb, s, m))} for s in slugs]
    shared = set.intersection(*have)
    return [m for m in order if m in shared]


def _qualifier_sets(kb: Knowledge, slugs: list[str], metric: str, precisions: list[str], sparsity: str) -> list[Quals]:
    """The qualifier sets any of the devices has values for (at the requested sparsity, which a
    rule may reach), limited to the given precisions; in vocabulary order."""
    from chipdb.domain.resolve import facts_below

    bases = [DERIVED[metric].numerator] if metric in DERIVED else [metric]
    wanted = metric_qualifiers(kb, metric)
    found: set[Quals] = set()
    for slug in slugs:
        for base in bases:
            for f in facts_below(kb, slug, base):
                if not f.valued:
                    continue
                q = Quals(**{k: (f.quals.get(k) if k in wanted else "") for k in vocab.QUALIFIERS})
                if "sparsity" in wanted:
                    q = q.with_(sparsity=sparsity)
                if precisions and "precision" in wanted and q.precision not in precisions:
                    continue
                found.add(q)
    if precisions and "precision" in wanted:
        found |= {Quals(precision=p, sparsity=sparsity, engine="matrix") for p in precisions} - {
            q for q in found if q.precision in precisions}
    order = {q: [vocab.QUALIFIER_VALUES[k].index(q.get(k)) if q.get(k) else -1 for k in vocab.QUALIFIERS]
             for q in found}
    return sorted(found, key=order.__getitem__)
