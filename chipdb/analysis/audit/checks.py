"""The built-in audit checks, one registered function each (``chipdb.analysis.audit.registry``),
in the order ``chipdb audit`` lists them."""

from __future__ import annotations

from sqlalchemy import select

from chipdb.store import tables as T
from chipdb.domain import numbers, vocab
from chipdb.domain.errors import ChipDBError
from chipdb.domain.records import Statement
from chipdb.store.knowledge import load_knowledge
from chipdb.domain.resolve import Options, counted_value, resolve
from chipdb.analysis.explain import convention_message, convention_mix, precision_ratio, printed_together
from chipdb.analysis.audit.registry import Audit, DeviceFacts, Finding, acceptance, check, cite
from chipdb.analysis.audit.run import CONFLICT, DATASET

# The float formats ordered by the one bit-length table (integer rates are not compared with float ones).
BITS = {p: bits for p, bits in vocab.BIT_LENGTHS.items() if not vocab.int_precision(p)}
SPARSITY_TOLERANCE = 0.01
# 2**30 / 1e9, 2**40 / 1e12, 2**50 / 1e15: what a GiB, TiB, PiB is against a GB, TB, PB
_BINARY = (2**30 / 1e9, 2**40 / 1e12, 2**50 / 1e15)


def _rounding(printed: str) -> float:
    """Half a unit of the last printed digit, relative to the value: "300" -> 0.5/300."""
    try:
        dec = numbers.parse_exact(printed)
    except numbers.NumberProblem:
        return 0.005
    return float(numbers.half_unit(dec) / abs(dec)) if dec else 0.0


@check("sparsity-ratio", "warning", "sparse is not 2 x dense on a part with 2:4 structured sparsity", scope="rate")
def sparsity_ratio(ctx: Audit, dev: DeviceFacts, q, f: Statement) -> list[Finding]:
    """A sparse rate against the dense one of the same qualifiers; where one side is a dataset's,
    a dataset-disagreement (the dataset's figure is the one to doubt)."""
    if not dev.sparse_rule or q.sparsity != "sparse":
        return []
    dense = dev.chosen.get(("compute", q.with_(sparsity="dense")))
    if not dense:
        return []
    tolerance = SPARSITY_TOLERANCE + _rounding(f.printed) + _rounding(dense.printed)
    if abs(f.value / dense.value / 2 - 1) <= tolerance:
        return []
    dataset = DATASET in (f.source.kind, dense.source.kind)
    return [Finding(
        "dataset-disagreement" if dataset else "sparsity-ratio", dev.slug,
        f"{dev.name} {q.precision}: sparse {f.printed} ({f.source.key}) is {f.value / dense.value:.3f} x "
        f"dense {dense.printed} ({dense.source.key}), not 2"
        + ("; the dataset's figure is the one to doubt" if dataset else ""), [cite(f), cite(dense)],
        printed_together(f, dense) or acceptance("sparsity-ratio", [f, dense]))]


@check("precision-order", "warning",
       "a lower-precision rate below a higher-precision one on the same device and engine", scope="rate")
def precision_order(ctx: Audit, dev: DeviceFacts, q, f: Statement) -> list[Finding]:
    out = []
    for (metric2, q2), g in dev.chosen.items():
        if (metric2 != "compute" or q2.engine != q.engine or q2.sparsity != q.sparsity
                or q.precision not in BITS or q2.precision not in BITS):
            continue
        if BITS[q2.precision] < BITS[q.precision] and g.value < f.value * (1 - SPARSITY_TOLERANCE):
            why = (printed_together(f, g) or precision_ratio(ctx.rules, q.precision, q2.precision, g.value / f.value,
                                                             _rounding(f.printed) + _rounding(g.printed))
                   or acceptance("precision-order", [f, g]))
            out.append(Finding("precision-order", dev.slug,
                               f"{dev.name}: {q2.text()} {g.printed} is below {q.text()} {f.printed}",
                               [cite(g), cite(f)], why))
    return out


@check("system-total", "warning",
       "a system's stated total differs from its derived total by more than the stated rounding", scope="database")
def system_total(ctx: Audit) -> list[Finding]:
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
                        [cite(r.statement)], acceptance("system-total", [r.statement])))
    return out


@check("unresolved-conflict", "warning", "values disagree by more than 2% and none is preferred", scope="group")
def unresolved_conflict(ctx: Audit, dev: DeviceFacts, key: tuple, group: list[Statement]) -> list[Finding]:
    dim = ctx.dims.get(key[0], "")
    values = [counted_value(f, dim)[0] for f in group]
    lo, hi = min(values), max(values)
    if not any(f.rank == "preferred" for f in group) and lo > 0 and (hi - lo) / lo > CONFLICT:
        return [Finding("unresolved-conflict", dev.slug,
                        f"{' '.join(x for x in (dev.name, key[0], key[1].text()) if x)}: {len(group)} values differ by "
                        f"{(hi - lo) / lo * 100:.1f}% and none is preferred",
                        [cite(f) for f in group], acceptance("unresolved-conflict", group))]
    return []


@check("missing-citation", "error", "a statement without a URL or a locator", scope="statement")
def missing_citation(ctx: Audit, dev: DeviceFacts, f: Statement) -> list[Finding]:
    if f.source.url and f.locator.strip():
        return []
    return [Finding("missing-citation", dev.slug, f"{cite(f)} has no {'URL' if not f.source.url else 'locator'}",
                    [cite(f)], acceptance("missing-citation", [f]))]


@check("missing-core-metric", "note", "a device with no value for a core metric of its kind", scope="database")
def missing_core_metric(ctx: Audit) -> list[Finding]:
    """A system with parts is excused every core metric but power (its parts' values add up)."""
    out = []
    marker = "accepted: missing-core-metric"
    for dev_id, dev in ctx.devices.items():
        for metric in ctx.core_for.get(dev.kind, ()):
            if metric not in ctx.seen_metrics[dev_id] and not (dev_id in ctx.has_parts and metric != "power"):
                why = dev.note[dev.note.index(marker):] if marker in dev.note else ""
                out.append(Finding("missing-core-metric", dev.slug, f"{dev.name} has no {metric} value", [], why))
    return out


@check("alias-collision", "error", "an alias that is another device's name or slug", scope="database")
def alias_collision(ctx: Audit) -> list[Finding]:
    a, d = T.aliases.c, T.devices.c
    names: dict[str, set[str]] = {}
    for slug, name_key in ctx.conn.execute(select(d.slug, d.name_key)):
        names.setdefault(name_key, set()).add(slug)
        names.setdefault(vocab.normalize_name(slug), set()).add(slug)
    out = []
    for alias, key, slug in ctx.conn.execute(select(a.alias, a.alias_key, d.slug).select_from(T.aliases)
                                                .join(T.devices, a.device_id == d.id)):
        others = names.get(key, set()) - {slug}
        if others:
            out.append(Finding("alias-collision", slug, f"alias {alias!r} of {slug} is also the name or slug of "
                               f"{', '.join(sorted(others))}"))
    return out


@check("dataset-disagreement", "note",
       "a dataset's value differs by more than 2% from the preferred value of a curated source "
       "(a ratio near 2 or 1/2 flagged as a likely dense/sparse confusion)")
def dataset_disagreement(ctx: Audit, dev: DeviceFacts) -> list[Finding]:
    """A dataset's statement against the preferred statement of a curated (non-dataset) source."""
    out = []
    for (metric, quals), group in dev.groups.items():
        curated = [f for f in group if f.rank == "preferred" and f.source.kind != DATASET]
        if not curated or not curated[0].value:
            continue
        ref = curated[0]
        dim = ctx.dims.get(metric, "")
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
                [cite(f), cite(ref)], acceptance("dataset-disagreement", [f, ref])))
    return out


@check("convention-mix", "error", "a preferred memory capacity that is a physical byte count where capacities are "
                                  "counted nominally (GiB as GB)", scope="group")
def convention_mix_check(ctx: Audit, dev: DeviceFacts, key: tuple, group: list[Statement]) -> list[Finding]:
    dim = ctx.dims.get(key[0], "")
    if dim == "bytes" and (mix := convention_mix(group, dim, _rounding)):
        return [Finding("convention-mix", dev.slug, convention_message(dev.name, *mix),
                        [cite(mix[0]), cite(mix[1])], acceptance("convention-mix", list(mix[:2])))]
    return []
